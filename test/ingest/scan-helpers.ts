/** Shared by the scanner tests: run the Scanner over chunks and collect every callback in order. */
import { Scanner, type ScannerOptions } from "../../src/ingest/scanner.js";

export type ScanEvent =
  | { kind: "record"; fields: string[]; line: number; raw: string }
  | { kind: "error"; code: string; line: number; raw: string }
  | { kind: "blank"; line: number };

export function scanChunks(chunks: readonly string[], opts: ScannerOptions = { delimiter: "," }): ScanEvent[] {
  const out: ScanEvent[] = [];
  const sc = new Scanner(opts, {
    record: (fields, line, raw) => { out.push({ kind: "record", fields: [...fields], line, raw }); },
    error: (code, _message, line, raw) => { out.push({ kind: "error", code, line, raw }); },
    blank: (line) => { out.push({ kind: "blank", line }); },
  });
  for (const c of chunks) sc.feed(c);
  sc.end();
  return out;
}

export const scan = (text: string, opts?: ScannerOptions): ScanEvent[] => scanChunks([text], opts);

/** Records only, as [fields, line] pairs. */
export const recs = (ev: readonly ScanEvent[]): [string[], number][] =>
  ev.flatMap((e) => (e.kind === "record" ? [[e.fields, e.line] as [string[], number]] : []));

/** Every way of cutting `text` into two chunks, plus one-character chunks, plus a few fixed sizes. */
export function chunkings(text: string): string[][] {
  const out: string[][] = [];
  for (let i = 0; i <= text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  out.push(text.split("")); // one UTF-16 unit per chunk: splits surrogate pairs too
  for (const size of [2, 3, 7]) {
    const cs: string[] = [];
    for (let i = 0; i < text.length; i += size) cs.push(text.slice(i, i + size));
    out.push(cs);
  }
  return out;
}
