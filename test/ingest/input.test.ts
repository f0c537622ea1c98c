import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { readBytes, resolveInputs, type Input } from "../../src/ingest/input.js";
import { CckpiError } from "../../src/errors.js";

let dir = "";
const p = (...parts: string[]): string => join(dir, ...parts);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cckpi-input-"));
  for (const f of ["a.csv", "b.csv", "c.txt", "data[1].csv", "sub/d.csv", "sub/f.txt", "sub/deep/e.csv"]) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    writeFileSync(join(dir, f), `${f}\n`);
  }
  mkdirSync(p("folder.csv")); // a folder whose name matches *.csv: never an input
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CckpiError) return e.code;
    throw e;
  }
  return "no error";
}

const names = (ins: Input[]): string[] => ins.map((i) => i.name);

describe("resolveInputs", () => {
  it("a plain file, with its size", () => {
    expect(resolveInputs([p("a.csv")])).toEqual([{ name: p("a.csv"), path: p("a.csv"), bytes: 6 }]);
  });

  it("- is stdin", () => {
    expect(resolveInputs(["-"])).toEqual([{ name: "<stdin>", path: null, bytes: null }]);
  });

  it.each([
    ["missing file", () => resolveInputs([p("nope.csv")]), "INPUT_NOT_FOUND"],
    ["folder", () => resolveInputs([dir]), "INPUT_UNREADABLE"],
    ["glob without a match", () => resolveInputs([p("*.nothing")]), "INPUT_NOT_FOUND"],
    ["no inputs", () => resolveInputs([]), "USAGE"],
    ["an unclosed [ is literal, not a broken regex", () => resolveInputs([p("data[1.csv")]), "INPUT_NOT_FOUND"],
  ])("%s -> %s", (_n, f, code) => {
    expect(codeOf(f)).toBe(code);
  });

  it.each([
    ["*.csv: files only, this folder only, sorted", "*.csv", ["a.csv", "b.csv", "data[1].csv"]],
    ["?.csv", "?.csv", ["a.csv", "b.csv"]],
    ["**/*.csv: any depth, including none", "**/*.csv", ["a.csv", "b.csv", "data[1].csv", "sub/d.csv", "sub/deep/e.csv"]],
    ["sub/*: files only", "sub/*", ["sub/d.csv", "sub/f.txt"]],
    ["sub/**/e.csv", "sub/**/e.csv", ["sub/deep/e.csv"]],
    ["*/d.csv", "*/d.csv", ["sub/d.csv"]],
    ["[ab].csv character class", "[ab].csv", ["a.csv", "b.csv"]],
    ["[!a].csv negated class", "[!a].csv", ["b.csv"]],
    ["[a-b].csv range", "[a-b].csv", ["a.csv", "b.csv"]],
    ["data[[]1].csv: a class holding [", "data[[]1].csv", ["data[1].csv"]],
  ])("glob %s", (_n, pattern, expected) => {
    expect(names(resolveInputs([p(pattern)]))).toEqual(expected.map((f) => p(f)));
  });

  it("a relative glob resolves against the current folder", () => {
    const rel = relative(process.cwd(), dir);
    expect(names(resolveInputs([join(rel, "*.txt")]))).toEqual([join(rel, "c.txt")]);
  });

  it("an existing file whose name looks like a glob is taken literally", () => {
    expect(names(resolveInputs([p("data[1].csv")]))).toEqual([p("data[1].csv")]);
  });

  it("several arguments keep their order", () => {
    expect(names(resolveInputs([p("b.csv"), p("a.csv")]))).toEqual([p("b.csv"), p("a.csv")]);
  });
});

// A chunk is valid until the next is asked for (the reader reuses its buffers): kept, it is copied.
async function collect(input: Input): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of readBytes(input)) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

const file = (name: string, content: Buffer): Input => {
  writeFileSync(p(name), content);
  return { name, path: p(name), bytes: content.length };
};

