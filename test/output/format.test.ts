/** Cell formatting: `duration()` (m:ss / h:mm:ss), `human()` for tables, `raw()` for CSV/TSV. */
import { describe, expect, it } from "vitest";
import { duration, human, NO_VALUE, raw } from "../../src/output/format.js";
import { outputForFile } from "../../src/output/index.js";
import type { Column } from "../../src/report/rollup.js";

const col = (unit: Column["unit"]): Column => ({ id: "x", title: "x", unit });

describe("duration()", () => {
  it.each([
    [0, "0:00"],
    [0.4, "0:00"],
    [0.5, "0:01"],
    [5, "0:05"],
    [59.4, "0:59"],
    [59.5, "1:00"], // rounds to whole seconds before splitting: never "0:60"
    [60, "1:00"],
    [61, "1:01"],
    [600, "10:00"],
    [3599, "59:59"],
    [3599.6, "1:00:00"],
    [3600, "1:00:00"],
    [3661, "1:01:01"],
    [36000, "10:00:00"],
    [90061, "25:01:01"], // hours do not wrap into days
    [-5, "-0:05"],
    [-3661, "-1:01:01"],
    [-0.2, "0:00"], // rounds to zero: no "-0:00"
  ])("duration(%s) = %s", (s, text) => {
    expect(duration(s)).toBe(text);
  });
});

describe("human()", () => {
  it.each([
    [null, "percent", NO_VALUE],
    [null, "seconds", NO_VALUE],
    [null, "count", NO_VALUE],
    [null, "score", NO_VALUE],
    [0.5, "percent", "50.0 %"],
    [1 / 6, "percent", "16.7 %"],
    [0, "percent", "0.0 %"],
    [1, "percent", "100.0 %"],
    [0.9995, "percent", "100.0 %"],
    [40 / 3, "seconds", "0:13"],
    [1250 / 7, "seconds", "2:59"],
    [4.256, "score", "4.26"],
    [4, "score", "4.00"],
    [7, "count", "7"],
    [12345, "count", "12,345"],
    [1234567, "count", "1,234,567"],
    [2.5, "count", "2.5"],
    [1234.567, "count", "1,234.57"],
    ["sales", "label", "sales"],
    ["2026-03-02", "time", "2026-03-02"],
    ["", "label", ""],
  ] as const)("human(%s, %s) = %j", (v, unit, text) => {
    expect(human(v, col(unit))).toBe(text);
  });

  it("no value is the em dash", () => {
    expect(NO_VALUE).toBe("—");
  });
});

describe("raw()", () => {
  it.each([
    [null, ""],
    [0, "0"],
    [-0, "0"],
    [7, "7"],
    [-3, "-3"],
    [0.5, "0.5"],
    [0.1 + 0.2, "0.3"], // 15 significant digits drop float noise
    [1 / 3, "0.333333333333333"],
    [1 / 6, "0.166666666666667"],
    [40 / 3, "13.3333333333333"],
    [1250 / 7, "178.571428571429"],
    [123456789, "123456789"],
    ["=cmd", "=cmd"], // escaping is the CSV writer's job under --excel, not raw()'s
    ["", ""],
  ] as const)("raw(%s) = %j", (v, text) => {
    expect(raw(v)).toBe(text);
  });

  it("round-trips through Number for every non-integer it prints", () => {
    for (const v of [1 / 7, 2 / 3, 0.000123, 98765.4321, 1e-7]) {
      expect(Math.abs(Number(raw(v)) - v)).toBeLessThan(Math.abs(v) * 1e-14);
    }
  });
});

describe("outputForFile()", () => {
  it.each([
    ["r.csv", "csv"],
    ["r.CSV", "csv"],
    ["r.tsv", "tsv"],
    ["r.tab", "tsv"],
    ["r.json", "json"],
    ["r.ndjson", "ndjson"],
    ["r.jsonl", "ndjson"],
    ["r.md", "markdown"],
    ["r.markdown", "markdown"],
    ["r.txt", "table"],
    ["nightly/2026-03-02.report.csv", "csv"],
  ])("%s -> %s", (file, id) => {
    expect(outputForFile(file)?.id).toBe(id);
  });

  it("an unknown extension infers nothing", () => {
    expect(outputForFile("r.xlsx")).toBeUndefined();
    expect(outputForFile("report")).toBeUndefined();
  });
});
