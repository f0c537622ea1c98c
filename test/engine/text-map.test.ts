/** TextMap: values by ranges of a text, checked against the stored text; sameText. */
import { describe, expect, it } from "vitest";
import { hashRange, hashString } from "../../src/engine/id-table.js";
import { sameText, TextMap } from "../../src/engine/text-map.js";

describe("sameText", () => {
  it("compares a range with a string, lengths first", () => {
    expect(sameText("sales", "1|sales|x", 2, 7)).toBe(true);
    expect(sameText("sale", "1|sales|x", 2, 7)).toBe(false);
    expect(sameText("salez", "1|sales|x", 2, 7)).toBe(false);
    expect(sameText("", "abc", 1, 1)).toBe(true);
  });
});

describe("TextMap", () => {
  it("finds a value by a range of another text, with or without its hash given", () => {
    const m = new TextMap<number>();
    m.set("sales", hashString("sales"), 7);
    const line = "1772460000|k1|sales|NONE";
    expect(m.get(line, 14, 19)).toBe(7);
    expect(m.get(line, 14, 19, hashRange(line, 14, 19))).toBe(7);
    expect(m.get(line, 20, 24)).toBeUndefined();
  });

  it("a text whose hash another holds is a miss, and the later one kept", () => {
    // hashString("c1062789") === hashString("c1279192")
    expect(hashString("c1062789")).toBe(hashString("c1279192"));
    const m = new TextMap<string>();
    m.set("c1062789", hashString("c1062789"), "first");
    expect(m.get("c1279192", 0, 8)).toBeUndefined();
    m.set("c1279192", hashString("c1279192"), "second");
    expect(m.get("c1279192", 0, 8)).toBe("second");
    expect(m.get("c1062789", 0, 8)).toBeUndefined();
  });

  it("starts over past its bound", () => {
    const m = new TextMap<number>(2);
    for (const [i, k] of ["a", "b", "c"].entries()) m.set(k, hashString(k), i);
    expect(m.get("c", 0, 1)).toBe(2);
    expect(m.get("a", 0, 1)).toBeUndefined();
  });
});