describe("readBytes", () => {
  const csv = Buffer.from("id,名\r\n1,中文\r\n", "utf8");

  it("plain bytes as they are", async () => {
    expect(await collect(file("plain.csv", csv))).toEqual(csv);
  });

  it("a .gz file is gunzipped", async () => {
    expect(await collect(file("x.csv.gz", gzipSync(csv)))).toEqual(csv);
  });

  it("gzip is detected by its magic bytes, not the name", async () => {
    expect(await collect(file("no-extension.csv", gzipSync(csv)))).toEqual(csv);
  });

  it("a large gzip file (several read chunks in, several out) comes out whole", async () => {
    const big = randomBytes(3 * 1024 * 1024 + 17); // incompressible: > 3 MiB of gzip too
    const got = await collect(file("big.bin.gz", gzipSync(big)));
    expect(got.length).toBe(big.length);
    expect(got.equals(big)).toBe(true); // (toEqual walks a Buffer byte by byte: slow)
  });

  it("a large plain file comes out whole", async () => {
    const big = randomBytes(2 * 1024 * 1024 + 5);
    big[0] = 0x61; // not the gzip magic
    const got = await collect(file("big.bin", big));
    expect(got.length).toBe(big.length);
    expect(got.equals(big)).toBe(true);
  });

  it("the first MiB comes in pieces of 64 KiB (the first batches reach the builder sooner), then whole read chunks", async () => {
    const big = randomBytes(2 * 1024 * 1024 + 5);
    big[0] = 0x61;
    const sizes: number[] = [];
    const parts: Buffer[] = [];
    for await (const c of readBytes(file("pieces.bin", big))) {
      sizes.push(c.length);
      parts.push(Buffer.from(c));
    }
    expect(sizes.slice(0, 16)).toEqual(new Array(16).fill(64 * 1024));
    expect(sizes[16]).toBe(1024 * 1024);
    expect(Buffer.concat(parts).equals(big)).toBe(true);
  });

  it("without pieces (a later input of the thread): whole read chunks from the start", async () => {
    const big = randomBytes(2 * 1024 * 1024 + 5);
    big[0] = 0x61;
    const sizes: number[] = [];
    const parts: Buffer[] = [];
    for await (const c of readBytes(file("whole.bin", big), false)) {
      sizes.push(c.length);
      parts.push(Buffer.from(c));
    }
    expect(sizes.slice(0, 2)).toEqual([1024 * 1024, 1024 * 1024]);
    expect(Buffer.concat(parts).equals(big)).toBe(true);
  });

  it("a chunk's buffer is reused once the next chunk is asked for (copy what you keep)", async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 0x61);
    big.fill(0x62, 1024 * 1024, 2 * 1024 * 1024);
    big.fill(0x63, 2 * 1024 * 1024);
    const kept: Buffer[] = [];
    const copies: Buffer[] = [];
    for await (const c of readBytes(file("reused.bin", big), false)) {
      kept.push(c);
      copies.push(Buffer.from(c));
    }
    expect(copies.map((c) => c[0])).toEqual([0x61, 0x62, 0x63]);
    expect(Buffer.concat(copies).equals(big)).toBe(true);
    // Two buffers in turn: the third chunk was read into the first one's memory.
    expect(kept[0]![0]).toBe(0x63);
  });

  it.skipIf(process.platform !== "linux")("a reader that stops early has closed the file when its loop ends (Linux: open descriptors counted)", async () => {
    const big = randomBytes(3 * 1024 * 1024);
    big[0] = 0x61;
    const input = file("early.bin", big);
    const open = (): number => readdirSync("/proc/self/fd").length;
    const before = open();
    for await (const c of readBytes(input, false)) {
      expect(c.length).toBe(1024 * 1024);
      expect(open()).toBe(before + 1);
      break;
    }
    expect(open()).toBe(before);
  });

  it("an empty file yields nothing", async () => {
    expect((await collect(file("empty.csv", Buffer.alloc(0)))).length).toBe(0);
  });

  it("a corrupt gzip file is INPUT_UNREADABLE", async () => {
    const bad = Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from("not really gzip at all, just text")]);
    await expect(collect(file("bad.gz", bad))).rejects.toMatchObject({ code: "INPUT_UNREADABLE" });
  });

  it("a truncated gzip file is INPUT_UNREADABLE", async () => {
    const gz = gzipSync(Buffer.from("a,b\n".repeat(1000)));
    await expect(collect(file("trunc.gz", gz.subarray(0, gz.length - 10)))).rejects.toMatchObject({ code: "INPUT_UNREADABLE" });
  });

  it("a file that vanished is INPUT_UNREADABLE", async () => {
    await expect(collect({ name: "gone.csv", path: p("gone.csv"), bytes: null })).rejects.toMatchObject({ code: "INPUT_UNREADABLE" });
  });
});
