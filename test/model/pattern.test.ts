import { describe, expect, it } from "vitest";
import { compilePattern } from "../../src/model/pattern.js";

describe("date/time patterns", () => {
  it.each([
    ["yyyy-MM-dd", "2021-03-31", Date.UTC(2021, 2, 31)],
    ["dd/MM/yyyy", "01/09/2017", Date.UTC(2017, 8, 1)], // day first: 1 September
    ["MM/dd/yyyy", "01/09/2017", Date.UTC(2017, 0, 9)], // month first: 9 January
    ["d/M/yyyy", "1/9/2017", Date.UTC(2017, 8, 1)],
    ["yyMMdd", "990801", Date.UTC(1999, 7, 1)], // 70-99 -> 19xx
    ["yyMMdd", "010801", Date.UTC(2001, 7, 1)], // 00-69 -> 20xx
    ["H:mm:ss", "9:05:07", (9 * 3600 + 5 * 60 + 7) * 1000],
    ["HH:mm", "23:59", (23 * 60 + 59) * 60_000],
    ["dd.MM.yyyy HH:mm:ss", "24.12.2026 18:30:00", Date.UTC(2026, 11, 24, 18, 30)],
  ])("%s reads %s", (p, text, ms) => {
    expect(compilePattern(p).parse(text)).toBe(ms);
  });

  it.each([
    ["yyyy-MM-dd", "2021-02-29"], // not a leap year
    ["yyyy-MM-dd", "2021-13-01"],
    ["dd/MM/yyyy", "2021-01-01"], // another shape
    ["H:mm:ss", "24:00:00"],
    ["H:mm:ss", "9:60:00"],
    ["yyyy-MM-dd", ""],
  ])("%s refuses %j", (p, text) => {
    expect(compilePattern(p).parse(text)).toBeNaN();
  });
});
