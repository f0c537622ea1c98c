import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/output/write.js";

let dir = "";
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = "";
});

describe("writeFileAtomic", () => {
  it("writes a string, or pieces in order", () => {
    dir = mkdtempSync(join(tmpdir(), "cckpi-write-"));
    writeFileAtomic(join(dir, "a.txt"), "one\n");
    writeFileAtomic(join(dir, "b.txt"), ["one\n", "", "two\n", "三\n"]);
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("one\n");
    expect(readFileSync(join(dir, "b.txt"), "utf8")).toBe("one\ntwo\n三\n");
    expect(readdirSync(dir).sort()).toEqual(["a.txt", "b.txt"]);
  });

  it("a failure while the pieces are made keeps the old file and leaves no temp file", () => {
    dir = mkdtempSync(join(tmpdir(), "cckpi-write-"));
    const target = join(dir, "report.csv");
    writeFileSync(target, "old report\n");
    function* pieces(): Generator<string> {
      yield "half a ";
      throw new Error("rendering failed");
    }
    expect(() => writeFileAtomic(target, pieces())).toThrow("rendering failed");
    expect(readFileSync(target, "utf8")).toBe("old report\n");
    expect(readdirSync(dir)).toEqual(["report.csv"]);
  });
});
