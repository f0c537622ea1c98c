/**
 * detached(): the copy is equal and does not keep the chunk it was cut from
 * reachable (measured on the heap after a full collection); the record store
 * keeps such copies of queue and agent names.
 */
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { RecordStore } from "../../src/engine/records.js";
import { detached } from "../../src/model/detached.js";

v8.setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const MIB = 1 << 20;

/** Heap growth after `use` is given a 17-character slice of each of 40 fresh 1 MiB chunks. */
function grownBy(use: (field: string, i: number) => void): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 40; i++) {
    const chunk = `${"x".repeat(MIB)}${i}|1773254165.338886|`;
    use(chunk.slice(chunk.length - 18, chunk.length - 1), i);
  }
  gc();
  return process.memoryUsage().heapUsed - before;
}

describe("detached", () => {
  it("returns an equal string that does not keep its chunk alive (V8 slices of 13+ characters are views)", () => {
    const plain: string[] = [];
    expect(grownBy((f) => plain.push(f))).toBeGreaterThan(30 * MIB);
    const copies: string[] = [];
    expect(grownBy((f) => copies.push(detached(f)))).toBeLessThan(4 * MIB);
    expect(copies.every((s) => s === "1773254165.338886")).toBe(true);
    expect(plain).toEqual(copies);
    expect(detached("short")).toBe("short");
    expect(detached("")).toBe("");
  });

  it("the record store keeps copies of the names in its keys (a record lives to the end of the run)", () => {
    const store = new RecordStore([], []);
    expect(grownBy((f, i) => store.slot("contact", i * 1_800_000, 30, f, f, [f]))).toBeLessThan(4 * MIB);
    expect(store.keyList()).toHaveLength(40);
    expect(store.key(39)).toMatchObject({ queue: "1773254165.338886", agent: "1773254165.338886", dims: ["1773254165.338886"] });
    expect(store.slot("contact", 0, 30, "1773254165.338886", "1773254165.338886", ["1773254165.338886"])).toBe(0);
  });
});
