/**
 * JSON: one document with the rows as objects keyed by column id, the total,
 * notes, settings and the row reconciliation. Raw numbers; no value is null.
 *
 * The text is `JSON.stringify(document, null, 2)`, made a chunk of rows at a
 * time (`jsonChunks`): the other members are stringified whole and the rows one
 * by one, each indented as it would be inside the document. As one call, a
 * report by interval and agent over a month of queue_log (332k rows) held every
 * row as an object and then the whole 74 MB text: peak RSS 727 MiB, against
 * 480 MiB for the same report as CSV; in pieces, 490 MiB.
 */
import type { Column, ReportTable, RowList } from "../report/rollup.js";
import { defineOutput } from "./define.js";

/** Rows per piece of text handed to the writer. */
const CHUNK_ROWS = 2048;

/** One row as an object keyed by column id (no value: null). */
export function rowObject(columns: readonly Column[], r: readonly (string | number | null)[]): Record<string, string | number | null> {
  // No prototype: a column id "__proto__" is a member like any other, as with Object.fromEntries.
  const o = Object.create(null) as Record<string, string | number | null>;
  for (let i = 0; i < columns.length; i++) o[columns[i]!.id] = r[i] ?? null;
  return o;
}

/** `JSON.stringify(v, null, 2)` for a value nested one level deeper per `indent` (two spaces). */
const nested = (v: unknown, indent: string): string | undefined => JSON.stringify(v, null, 2)?.replaceAll("\n", `\n${indent}`);

/**
 * `JSON.stringify(document, null, 2) + "\n"` in pieces, where the document is
 * `{ columns, rows, total, notes, ...meta }` with the rows as `rowObject`s.
 */
export function* jsonChunks(t: ReportTable<RowList>, meta: Record<string, unknown>): Generator<string, void, undefined> {
  const ROWS = Symbol("rows");
  const doc: Record<string, unknown> = {
    columns: t.columns,
    rows: ROWS,
    total: t.total ? rowObject(t.columns, t.total) : null,
    notes: t.notes,
    ...meta,
  };
  let out = "{";
  let members = 0;
  for (const [key, value] of Object.entries(doc)) {
    const head = `${members > 0 ? "," : ""}\n  ${JSON.stringify(key)}: `;
    if (value === ROWS) {
      members++;
      if (t.rows.length === 0) {
        out += `${head}[]`;
        continue;
      }
      out += `${head}[`;
      for (let i = 0; i < t.rows.length; i++) {
        out += `${i > 0 ? "," : ""}\n    ${nested(rowObject(t.columns, t.rows.at(i)!), "    ")!}`;
        if ((i + 1) % CHUNK_ROWS === 0) {
          yield out;
          out = "";
        }
      }
      out += "\n  ]";
      continue;
    }
    const text = nested(value, "  ");
    if (text === undefined) continue; // undefined, a function or a symbol: JSON.stringify leaves the member out
    members++;
    out += head + text;
  }
  yield `${out}${members > 0 ? "\n}" : "}"}\n`;
}

export default defineOutput({
  id: "json",
  extensions: [".json"],
  description: "one JSON document: rows, total, notes, settings, reconciliation",
  render: (t, ctx) => jsonChunks(t, ctx.meta),
});
