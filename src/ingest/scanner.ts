/**
 * The CSV scanner: decoded text in, records (arrays of strings) out, each with
 * the physical line it starts on and its raw text. RFC 4180 quoting, LF, CRLF
 * and CR-only line ends in any mix. Push-based (feed / end) with one callback
 * per record: no per-row promise, no per-row object beyond the field array.
 *
 * Deviations, each a deliberate choice for real exports:
 * - A quote inside an unquoted field is kept as a literal character (`12" screen`).
 * - A quote followed by text inside a quoted field is literal when a later quote on
 *   the same line closes the field (`""Ann Lee" <1115>"` reads `"Ann Lee" <1115>`,
 *   as phpMyAdmin and FreePBX exports need); otherwise the record is an error
 *   (INVALID_CLOSING_QUOTE);
 *   scanning goes on at the next line.
 * - A quoted field still open at the end of the input, or longer than
 *   `maxRecordChars`, is an UNTERMINATED_QUOTE error on the line where the record
 *   began, and scanning starts again on the following line, so one stray quote
 *   never swallows the rest of the file.
 * - Blank lines are reported through `blank` (they are not records).
 *
 * Two ways to receive records: `record` gets an array of field strings and the
 * raw text; `view` (when the sink has it) gets one reused RecordView whose fields
 * are offsets into the scanned text, so a source slices only the fields it keeps
 * and reads numbers and timestamps from the characters: no array, no string per
 * field, no raw text per row. Both ways give the same fields (a test checks it).
 */

import { grow } from "../model/grow.js";

/**
 * One record as offsets into the text being scanned, valid only during the
 * `view` call. A field is the text in [start(i), end(i)), except a quoted field
 * with doubled quotes (or repaired stray quotes), whose value is kept as a string.
 */
export class RecordView {
  /** The text the offsets point into. */
  text = "";
  /** Number of fields. */
  count = 0;
  private starts = new Int32Array(32);
  private ends = new Int32Array(32);
  /** Field values that are not a slice of the text (index -> value); empty for most records. */
  private special: (string | undefined)[] = [];
  private anySpecial = false;
  rawStart = 0;
  rawEnd = 0;
  /** The raw text when it is not text[rawStart, rawEnd) (a view made from strings). */
  private rawText: string | null = null;

  /** A view of fields given as strings (for a source's `row`, which then shares `rowView`'s code). */
  static from(fields: readonly string[], raw: string): RecordView {
    const v = new RecordView();
    v.begin(fields.join(""));
    let at = 0;
    for (const f of fields) {
      v.push(at, at + f.length);
      at += f.length;
    }
    v.rawText = raw;
    return v;
  }

  /** Start a record in `text` (the scanner's). */
  begin(text: string): void {
    this.text = text;
    this.count = 0;
    this.rawText = null;
    if (this.anySpecial) {
      this.special = [];
      this.anySpecial = false;
    }
  }

  push(start: number, end: number): void {
    const k = this.count++;
    if (k === this.starts.length) {
      this.starts = grow(this.starts, k + 1);
      this.ends = grow(this.ends, k + 1);
    }
    this.starts[k] = start;
    this.ends[k] = end;
  }

  pushValue(value: string): void {
    this.push(0, 0);
    this.setLast(value);
  }

  setLast(value: string): void {
    this.special[this.count - 1] = value;
    this.anySpecial = true;
  }

  /** Whether field i is the plain text in [start(i), end(i)). */
  plain(i: number): boolean {
    return !this.anySpecial || this.special[i] === undefined;
  }

  start(i: number): number {
    return this.starts[i]!;
  }

  end(i: number): number {
    return this.ends[i]!;
  }

  /** Field i as a string ("" past the last field). */
  field(i: number): string {
    if (i >= this.count) return "";
    if (this.anySpecial) {
      const v = this.special[i];
      if (v !== undefined) return v;
    }
    return this.text.slice(this.starts[i]!, this.ends[i]!);
  }

  /** Every field as strings: what `record` receives. */
  fields(): string[] {
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.field(i);
    return out;
  }

  /** The record's raw text (for rejections). */
  raw(): string {
    return this.rawText ?? this.text.slice(this.rawStart, this.rawEnd);
  }

  /** Whether field i is empty once trimmed (without making its string when it starts with a printable ASCII character). */
  blank(i: number): boolean {
    if (this.plain(i)) {
      const a = this.starts[i]!;
      if (a === this.ends[i]) return true;
      const c0 = this.text.charCodeAt(a);
      if (c0 > 32 && c0 < 127) return false;
    }
    return this.field(i).trim() === "";
  }

  /** The first character code of field i (NaN when empty). */
  firstChar(i: number): number {
    return this.plain(i) ? (this.starts[i]! < this.ends[i]! ? this.text.charCodeAt(this.starts[i]!) : NaN) : this.field(i).charCodeAt(0);
  }
}

