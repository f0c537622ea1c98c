import Table from "cli-table3";
import { describe, expect, it } from "vitest";
import { boxChunks, drawBox } from "../../src/output/table.js";
import { textWidth } from "../../src/output/text-width.js";

// cli-table3 is the reference for the box style; cckpi draws it itself in linear time.
function reference(head: string[], rows: string[][], aligns: ("left" | "right")[]): string {
  const t = new Table({ head, style: { head: [], border: [], compact: false }, colAligns: aligns });
  for (const r of rows) t.push(r);
  return t.toString();
}

describe("drawBox draws what cli-table3 draws", () => {
  it.each([
    ["plain", ["queue", "Offered", "SL"], [["sales", "1,234", "50.0 %"], ["support", "7", "—"]], ["left", "right", "right"]],
    ["CJK names", ["队列", "接通率"], [["客服一组", "85.0 %"], ["sales", "—"]], ["left", "right"]],
    ["colour escapes", ["\u001b[1mqueue\u001b[22m", "n"], [["a", "\u001b[1m12\u001b[22m"]], ["left", "right"]],
    ["empty cells", ["day", "queue", "n"], [["Total", "", "3"]], ["left", "left", "right"]],
    ["no rows", ["a", "b"], [], ["left", "right"]],
  ] as const)("%s", (_n, head, rows, aligns) => {
    const h = [...head];
    const r = rows.map((x) => [...x]);
    const a = [...aligns];
    expect(drawBox(h, r, a)).toBe(reference(h, r, a));
  });

  it("comes out in pieces of whole lines that join into cli-table3's box (4,200 rows: three pieces)", () => {
    const rows = Array.from({ length: 4200 }, (_, i) => [`2026-03-01T${String(i % 24).padStart(2, "0")}:00`, `队列${i % 20}`, String(i * 37)]);
    const aligns = ["left", "left", "right"] as const;
    const pieces = [...boxChunks(["interval", "queue", "n"], rows.flat(), aligns)];
    expect(pieces).toHaveLength(3);
    for (const p of pieces.slice(0, -1)) expect(p.endsWith("│\n")).toBe(true);
    expect(pieces.join("")).toBe(reference(["interval", "queue", "n"], rows, [...aligns]));
  });

  it("stays linear: 30,000 rows draw in well under a second", () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => [`2026-03-01T${String(i % 24).padStart(2, "0")}:00:00-05:00`, `queue_${i % 20}`, String(i)]);
    const t0 = performance.now();
    const out = drawBox(["interval", "queue", "n"], rows, ["left", "left", "right"]);
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(out.split("\n")).toHaveLength(3 + 2 * 30_000);
  });
});

describe("textWidth", () => {
  it.each([
    ["abc", 3],
    ["", 0],
    ["—", 1],
    ["中文", 4],
    ["ｱ", 1], // halfwidth katakana
    ["Ａ", 2], // fullwidth A
    ["한국어", 6],
    ["e\u0301", 1], // combining accent
    ["\u001b[1mbold\u001b[22m", 4],
    ["😀", 2],
  ])("%j is %i columns", (s, w) => {
    expect(textWidth(s)).toBe(w);
  });
});
