/**
 * The output contract: one module per format, registered in `index.ts`. A
 * format turns a finished table (columns, rows, total, notes) into text, whole
 * or in pieces (a large report need not be one string before it is written);
 * the caller writes it to stdout or, atomically, to `-o FILE`. A format reads
 * rows by position (`rows.at(i)`, once each): they may be made only as asked.
 */
import type { ReportTable, RowList } from "../report/rollup.js";

export interface RenderContext {
  color: boolean;
  /** `--excel`: UTF-8 BOM, CRLF, formula escaping of text cells. */
  excel: boolean;
  /** Extra data for JSON outputs (reconciliation, settings). */
  meta: Record<string, unknown>;
}

/** A format's text: one string, or pieces written one after another. */
export type Rendered = string | Iterable<string>;

export interface OutputDef {
  id: string;
  extensions: readonly string[];
  description: string;
  render(t: ReportTable<RowList>, ctx: RenderContext): Rendered;
}

export function defineOutput(def: OutputDef): OutputDef {
  return def;
}

/**
 * A format's text in pieces of `rowsPerPiece` rows: `head`, then `line(row)` for each row and
 * the total last (`isTotal`), then `tail`. Only the piece being made is held: a report by
 * interval and agent over a month has hundreds of thousands of rows.
 */
export function* rowPieces(
  t: ReportTable<RowList>,
  rowsPerPiece: number,
  line: (r: readonly (string | number | null)[], isTotal: boolean) => string,
  head = "",
  tail = "",
): Generator<string, void, undefined> {
  const n = t.rows.length + (t.total ? 1 : 0);
  let out = head;
  for (let i = 0; i < n; i++) {
    const isTotal = i === t.rows.length;
    out += line(isTotal ? t.total! : t.rows.at(i)!, isTotal);
    if ((i + 1) % rowsPerPiece === 0) {
      yield out;
      out = "";
    }
  }
  if (out !== "" || tail !== "") yield out + tail;
}