export interface ScanSink {
  record?(fields: string[], line: number, raw: string): void;
  /** Preferred over `record` when present. */
  view?(v: RecordView, line: number): void;
  error(code: "UNTERMINATED_QUOTE" | "INVALID_CLOSING_QUOTE", message: string, line: number, raw: string): void;
  blank(line: number): void;
}

export interface ScannerOptions {
  delimiter: string;
  /** A quoted record longer than this is treated as unterminated. */
  maxRecordChars?: number;
}

const QUOTE = 34, LF = 10, CR = 13;

export class Scanner {
  private text = "";
  private line = 1;
  private readonly delim: number;
  private readonly maxRecordChars: number;
  private readonly view: RecordView | null;

  constructor(opts: ScannerOptions, private readonly sink: ScanSink) {
    this.delim = opts.delimiter.charCodeAt(0);
    this.maxRecordChars = opts.maxRecordChars ?? 1 << 20;
    this.view = sink.view ? new RecordView() : null;
  }

  /**
   * Scan a chunk. A record the previous chunk cut is finished on a short string:
   * the part kept and this chunk up to its first line end. The rest is scanned in
   * the chunk itself, a flat string as decoded. The part kept joined to the whole
   * chunk made a concatenation, whose characters V8 reads through an indirection:
   * every read of the text (the scan, timestamps and numbers read in place) was
   * slower (the scan of a 218 MB queue_log: 0.64 -> 0.41 s). Only a record still
   * open at that line end (a quoted field across lines) is scanned on the
   * concatenation, as before.
   */
  feed(chunk: string): void {
    if (this.text.length === 0) {
      this.text = chunk;
      this.scan(false, 0);
      return;
    }
    let le = findLineEnd(chunk, 0, chunk.length);
    if (le !== -1 && chunk.charCodeAt(le) === CR) {
      if (le + 1 === chunk.length) le = -1; // maybe half of a CRLF: no split then
      else if (chunk.charCodeAt(le + 1) === LF) le++;
    }
    if (le === -1) {
      this.text += chunk;
      this.scan(false, 0);
      return;
    }
    this.text += chunk.slice(0, le + 1);
    this.scan(false, 0);
    if (this.text.length > 0) {
      this.text += chunk.slice(le + 1);
      this.scan(false, 0);
      return;
    }
    this.text = chunk;
    this.scan(false, le + 1);
  }

  end(): void {
    this.scan(true, 0);
    this.text = "";
  }

