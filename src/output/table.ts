/**
 * The terminal table: formatted cells, numbers right-aligned, the total row
 * bold, notes under the table, in cli-table3's box style. Drawn here in one
 * pass (column widths, then lines) because cli-table3's layout checks every
 * cell against every earlier row: 90 s for a 27,000-row interval report
 * (bench, 1M contacts). Colour only when the caller allows it (TTY, no
 * NO_COLOR, no TERM=dumb, no --no-color; chalk does not check NO_COLOR).
 */
import { Chalk } from "chalk";
import { defineOutput } from "./define.js";
import { human } from "./format.js";
import { textWidth } from "./text-width.js";

type Align = "left" | "right";

function pad(cell: string, width: number, align: Align): string {
  const gap = " ".repeat(Math.max(0, width - textWidth(cell)));
  return align === "left" ? cell + gap : gap + cell;
}

/** Lines of a boxed table; every cell on one line (cells never contain newlines here). */
export function drawBox(head: readonly string[], rows: readonly (readonly string[])[], aligns: readonly Align[]): string {
  const widths = head.map((h) => textWidth(h));
  for (const r of rows) r.forEach((cell, i) => { const w = textWidth(cell); if (w > widths[i]!) widths[i] = w; });
  const rule = (l: string, m: string, r: string): string => l + widths.map((w) => "─".repeat(w + 2)).join(m) + r;
  const line = (cells: readonly string[]): string => `│${cells.map((cell, i) => ` ${pad(cell, widths[i]!, aligns[i]!)} `).join("│")}│`;
  const out: string[] = [rule("┌", "┬", "┐"), line(head)];
  for (const r of rows) out.push(rule("├", "┼", "┤"), line(r));
  out.push(rule("└", "┴", "┘"));
  return out.join("\n");
}

export default defineOutput({
  id: "table",
  extensions: [".txt"],
  description: "an aligned text table for terminals (default on a TTY)",
  render: (t, ctx) => {
    const c = new Chalk({ level: ctx.color ? 1 : 0 });
    const rows = t.rows.map((r) => r.map((v, i) => human(v, t.columns[i]!)));
    if (t.total) rows.push(t.total.map((v, i) => c.bold(human(v, t.columns[i]!))));
    const aligns = t.columns.map((col): Align => (col.unit === "label" || col.unit === "time" ? "left" : "right"));
    const notes = t.notes.map((n) => c.dim(n)).join("\n");
    return `${drawBox(t.columns.map((col) => c.bold(col.title)), rows, aligns)}\n${notes ? `${notes}\n` : ""}`;
  },
});
