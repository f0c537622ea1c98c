/**
 * Inputs: files, simple globs (`exports/*.csv`, `**` for any depth, for cron
 * jobs that quote their patterns), `-` for stdin, and gzip (detected by its magic
 * bytes, not the name). Each input is an async stream of byte chunks; nothing is
 * read ahead beyond one chunk, so memory stays flat whatever the file size.
 */
import { readdirSync, statSync, type Stats } from "node:fs";
import { open } from "node:fs/promises";
import { join, sep } from "node:path";
import { createGunzip } from "node:zlib";
import { CckpiError } from "../errors.js";

export interface Input {
  /** As the user named it (`-` shown as `<stdin>`); used in every file:line message. */
  name: string;
  path: string | null;
  bytes: number | null;
}

const CHUNK_BYTES = 1 << 20;
const FIRST_PIECE_BYTES = 64 << 10;

function hasGlob(p: string): boolean {
  return /[*?[]/.test(p);
}

function globToRegExp(segment: string): RegExp {
  let re = "^";
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if (ch === "[" && segment.indexOf("]", i + 2) !== -1) {
      // A class: [abc], [a-z], [!a] / [^a]. A "]" right after "[" or "[!" is a member.
      let k = i + 1;
      const negate = segment[k] === "!" || segment[k] === "^";
      if (negate) k++;
      const close = segment.indexOf("]", k + 1);
      if (close === -1) { re += "\\["; continue; }
      re += `[${negate ? "^" : ""}${segment.slice(k, close).replace(/[\\\]^[]/g, "\\$&")}]`;
      i = close;
    } else re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&"); // an unclosed "[" is literal too
  }
  return new RegExp(`${re}$`);
}

/** Expand a glob relative to the current folder; sorted, files only. */
function expandGlob(pattern: string): string[] {
  const parts = pattern.split(/[\\/]/);
  const absolute = pattern.startsWith("/");
  const out: string[] = [];
  const walk = (dir: string, i: number): void => {
    if (i === parts.length) return;
    const part = parts[i]!;
    const last = i === parts.length - 1;
    if (part === "**") {
      walk(dir, i + 1);
      for (const e of safeReaddir(dir)) if (e.isDir) walk(join(dir, e.name), i);
      return;
    }
    if (!hasGlob(part)) {
      const p = join(dir, part);
      if (last) { if (isFile(p)) out.push(p); } else walk(p, i + 1);
      return;
    }
    const re = globToRegExp(part);
    for (const e of safeReaddir(dir)) {
      if (!re.test(e.name)) continue;
      const p = join(dir, e.name);
      if (last) { if (!e.isDir) out.push(p); } else if (e.isDir) walk(p, i + 1);
    }
  };
  walk(absolute ? "/" : ".", absolute ? 1 : 0);
  return [...new Set(out)].sort().map((p) => (p.startsWith(`.${sep}`) ? p.slice(2) : p));
}

function safeReaddir(dir: string): { name: string; isDir: boolean }[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).map((d) => ({ name: d.name, isDir: d.isDirectory() }));
  } catch {
    return [];
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Whether a command-line input is a pattern to expand: `report[1].csv` that exists is a name, not a pattern. */
function isPattern(a: string): boolean {
  return hasGlob(a) && !isFile(a);
}

/**
 * The files the command line's inputs name, as far as they can be found, with
 * their sizes: `resolveInputs` without its errors (stdin, folders and missing
 * files left out), for starting the reading worker before the inputs are read.
 */
export function filesNamed(args: readonly string[]): { path: string; bytes: number }[] {
  const out: { path: string; bytes: number }[] = [];
  for (const a of args) {
    if (a === "-") continue;
    for (const p of isPattern(a) ? expandGlob(a) : [a]) {
      try {
        const st = statSync(p);
        if (st.isFile()) out.push({ path: p, bytes: st.size });
      } catch {
        // missing: the reader reports it in its turn
      }
    }
  }
  return out;
}

/** Resolve the command line's inputs; a missing file is an input error (exit 3). */
export function resolveInputs(args: readonly string[]): Input[] {
  const out: Input[] = [];
  for (const a of args) {
    if (a === "-") {
      out.push({ name: "<stdin>", path: null, bytes: null });
      continue;
    }
    if (isPattern(a)) {
      const hits = expandGlob(a);
      if (hits.length === 0) throw new CckpiError("INPUT_NOT_FOUND", `no file matches "${a}"`, "check the pattern and the current folder");
      for (const h of hits) out.push({ name: h, path: h, bytes: statSync(h).size });
      continue;
    }
    let st: Stats;
    try {
      st = statSync(a);
    } catch {
      throw new CckpiError("INPUT_NOT_FOUND", `input not found: ${a}`, `check the path (current folder: ${process.cwd()})`);
    }
    if (st.isDirectory()) {
      throw new CckpiError("INPUT_UNREADABLE", `${a} is a folder`, `name the files, e.g. "${join(a, "*.csv")}"`);
    }
    out.push({ name: a, path: a, bytes: st.size });
  }
  if (out.length === 0) throw new CckpiError("USAGE", "no input files given", "name one or more files, or - for stdin");
  return out;
}

/**
 * The input's bytes, gunzipped when they start with the gzip magic bytes.
 * `firstInPieces`: the first chunk comes in 64 KiB pieces (for the first input a
 * thread reads; see below).
 *
 * A chunk is valid until the next is asked for: a file is read into two buffers
 * in turn (`fileChunks`), and the reader decodes each chunk before it asks again.
 */
export async function* readBytes(input: Input, firstInPieces = true): AsyncGenerator<Buffer> {
  const raw: AsyncIterable<Buffer> = input.path === null ? (process.stdin as AsyncIterable<Buffer>) : fileChunks(input.path);
  let first = true;
  try {
    for await (const chunk of raw) {
      if (first) {
        first = false;
        if (chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b) {
          // zlib keeps what it is given until it has inflated it: it gets copies, not the reused buffers.
          yield* gunzipAll(copies(raw), Buffer.from(chunk), createGunzip({ chunkSize: 256 * 1024 }), input.name);
          return;
        }
        // The first chunk in pieces: each is a batch for the builder (batching.ts), which so starts
        // after 64 KiB are parsed rather than 1 MiB, the first MiB being parsed cold (~100 ms).
        if (firstInPieces) {
          for (let at = 0; at < chunk.length; at += FIRST_PIECE_BYTES) yield chunk.subarray(at, at + FIRST_PIECE_BYTES);
          continue;
        }
      }
      yield chunk;
    }
  } catch (e) {
    if (e instanceof CckpiError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new CckpiError("INPUT_UNREADABLE", `cannot read ${input.name}: ${err.code ?? err.message}`);
  }
}

/**
 * A file's bytes in chunks of up to CHUNK_BYTES, read into two buffers in turn: the
 * next chunk is read while the last one is decoded, and each chunk is valid until
 * the one after it is asked for. A stream's fresh 1 MiB buffer per chunk cost no
 * time, but memory: freed on another thread than the one that made it, a month of
 * them stayed in glibc's arenas (at 10M contacts, three 64 MB arenas fully resident).
 */
async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const fh = await open(path, "r");
  const bufs = [Buffer.allocUnsafeSlow(CHUNK_BYTES), Buffer.allocUnsafeSlow(CHUNK_BYTES)];
  let turn = 0;
  let next = fh.read(bufs[0]!, 0, CHUNK_BYTES, null);
  try {
    for (;;) {
      const { bytesRead } = await next;
      if (bytesRead === 0) return;
      const buf = bufs[turn]!;
      turn ^= 1;
      next = fh.read(bufs[turn]!, 0, CHUNK_BYTES, null);
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    // A reader that stops early (an error in the file) leaves a read in flight: it ends before the file closes.
    await next.catch(() => undefined);
    await fh.close();
  }
}

async function* copies(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const c of chunks) yield Buffer.from(c);
}

async function* gunzipAll(rest: AsyncIterable<Buffer>, firstChunk: Buffer, gz: ReturnType<typeof createGunzip>, name: string): AsyncGenerator<Buffer> {
  const feed = (async () => {
    try {
      gz.write(firstChunk);
      for await (const c of rest) {
        if (!gz.write(c)) await new Promise((r) => gz.once("drain", r));
      }
      gz.end();
    } catch (e) {
      gz.destroy(e as Error);
    }
  })();
  try {
    for await (const out of gz) yield out as Buffer;
  } catch (e) {
    throw new CckpiError("INPUT_UNREADABLE", `${name}: not a valid gzip file (${(e as Error).message})`);
  }
  await feed;
}
