/**
 * CSV and TSV: a header of stable snake_case column ids, raw numbers, the total
 * row last. `--excel` adds a UTF-8 BOM, CRLF line ends and formula escaping of
 * text cells (csv-stringify's escape_formulas, which also covers the full-width
 * ＝＋－＠ forms); numbers stay numbers so negative values get no `'`.
 */
import { stringify } from "csv-stringify/sync";
import type { ReportTable } from "../report/rollup.js";
import { defineOutput, type RenderContext } from "./define.js";
import { raw } from "./format.js";

/** Rows per csv-stringify call: the output is made a chunk at a time (see `delimitedChunks`). */
const CHUNK_ROWS = 8192;

/** The table as delimited text (`delimitedChunks` joined). */
export function delimited(t: ReportTable, ctx: RenderContext, delimiter: string): string {
  return [...delimitedChunks(t, ctx, delimiter)].join("");
}

/**
 * The table as delimited text, stringified a chunk of rows at a time: every record
 * ends with the record delimiter, so the chunks join into the text one call over
 * every row gives, and no copy of every row as cells waits for it (a report by
 * interval and agent over a month has 746k rows), nor the whole text.
 */
export function* delimitedChunks(t: ReportTable, ctx: RenderContext, delimiter: string): Generator<string, void, undefined> {
  const options = {
    delimiter,
    record_delimiter: ctx.excel ? ("windows" as const) : ("unix" as const),
    escape_formulas: ctx.excel,
    cast: { number: (v: number) => raw(v) },
  };
  let first = true;
  let records: (string | number)[][] = [t.columns.map((c) => c.id)];
  const chunk = (): string => {
    const text = stringify(records, { ...options, bom: ctx.excel && first });
    first = false;
    records = [];
    return text;
  };
  const n = t.rows.length + (t.total ? 1 : 0);
  for (let i = 0; i < n; i++) {
    const r = i < t.rows.length ? t.rows[i]! : t.total!;
    records.push(r.map((v) => (typeof v === "number" ? Number(raw(v)) : raw(v))));
    if (records.length === CHUNK_ROWS) yield chunk();
  }
  if (records.length > 0) yield chunk();
}

export default defineOutput({
  id: "csv",
  extensions: [".csv"],
  description: "comma-separated, raw numbers (fractions for percents, seconds for durations)",
  render: (t, ctx) => delimitedChunks(t, ctx, ","),
});
