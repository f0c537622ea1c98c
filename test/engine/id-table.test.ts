/**
 * IdTable against a Map: random interleavings of set, get and delete over ids
 * chosen to collide (a small alphabet, so probe runs are long and deletions
 * shift entries back across the table's wrap-around) must answer alike.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashString, IdTable } from "../../src/engine/id-table.js";

describe("IdTable", () => {
  it("answers like a Map under random set / get / delete", () => {
    const id = fc.string({ unit: fc.constantFrom("a", "b", "c", "é", "中"), maxLength: 4 });
    const op = fc.oneof(
      fc.tuple(fc.constant("set" as const), id, fc.nat(1_000_000)),
      fc.tuple(fc.constant("get" as const), id, fc.constant(0)),
      fc.tuple(fc.constant("delete" as const), id, fc.constant(0)),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const t = new IdTable();
        const m = new Map<string, number>();
        for (const [kind, key, v] of ops) {
          if (kind === "set") { t.set(key, v); m.set(key, v); }
          else if (kind === "delete") { t.delete(key); m.delete(key); }
          else expect(t.get(key)).toBe(m.get(key) ?? -1);
          expect(t.size).toBe(m.size);
        }
        for (const [k, v] of m) expect(t.get(k)).toBe(v);
      }),
      { numRuns: 200 },
    );
  });

  it("deletes by hash and value (deleteValue) like a Map deletes by key, values handed out once", () => {
    const id = fc.string({ unit: fc.constantFrom("a", "b", "c", "é", "中"), maxLength: 4 });
    const op = fc.tuple(fc.constantFrom("add" as const, "drop" as const, "wrong" as const, "get" as const), id);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const t = new IdTable();
        const m = new Map<string, number>();
        let next = 0;
        for (const [kind, key] of ops) {
          const h = hashString(key);
          const v = m.get(key);
          if (kind === "add") {
            expect(t.getOrSetHashed(key, h, next)).toBe(v ?? -1);
            if (v === undefined) m.set(key, next++);
          } else if (kind === "drop") {
            // Absent: a value no key holds; present: its own.
            expect(t.deleteValue(h, v ?? 1_000_000)).toBe(v !== undefined);
            m.delete(key);
          } else if (kind === "wrong") {
            // The right hash with another value, or the right value with another hash, removes nothing.
            // (h ^ 0x100010 has the same home slot in tables under 2^20 slots: the probe passes the entry.)
            expect(t.deleteValue(h, (v ?? 0) + 1_000_000)).toBe(false);
            if (v !== undefined) expect(t.deleteValue(h ^ 0x100010, v)).toBe(false);
          } else expect(t.getHashed(key, h)).toBe(v ?? -1);
          expect(t.size).toBe(m.size);
        }
        for (const [k, v] of m) expect(t.get(k)).toBe(v);
      }),
      { numRuns: 200 },
    );
  });

  it("keyless: nextHashed finds every value under a hash, like a list of (hash, value) entries", () => {
    // Few hashes, several sharing a home slot (h and h ^ 0x100010, h + 1024), so that runs interleave.
    const hash = fc.constantFrom(0, 1, 2, 0x100010, 1024, 1025, -7);
    const op = fc.oneof(
      fc.tuple(fc.constant("add" as const), hash),
      fc.tuple(fc.constant("drop" as const), fc.nat(200)),
      fc.tuple(fc.constant("find" as const), hash),
      fc.tuple(fc.constant("clear" as const), fc.constant(0)),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const t = new IdTable();
        let live: { h: number; v: number }[] = [];
        let next = 0;
        const under = (h: number): number[] => {
          const got: number[] = [];
          for (let s = t.nextHashed(h, -1); s >= 0; s = t.nextHashed(h, s)) got.push(t.valueAt(s));
          return got.sort((a, b) => a - b);
        };
        for (const [kind, x] of ops) {
          if (kind === "add") {
            t.addHashed(x, next);
            live.push({ h: x, v: next++ });
          } else if (kind === "drop") {
            const e = live[x % Math.max(live.length, 1)];
            if (e === undefined) continue;
            expect(t.deleteValue(e.h, e.v)).toBe(true);
            live = live.filter((l) => l !== e);
          } else if (kind === "find") {
            expect(under(x)).toEqual(live.filter((l) => l.h === x).map((l) => l.v));
          } else {
            t.removeAll();
            live = [];
          }
          expect(t.size).toBe(live.length);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("grows past its first capacity, stays at its peak size, and stays exact as ids pass through", () => {
    const t = new IdTable();
    const capacity = (): number => (t as unknown as { keys: unknown[] }).keys.length;
    for (let i = 0; i < 50_000; i++) {
      t.set(`C${i}`, i);
      if (i >= 1000) t.delete(`C${i - 1000}`);
    }
    expect(t.size).toBe(1000);
    expect(capacity()).toBe(2048); // at most 1,001 live: at most half full
    expect(t.get("C49999")).toBe(49_999);
    expect(t.get("C48999")).toBe(-1);
    expect(t.get("C49000")).toBe(49_000);
    for (let i = 49_000; i < 50_000; i++) t.delete(`C${i}`);
    expect(t.size).toBe(0);
    expect(capacity()).toBe(2048);
    expect(t.get("C49500")).toBe(-1);
  });

  it("hashes code units (FNV-1a): equal strings alike, known value for the empty string", () => {
    expect(hashString("")).toBe(0x811c9dc5 | 0);
    expect(hashString("C12")).toBe(hashString(["C", "1", "2"].join("")));
    expect(hashString("ab")).not.toBe(hashString("ba"));
  });
});
