/**
 * The terminal table: formatted cells, numbers right-aligned, the total row
 * bold, notes under the table, in cli-table3's box style. Drawn here in one
 * pass (column widths, then lines) because cli-table3's layout checks every
 * cell against every earlier row: 90 s for a 27,000-row interval report
 * (bench, 1M contacts). Colour only when the caller allows it (TTY, no
 * NO_COLOR, no TERM=dumb, no --no-color; chalk does not check NO_COLOR).
 *
 * The lines come out `CHUNK_ROWS` rows at a time (`boxChunks`): the box-drawing
 * characters make every line two bytes a character, and a 30,000-row report
 * drawn as one string (its lines, their join, the notes added) held about
 * 50 MB at the end of the run, its peak.
 */
import { Chalk } from "chalk";
import { defineOutput } from "./define.js";
import { human } from "./format.js";
import { textWidth } from "./text-width.js";

type Align = "left" | "right";

/** Rows per piece of text handed to the writer. */
const CHUNK_ROWS = 2048;

function pad(cell: string, width: number, align: Align): string {
  const gap = " ".repeat(Math.max(0, width - textWidth(cell)));
  return align === "left" ? cell + gap : gap + cell;
}

/**
 * A boxed table's text in pieces of whole lines, each piece ending in a newline but the
 * last; every cell on one line (cells never contain newlines here). `cells` holds the
 * rows one after another, `head.length` cells each.
 */
export function* boxChunks(head: readonly string[], cells: readonly string[], aligns: readonly Align[]): Generator<string, void, undefined> {
  const nCols = head.length;
  const widths = head.map((h) => textWidth(h));
  for (let i = 0; i < cells.length; i++) {
    const w = textWidth(cells[i]!);
    if (w > widths[i % nCols]!) widths[i % nCols] = w;
  }
  const rule = (l: string, m: string, r: string): string => l + widths.map((w) => "─".repeat(w + 2)).join(m) + r;
  const between = rule("├", "┼", "┤");
  const line = (at: number): string => {
    let s = "│";
    for (let i = 0; i < nCols; i++) s += ` ${pad(at < 0 ? head[i]! : cells[at + i]!, widths[i]!, aligns[i]!)} │`;
    return s;
  };
  let out: string[] = [rule("┌", "┬", "┐"), line(-1)];
  for (let at = 0; at < cells.length; at += nCols) {
    out.push(between, line(at));
    if (out.length >= 2 * CHUNK_ROWS) {
      yield `${out.join("\n")}\n`;
      out = [];
    }
  }
  out.push(rule("└", "┴", "┘"));
  yield out.join("\n");
}

/** A boxed table as one string (`boxChunks` joined). */
export function drawBox(head: readonly string[], rows: readonly (readonly string[])[], aligns: readonly Align[]): string {
  return [...boxChunks(head, rows.flat(), aligns)].join("");
}

export default defineOutput({
  id: "table",
  extensions: [".txt"],
  description: "an aligned text table for terminals (default on a TTY)",
  render: function* (t, ctx) {
    const c = new Chalk({ level: ctx.color ? 1 : 0 });
    // The cells of every row in one flat array: an array per row cost more than its cells.
    const cells: string[] = [];
    for (let ri = 0; ri < t.rows.length; ri++) {
      const r = t.rows.at(ri)!;
      for (let i = 0; i < r.length; i++) cells.push(human(r[i]!, t.columns[i]!));
    }
    if (t.total) for (let i = 0; i < t.total.length; i++) cells.push(c.bold(human(t.total[i]!, t.columns[i]!)));
    const aligns = t.columns.map((col): Align => (col.unit === "label" || col.unit === "time" ? "left" : "right"));
    yield* boxChunks(t.columns.map((col) => c.bold(col.title)), cells, aligns);
    const notes = t.notes.map((n) => c.dim(n)).join("\n");
    yield `\n${notes ? `${notes}\n` : ""}`;
  },
});
