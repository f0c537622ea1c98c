/** Markdown: a pipe table with human-formatted cells, notes as a footnote list. */
import { defineOutput } from "./define.js";
import { human } from "./format.js";

const esc = (s: string): string => s.replace(/\|/g, "\\|");

export default defineOutput({
  id: "markdown",
  extensions: [".md", ".markdown"],
  description: "a Markdown table with formatted values",
  render: (t) => {
    const head = `| ${t.columns.map((c) => esc(c.title)).join(" | ")} |`;
    const align = `|${t.columns.map((c) => (c.unit === "label" || c.unit === "time" ? " --- " : " ---: ")).join("|")}|`;
    const body = [...t.rows, ...(t.total ? [t.total] : [])].map(
      (r, ri) => `| ${r.map((v, i) => {
        const cell = esc(human(v, t.columns[i]!));
        return t.total && ri === t.rows.length && cell !== "" ? `**${cell}**` : cell;
      }).join(" | ")} |`,
    );
    const notes = t.notes.map((n) => `\n> ${n}`).join("");
    return `${[head, align, ...body].join("\n")}\n${notes ? `${notes}\n` : ""}`;
  },
});
