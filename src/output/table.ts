/**
 * The terminal table (cli-table3): formatted cells, numbers right-aligned, the
 * total row bold, notes under the table. Colour only when the caller allows it
 * (TTY, no NO_COLOR, no TERM=dumb, no --no-color; chalk does not check NO_COLOR).
 */
import { Chalk } from "chalk";
import Table from "cli-table3";
import { defineOutput } from "./define.js";
import { human } from "./format.js";

export default defineOutput({
  id: "table",
  extensions: [".txt"],
  description: "an aligned text table for terminals (default on a TTY)",
  render: (t, ctx) => {
    const c = new Chalk({ level: ctx.color ? 1 : 0 });
    const table = new Table({
      head: t.columns.map((col) => c.bold(col.title)),
      style: { head: [], border: [], compact: false },
      colAligns: t.columns.map((col) => (col.unit === "label" || col.unit === "time" ? "left" : "right")),
    });
    for (const r of t.rows) table.push(r.map((v, i) => human(v, t.columns[i]!)));
    if (t.total) table.push(t.total.map((v, i) => c.bold(human(v, t.columns[i]!))));
    const notes = t.notes.map((n) => c.dim(n)).join("\n");
    return `${table.toString()}\n${notes ? `${notes}\n` : ""}`;
  },
});
