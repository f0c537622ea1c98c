/**
 * JSON: one document with the rows as objects keyed by column id, the total,
 * notes, settings and the row reconciliation. Raw numbers; no value is null.
 */
import type { ReportTable } from "../report/rollup.js";
import { defineOutput } from "./define.js";

export function rowObjects(t: ReportTable): Record<string, string | number | null>[] {
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.id, r[i] ?? null])));
}

export default defineOutput({
  id: "json",
  extensions: [".json"],
  description: "one JSON document: rows, total, notes, settings, reconciliation",
  render: (t, ctx) =>
    `${JSON.stringify(
      {
        columns: t.columns,
        rows: rowObjects(t),
        total: t.total ? Object.fromEntries(t.columns.map((c, i) => [c.id, t.total![i] ?? null])) : null,
        notes: t.notes,
        ...ctx.meta,
      },
      null,
      2,
    )}\n`,
});
