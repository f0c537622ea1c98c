/**
 * Bytes to text, before any parsing (csv-parse and friends accept wrong
 * encodings silently: reliability-ecosystem.md §A.2). Order:
 *   1. a BOM decides (UTF-8, UTF-16 LE/BE) and is stripped;
 *   2. `--encoding` decides (any WHATWG label: gb18030, gbk, windows-1252, utf-16le...);
 *   3. otherwise the bytes must be valid UTF-8; at the first invalid sequence the
 *      rest of the input is decoded as GB18030 (a strict superset of GBK, and
 *      identical to UTF-8 on the ASCII before it) with a warning naming the line.
 *      With `--encoding utf-8` the same bytes are an error instead.
 */
import { isUtf8 } from "node:buffer";
import { CckpiError } from "../errors.js";

export interface DecoderOptions {
  /** File name for messages. */
  name: string;
  /** Explicit encoding label, or null to detect. */
  encoding: string | null;
  /** Encoding used from the first invalid UTF-8 byte on. */
  fallback: string;
  warn: (message: string) => void;
}

type Mode = "detect" | "utf8" | "other";

// Every TextDecoder call with bytes passes { stream: true } (then an empty call
// flushes): since Node 20.18.3 a one-shot windows-1252/latin1 decode takes a
// Latin-1 fast path that turns 0x80-0x9F into C1 controls instead of € ' " ...
// (nodejs/node#60888); the streaming path goes through ICU and is right.

const LF = 10, CR = 13;
/** Bytes looked at to choose the encoding (BOM, UTF-16 by its NULs). */
const DETECT_BYTES = 512;

export class Decoder {
  /** The encoding finally used, for `inspect` and messages. */
  encoding = "utf-8";
  bom = false;
  private mode: Mode = "detect";
  private other: InstanceType<typeof TextDecoder> | null = null;
  private carry: Buffer | null = null;
  /**
   * The first bytes until there are DETECT_BYTES of them: a chunk may end inside a
   * BOM, or be too short to tell UTF-16 by its NULs, and the answer must not
   * depend on where chunks end (stdin pipes deliver any sizes).
   */
  private head: Buffer | null = null;
  private linesBefore = 0;
  /** The last decoded byte was a CR: a CR-only line end unless the next byte is LF. */
  private lastCR = false;
  private readonly strict: boolean;

  constructor(private readonly opts: DecoderOptions) {
    const e = opts.encoding?.toLowerCase().replace(/_/g, "-") ?? null;
    this.strict = e === "utf-8" || e === "utf8";
    if (e !== null && !this.strict) {
      const label = e === "gbk" || e === "gb2312" ? "gb18030" : e;
      try {
        this.other = new TextDecoder(label);
      } catch {
        throw new CckpiError("BAD_OPTION", `unknown encoding "${opts.encoding}"`, "use a WHATWG label such as utf-8, gb18030, windows-1252, utf-16le");
      }
      this.encoding = this.other.encoding;
    }
  }

  decode(chunk: Buffer): string {
    if (this.mode === "detect") {
      if (this.head) {
        chunk = Buffer.concat([this.head, chunk]);
        this.head = null;
      }
      if (chunk.length < DETECT_BYTES) {
        this.head = Buffer.from(chunk); // decide once more bytes (or the end) arrive
        return "";
      }
      chunk = this.detect(chunk);
    }
    if (this.mode === "other") return this.other!.decode(chunk, { stream: true });
    return this.decodeUtf8(chunk);
  }

  end(): string {
    if (this.mode === "detect") {
      // Input shorter than DETECT_BYTES. No UTF-8 carry exists yet.
      const h = this.detect(this.head ?? Buffer.alloc(0));
      this.head = null;
      if ((this.mode as Mode) === "other") return this.other!.decode(h, { stream: true }) + this.other!.decode();
      this.carry = h;
    }
    if (this.mode === "other") return this.other!.decode();
    const rest = this.carry;
    this.carry = null;
    if (rest === null || rest.length === 0) return "";
    return this.decodeUtf8(rest, true);
  }

