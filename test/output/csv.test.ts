/**
 * CSV and TSV text made a chunk of rows at a time is the text one csv-stringify
 * call over every row gives: header once, the BOM once (--excel), CRLF, formula
 * escaping, quoting, empty cells for no value, the total row last.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { delimited } from "../../src/output/csv.js";
import { raw } from "../../src/output/format.js";
import type { ReportTable } from "../../src/report/rollup.js";

function table(rows: number): ReportTable {
  const cells = ["a", "=SUM(A1)", 'say "hi"', "x,y", "line\nbreak", "＋1", "", "1001", "-", "-3", "+1", "@x", "\tlead", "\rlead", "tab\tin", "cr\rin", "－1", "＝1", "＠1", '"', "'", "中文"];
  return {
    columns: [{ id: "label", title: "label", unit: "label" }, { id: "rate", title: "Rate", unit: "percent" }, { id: "n", title: "n", unit: "count" }],
    rows: Array.from({ length: rows }, (_, i) => [cells[i % cells.length]!, i % 5 === 0 ? null : i % 3 === 0 ? -i / 7 : i / 7, i % 11 === 0 ? -i : i]),
    total: ["Total", 0.25, rows],
    notes: [],
  };
}

/**
 * The text of one csv-stringify call over every row (how it was made before cckpi wrote
 * its own). `quote_record_delimiter`: a CR or LF in a cell is quoted even when it is not
 * the record delimiter; without it, an --excel file's label with a line break split its row.
 */
function reference(t: ReportTable, excel: boolean, delimiter: string): string {
  const records = [t.columns.map((c) => c.id), ...[...t.rows, t.total!].map((r) => r.map((v) => (typeof v === "number" ? Number(raw(v)) : raw(v))))];
  return stringify(records, { delimiter, bom: excel, record_delimiter: excel ? "windows" : "unix", quote_record_delimiter: true, escape_formulas: excel, cast: { number: (v) => raw(v) } });
}

/** The three delimited formats: name, --excel, delimiter. */
const FORMATS = [
  ["csv", false, ","],
  ["csv --excel", true, ","],
  ["tsv", false, "\t"],
] as const;

describe("delimited", () => {
  it.each(FORMATS)("%s: every cell reads back as written (csv-parse), line breaks and quotes included", (_name, excel, delimiter) => {
    const t = table(200);
    const back = parse(delimited(t, { color: false, excel, meta: {} }, delimiter), { delimiter, bom: true, relax_column_count: false }) as string[][];
    expect(back).toHaveLength(1 + 200 + 1);
    expect(back[0]).toEqual(["label", "rate", "n"]);
    t.rows.forEach((r, i) => {
      const label = r[0] as string;
      // --excel: a text cell a spreadsheet would take for a formula starts with '.
      const shown = excel && /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(label) ? `'${label}` : label;
      expect(back[i + 1]).toEqual([shown, raw(r[1]!), raw(r[2]!)]);
    });
  });

  it.each(FORMATS)("%s: 20,000 rows in chunks give the text of one call", (_name, excel, delimiter) => {
    const t = table(20_000);
    const text = delimited(t, { color: false, excel, meta: {} }, delimiter);
    expect(text).toBe(reference(t, excel, delimiter));
    expect(text.split("\uFEFF")).toHaveLength(excel ? 2 : 1);
    expect(text.startsWith(excel ? "\uFEFFlabel" : "label")).toBe(true);
  });

  it("a table of a chunk's rows exactly, and an empty one", () => {
    for (const n of [8191, 8192, 0]) {
      const t = table(n);
      expect(delimited(t, { color: false, excel: false, meta: {} }, ",")).toBe(reference(t, false, ","));
    }
  });
});
