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

/** Rows per csv-stringify call: the output is made a chunk at a time (see `delimited`). */
const CHUNK_ROWS = 8192;

/**
 * The table as delimited text. Stringified a chunk of rows at a time and joined:
 * every record ends with the record delimiter, so the chunks join into the text
 * one call over every row gives, and no copy of every row as cells waits for it
 * (a report by interval and agent over a month has 746k rows).
 */
export function delimited(t: ReportTable, ctx: RenderContext, delimiter: string): string {
  const options = {
    delimiter,
    record_delimiter: ctx.excel ? ("windows" as const) : ("unix" as const),
    escape_formulas: ctx.excel,
    cast: { number: (v: number) => raw(v) },
  };
  const parts: string[] = [];
  let records: (string | number)[][] = [t.columns.map((c) => c.id)];
  const flush = (): void => {
    parts.push(stringify(records, { ...options, bom: ctx.excel && parts.length === 0 }));
    records = [];
  };
  const n = t.rows.length + (t.total ? 1 : 0);
  for (let i = 0; i < n; i++) {
    const r = i < t.rows.length ? t.rows[i]! : t.total!;
    records.push(r.map((v) => (typeof v === "number" ? Number(raw(v)) : raw(v))));
    if (records.length === CHUNK_ROWS) flush();
  }
  if (records.length > 0) flush();
  return parts.join("");
}

export default defineOutput({
  id: "csv",
  extensions: [".csv"],
  description: "comma-separated, raw numbers (fractions for percents, seconds for durations)",
  render: (t, ctx) => delimited(t, ctx, ","),
});