  /** Choose the mode from the first bytes; returns them without the BOM. */
  private detect(chunk: Buffer): Buffer {
    this.mode = this.other ? "other" : "utf8";
    if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
      this.bom = true;
      if (this.other) {
        this.mode = "utf8"; // a BOM outranks --encoding
        this.encoding = "utf-8";
      }
      return chunk.subarray(3);
    }
    if (chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
      this.bom = true;
      this.other = new TextDecoder(chunk[0] === 0xff ? "utf-16le" : "utf-16be");
      this.encoding = this.other.encoding;
      this.mode = "other";
      return chunk.subarray(2);
    }
    if (!this.other && looksUtf16(chunk)) {
      this.other = new TextDecoder(chunk[0] === 0 ? "utf-16be" : "utf-16le");
      this.encoding = this.other.encoding;
      this.mode = "other";
    }
    return chunk;
  }

  private decodeUtf8(chunk: Buffer, final = false): string {
    let buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    if (!final) {
      const cut = completeLength(buf);
      if (cut < buf.length) {
        this.carry = Buffer.from(buf.subarray(cut));
        buf = buf.subarray(0, cut);
      }
    }
    if (isUtf8(buf)) {
      const s = buf.toString("utf8");
      this.linesBefore += lineBreaks(buf, this.lastCR);
      if (buf.length > 0) this.lastCR = buf[buf.length - 1] === CR;
      return s;
    }
    const bad = firstInvalidUtf8(buf);
    const prefix = buf.subarray(0, bad);
    // The byte at `bad` is not LF, so a CR just before it ends a line.
    const endsCR = bad > 0 ? buf[bad - 1] === CR : this.lastCR;
    const line = this.linesBefore + lineBreaks(prefix, this.lastCR) + (endsCR ? 1 : 0) + 1;
    if (this.strict) {
      throw new CckpiError(
        "BAD_ENCODING",
        `${this.opts.name}:${line}: not valid UTF-8 (byte 0x${buf[bad]!.toString(16).padStart(2, "0")})`,
        "name the file's encoding with --encoding (e.g. gb18030, windows-1252)",
      );
    }
    this.opts.warn(
      `${this.opts.name}:${line}: not valid UTF-8; decoding as ${this.opts.fallback} from this line on (set --encoding to choose)`,
    );
    this.other = new TextDecoder(this.opts.fallback);
    this.encoding = `utf-8 then ${this.other.encoding} from line ${line}`;
    this.mode = "other";
    // The held-back tail belongs after the rest: it was cut off as a split UTF-8
    // sequence, but from here on it is fallback-encoded bytes.
    const rest = this.carry ? Buffer.concat([buf.subarray(bad), this.carry]) : buf.subarray(bad);
    this.carry = null;
    return prefix.toString("utf8") + this.other.decode(rest, { stream: true }) + (final ? this.other.decode() : "");
  }
}

/** Line breaks as the scanner counts them: LF, CRLF once, lone CR once. A CR as the last byte is left for the next call (`prevCR`). */
function lineBreaks(b: Buffer, prevCR: boolean): number {
  let n = prevCR && b.length > 0 && b[0] !== LF ? 1 : 0;
  let i = b.indexOf(LF);
  while (i !== -1) {
    n++;
    i = b.indexOf(LF, i + 1);
  }
  i = b.indexOf(CR);
  while (i !== -1) {
    if (i + 1 < b.length && b[i + 1] !== LF) n++;
    i = b.indexOf(CR, i + 1);
  }
  return n;
}

/** Length of the prefix that ends on a whole UTF-8 sequence (a split sequence waits for the next chunk). */
function completeLength(b: Buffer): number {
  const n = b.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const c = b[n - k]!;
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? n - k : n;
  }
  return n;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence. */
export function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    let need: number, min: number;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return n;
}

function looksUtf16(b: Buffer): boolean {
  const n = Math.min(b.length, DETECT_BYTES);
  if (n < 4) return false;
  let evenZero = 0, oddZero = 0;
  for (let i = 0; i < n; i++) if (b[i] === 0) (i % 2 === 0 ? evenZero++ : oddZero++);
  return evenZero > n / 4 || oddZero > n / 4;
}
