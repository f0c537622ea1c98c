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

export function delimited(t: ReportTable, ctx: RenderContext, delimiter: string): string {
  const records: (string | number)[][] = [t.columns.map((c) => c.id)];
  for (const r of [...t.rows, ...(t.total ? [t.total] : [])]) {
    records.push(r.map((v) => (typeof v === "number" ? Number(raw(v)) : raw(v))));
  }
  return stringify(records, {
    delimiter,
    bom: ctx.excel,
    record_delimiter: ctx.excel ? "windows" : "unix",
    escape_formulas: ctx.excel,
    cast: { number: (v) => raw(v) },
  });
}

export default defineOutput({
  id: "csv",
  extensions: [".csv"],
  description: "comma-separated, raw numbers (fractions for percents, seconds for durations)",
  render: (t, ctx) => delimited(t, ctx, ","),
});
