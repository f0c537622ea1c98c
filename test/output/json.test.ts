/**
 * JSON, NDJSON and Markdown made a chunk of rows at a time give the text each
 * format made in one call before (the references below are those calls): JSON is
 * `JSON.stringify(document, null, 2)`, NDJSON one `JSON.stringify` per row, the
 * total last; Markdown a pipe table with a bold total and notes as quotes. The
 * pieces are checked across chunk boundaries, with no rows, and without a total.
 */
import { describe, expect, it } from "vitest";
import type { RenderContext } from "../../src/output/define.js";
import { human } from "../../src/output/format.js";
import json from "../../src/output/json.js";
import markdown from "../../src/output/markdown.js";
import ndjson from "../../src/output/ndjson.js";
import type { ReportTable } from "../../src/report/rollup.js";

function table(rows: number, total: boolean, notes: string[] = []): ReportTable {
  const labels = ["sales", 'say "hi"', "a|b", "line\nbreak", "中文", "", "=1", "\\"];
  return {
    // "__proto__" is a column id like any other (an extra dimension may be called anything).
    columns: [
      { id: "interval", title: "interval", unit: "time" },
      { id: "__proto__", title: "odd | title", unit: "label" },
      { id: "service_level", title: "Service level", unit: "percent" },
      { id: "offered", title: "Offered", unit: "count" },
      { id: "aht", title: "AHT", unit: "seconds" },
    ],
    rows: Array.from({ length: rows }, (_, i) => [`2026-03-02 ${String(i % 24).padStart(2, "0")}:00`, labels[i % labels.length]!, i % 7 === 0 ? null : i / 13, i, i % 5 === 0 ? null : i * 1.5]),
    total: total ? ["Total", "", 0.8, rows, null] : null,
    notes,
  };
}

const ctx = (meta: Record<string, unknown>): RenderContext => ({ color: false, excel: false, meta });

/** The document as one JSON.stringify call (how json.ts made it before). */
function jsonReference(t: ReportTable, meta: Record<string, unknown>): string {
  const obj = (r: readonly (string | number | null)[]) => Object.fromEntries(t.columns.map((c, i) => [c.id, r[i] ?? null]));
  return `${JSON.stringify({ columns: t.columns, rows: t.rows.map(obj), total: t.total ? obj(t.total) : null, notes: t.notes, ...meta }, null, 2)}\n`;
}

function ndjsonReference(t: ReportTable): string {
  const rows = [...t.rows, ...(t.total ? [t.total] : [])].map((r) => Object.fromEntries(t.columns.map((c, i) => [c.id, r[i] ?? null])));
  return rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
}

function markdownReference(t: ReportTable): string {
  const esc = (s: string): string => s.replace(/\|/g, "\\|");
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
}

const pieces = (r: string | Iterable<string>): string[] => (typeof r === "string" ? [r] : [...r]);

const META = {
  settings: { timeZone: "America/New_York", by: ["interval", "queue"], nested: { a: [1, { b: null }], empty: [], none: {} } },
  skipped: undefined,
  fn: () => 1,
  reconciliation: { read: 10, used: 9 },
};

const CASES = [
  ["no rows, no total", table(0, false), []],
  ["no rows, a total", table(0, true), ["a note"]],
  ["one row", table(1, true), []],
  ["5,000 rows (three pieces of JSON)", table(5_000, true), ["first note", "second | note"]],
  ["9,000 rows without a total", table(9_000, false), []],
] as const;

describe("json", () => {
  it.each(CASES)("%s: the text of one JSON.stringify call", (_, t, notes) => {
    const tt = { ...t, notes: [...notes] };
    const out = pieces(json.render(tt, ctx(META)));
    expect(out.join("")).toBe(jsonReference(tt, META));
    expect(out.length).toBe(Math.floor(tt.rows.length / 2048) + 1);
  });

  it("a meta member named like a document member replaces it, as in the object spread", () => {
    const t = table(3, true);
    const meta = { notes: ["from meta"], rows: "replaced" };
    expect(pieces(json.render(t, ctx(meta))).join("")).toBe(jsonReference(t, meta));
  });
});

describe("ndjson", () => {
  it.each(CASES)("%s: one JSON.stringify per row, the total last", (_, t) => {
    const out = pieces(ndjson.render(t, ctx({})));
    expect(out.join("")).toBe(ndjsonReference(t));
    const n = t.rows.length + (t.total ? 1 : 0);
    expect(out.length).toBe(Math.ceil(n / 4096));
    for (const p of out) expect(p.endsWith("\n")).toBe(true);
  });
});

describe("markdown", () => {
  it.each(CASES)("%s: the pipe table of one call", (_, t, notes) => {
    const tt = { ...t, notes: [...notes] };
    const out = pieces(markdown.render(tt, ctx({})));
    expect(out.join("")).toBe(markdownReference(tt));
    expect(out.length).toBe(Math.floor((tt.rows.length + (tt.total ? 1 : 0)) / 4096) + 1);
  });
});
