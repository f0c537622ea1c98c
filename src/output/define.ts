/**
 * The output contract: one module per format, registered in `index.ts`. A
 * format turns a finished table (columns, rows, total, notes) into text; the
 * caller writes it to stdout or, atomically, to `-o FILE`.
 */
import type { ReportTable } from "../report/rollup.js";

export interface RenderContext {
  color: boolean;
  /** `--excel`: UTF-8 BOM, CRLF, formula escaping of text cells. */
  excel: boolean;
  /** Extra data for JSON outputs (reconciliation, settings). */
  meta: Record<string, unknown>;
}

export interface OutputDef {
  id: string;
  extensions: readonly string[];
  description: string;
  render(t: ReportTable, ctx: RenderContext): string;
}

export function defineOutput(def: OutputDef): OutputDef {
  return def;
}