  /** Scan complete records of `text` from position `from`; keep the incomplete tail in `text`. */
  private scan(final: boolean, from: number): void {
    const s = this.text;
    const n = s.length;
    const d = this.delim;
    let pos = from;
    const dChar = String.fromCharCode(d);
    let nd = -1, nlf = -1, ncr = -1; // cached next delimiter / LF / CR positions
    const view = this.view;
    const sink = this.sink;
    let fields: string[] = [];
    const push = (a: number, b: number): void => {
      if (view !== null) view.push(a, b);
      else fields.push(s.slice(a, b));
    };
    const pushValue = (v: string): void => {
      if (view !== null) view.pushValue(v);
      else fields.push(v);
    };
    const emit = (line: number, a: number, b: number): void => {
      if (view !== null) {
        view.rawStart = a;
        view.rawEnd = b;
        sink.view!(view, line);
      } else sink.record!(fields, line, s.slice(a, b));
    };
    outer: while (pos < n) {
      const start = pos;
      const startLine = this.line;
      let lines = 0; // newlines inside quoted fields
      if (view !== null) view.begin(s);
      else fields = [];
      let i = pos;
      // Blank line?
      let c = s.charCodeAt(i);
      if (c === LF || c === CR) {
        if (c === CR && i + 1 >= n && !final) break; // maybe CRLF split across chunks
        i += c === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
        this.sink.blank(startLine);
        this.line++;
        pos = i;
        continue;
      }
      for (;;) {
        // One field starting at i.
        if (i < n && s.charCodeAt(i) === QUOTE) {
          const qs = i + 1;
          let j = qs;
          let value: string | null = null; // built only once a doubled quote is met
          let segStart = qs;
          for (;;) {
            const q = s.indexOf('"', j);
            // Decided on positions in the whole text, never on where a chunk ends, so
            // every chunking gives the same errors: the next quote lies too far from
            // the record start (when none is buffered yet, it lies at n or later).
            if ((q === -1 ? n : q) - start >= this.maxRecordChars || (q === -1 && final)) {
              const next = this.rejectLine(
                "UNTERMINATED_QUOTE",
                "a quoted field is never closed; the record is rejected and reading resumes on the next line",
                start, start, startLine, 0, s, n, final,
              );
              if (next === -1) break outer; // wait for the line end
              pos = next;
              continue outer;
            }
            if (q === -1) break outer; // need more text
            if (q + 1 >= n && !final) break outer; // can't tell "" from a closing quote yet
            if (s.charCodeAt(q + 1) === QUOTE) {
              value = (value ?? "") + s.slice(segStart, q + 1);
              j = q + 2;
              segStart = j;
              continue;
            }
            if (value === null) push(qs, q);
            else pushValue(value + s.slice(segStart, q));
            lines += countLineBreaks(s, qs, q);
            i = q + 1;
            break;
          }
          const fieldCount = view !== null ? view.count : fields.length;
          c = i < n ? s.charCodeAt(i) : -1;
          if (c !== d && c !== LF && c !== CR && c !== -1) {
            // Text after a closing quote. Exports such as phpMyAdmin's write inner quotes
            // unescaped (`""Ann Lee" <1115>",...`): when a later quote on the same line ends
            // the field (delimiter or line end after it), the stray quotes are literal.
            const le = findLineEnd(s, i, n);
            if (le === -1 && !final) break outer; // wait for the rest of the line
            const lineEnd = le === -1 ? n : le;
            let r = s.indexOf('"', i);
            while (r !== -1 && r < lineEnd) {
              const after = r + 1 < n ? s.charCodeAt(r + 1) : -1;
              if (after === d || r + 1 === lineEnd) break;
              r = s.indexOf('"', r + 1);
            }
            if (r === -1 || r >= lineEnd) {
              // Stray text that no quote on this line closes.
              const next = this.rejectLine(
                "INVALID_CLOSING_QUOTE",
                `unexpected "${s.slice(i, i + 1)}" after a closing quote (field ${fieldCount})`,
                start, i, startLine, lines, s, n, final,
              );
              if (next === -1) break outer;
              pos = next;
              continue outer;
            }
            const repaired = `${view !== null ? view.field(fieldCount - 1) : fields[fieldCount - 1]!}"${s.slice(i, r)}`;
            if (view !== null) view.setLast(repaired);
            else fields[fieldCount - 1] = repaired;
            i = r + 1;
            c = i < n ? s.charCodeAt(i) : -1;
          }
          if (c === d) { i++; continue; }
          // Line end, or the end of the input.
          if (c === -1 && !final) break outer;
          if (c === CR && i + 1 >= n && !final) break outer;
          const next = c === -1 ? n : c === CR && s.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
          emit(startLine, start, i);
          this.line += lines + (c === -1 ? 0 : 1);
          pos = next;
          continue outer;
        }
        // Unquoted field: up to the delimiter or the line end. The next delimiter, LF
        // and CR positions come from indexOf (vectorized in V8) and are reused until
        // the scan passes them: one search per field instead of a test per character.
        if (nd < i) { nd = s.indexOf(dChar, i); if (nd === -1) nd = n; }
        if (nlf < i) { nlf = s.indexOf("\n", i); if (nlf === -1) nlf = n; }
        if (ncr < i) { ncr = s.indexOf("\r", i); if (ncr === -1) ncr = n; }
        let j = nd < nlf ? nd : nlf;
        if (ncr < j) j = ncr;
        if (j >= n && !final) break outer;
        // The hot path (an unquoted field), written out: a call here is not inlined into this large function.
        if (view !== null) view.push(i, j);
        else fields.push(s.slice(i, j));
        if (j < n && s.charCodeAt(j) === d) { i = j + 1; if (i >= n && !final) break outer; if (i >= n) { push(n, n); emit(startLine, start, n); pos = n; continue outer; } continue; }
        // Line end or end of input.
        if (j < n && s.charCodeAt(j) === CR && j + 1 >= n && !final) break outer;
        const next = j >= n ? n : s.charCodeAt(j) === CR && s.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
        if (view !== null) {
          view.rawStart = start;
          view.rawEnd = j;
          sink.view!(view, startLine);
        } else sink.record!(fields, startLine, s.slice(start, j));
        this.line += lines + (j >= n ? 0 : 1);
        pos = next;
        continue outer;
      }
    }
    this.text = pos >= n ? "" : s.slice(pos);
  }

  /**
   * Report the record starting at `start` as an error whose raw text runs to the
   * first line end at or after `from`, and skip past that line end. Returns the
   * position to resume at, or -1 when the line end (or the LF of a CRLF) may
   * still be in a later chunk: deciding now would make a split CRLF a blank line.
   */
  private rejectLine(
    code: "UNTERMINATED_QUOTE" | "INVALID_CLOSING_QUOTE", message: string,
    start: number, from: number, startLine: number, lines: number, s: string, n: number, final: boolean,
  ): number {
    const e = findLineEnd(s, from, n);
    if (!final && (e === -1 || (e + 1 >= n && s.charCodeAt(e) === CR))) return -1;
    this.sink.error(code, message, startLine, s.slice(start, e === -1 ? n : e));
    if (e === -1) return n;
    this.line += lines + 1;
    return s.charCodeAt(e) === CR && s.charCodeAt(e + 1) === LF ? e + 2 : e + 1;
  }
}

function findLineEnd(s: string, from: number, n: number): number {
  for (let k = from; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c === LF || c === CR) return k;
  }
  return -1;
}

/** Physical line breaks in s[from, to): CRLF counts once, lone CR and LF once each. */
function countLineBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c === LF) n++;
    else if (c === CR && s.charCodeAt(k + 1) !== LF) n++;
  }
  return n;
}
