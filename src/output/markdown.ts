/**
 * Markdown: a pipe table with human-formatted cells, notes as a footnote list,
 * written a chunk of rows at a time (a large report need not be one string).
 */
import { defineOutput, rowPieces } from "./define.js";
import { human } from "./format.js";

/** Rows per piece of text handed to the writer. */
const CHUNK_ROWS = 4096;

const esc = (s: string): string => s.replace(/\|/g, "\\|");

export default defineOutput({
  id: "markdown",
  extensions: [".md", ".markdown"],
  description: "a Markdown table with formatted values",
  render: (t) => {
    const head = `| ${t.columns.map((c) => esc(c.title)).join(" | ")} |\n|${t.columns.map((c) => (c.unit === "label" || c.unit === "time" ? " --- " : " ---: ")).join("|")}|\n`;
    const notes = t.notes.map((x) => `\n> ${x}`).join("");
    return rowPieces(t, CHUNK_ROWS, (r, isTotal) => {
      let line = "|";
      for (let i = 0; i < r.length; i++) {
        const cell = esc(human(r[i]!, t.columns[i]!));
        // The total's cells bold, but an empty one stays empty (not `****`).
        line += ` ${isTotal && cell !== "" ? `**${cell}**` : cell} |`;
      }
      return `${line}\n`;
    }, head, notes ? `${notes}\n` : "");
  },
});
