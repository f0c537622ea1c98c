/**
 * The record store: one record per (level, interval start, queue, agent, extra
 * dimensions), whichever of its indexes the key goes through (queue alone,
 * queue and agent, or the key with dimensions), and values of its own for each
 * record though they are cut from shared slabs.
 */
import { describe, expect, it } from "vitest";
import { facts } from "../../src/engine/facts.js";
import { RecordStore } from "../../src/engine/records.js";

const defs = [facts.offered, facts.answered, facts.waitAnswered];

describe("RecordStore", () => {
  it("finds the same record for the same key, and a new one for any other", () => {
    const s = new RecordStore(defs, ["team"]);
    const keys: [("contact" | "call"), number, string, string, string[]][] = [];
    for (const level of ["contact", "call"] as const) {
      for (const start of [0, 1_800_000]) {
        for (const queue of ["", "sales", "support"]) {
          for (const agent of ["", "1001", "1002"]) {
            for (const dims of [[], ["north"], ["south"], [""]]) keys.push([level, start, queue, agent, dims]);
          }
        }
      }
    }
    const first = keys.map(([l, t, q, a, d]) => s.slot(l, t, 30, q, a, d));
    expect(new Set(first).size).toBe(keys.length);
    expect(s.size).toBe(keys.length);
    // Asked again, in another order and with equal strings made anew: the same records.
    const again = [...keys].reverse().map(([l, t, q, a, d]) => s.slot(l, t, 30, `${q}`.slice(0), [...a].join(""), d.map((x) => x)));
    expect(again.reverse()).toEqual(first);
    first.forEach((r, i) => {
      const [level, startMs, queue, agent, dims] = keys[i]!;
      expect(s.key(r)).toEqual({ level, startMs, minutes: 30, queue, agent, dims });
    });
  });

  it("gives every record values of its own, across slabs", () => {
    const s = new RecordStore(defs, []);
    const n = 5000; // more records than one slab of 4096 values holds
    for (let i = 0; i < n; i++) {
      const r = s.slot("contact", i * 1_800_000, 30, "q", "", []);
      s.addValue(r, 0, i + 1);
      s.addValue(r, 2, 0.5);
    }
    expect(s.size).toBe(n);
    for (let r = 0; r < n; r++) {
      expect([...s.valuesOf(r)]).toEqual([r + 1, 0, 0.5]);
      expect(s.value(r, 0)).toBe(r + 1);
      expect(s.key(r)).toEqual({ level: "contact", startMs: r * 1_800_000, minutes: 30, queue: "q", agent: "", dims: [] });
    }
  });

  it("keeps keys in columns: names and dimensions once each, a record's call twin found from its key", () => {
    const s = new RecordStore(defs, ["team"]);
    const a = s.slot("contact", 0, 15, "sales", "1001", ["north"]);
    const b = s.slot("contact", 0, 15, "sales", "1002", ["north"]);
    const c = s.slot("contact", 900_000, 15, "", "1001", []); // through the agent-first index
    expect([s.queue(a), s.agent(a), s.dims(a)]).toEqual(["sales", "1001", ["north"]]);
    expect(s.queue(a)).toBe(s.queue(b)); // one string per name
    expect(s.dims(a)).toBe(s.dims(b)); // one array per combination
    expect([s.level(c), s.startMs(c), s.minutes(c), s.queue(c), s.agent(c)]).toEqual(["contact", 900_000, 15, "", "1001"]);
    const twin = s.callTwin(b);
    expect(s.key(twin)).toEqual({ ...s.key(b), level: "call" });
    expect(s.callTwin(b)).toBe(twin);
    expect(s.slot("call", 0, 15, "sales", "1002", ["north"])).toBe(twin);
    expect(s.keyList().map((k) => k.level)).toEqual(["contact", "contact", "contact", "call"]);
  });

  it("agent records across queues: one per (level, agent, start), through table growth, shuffled order and starts that are not whole minutes", () => {
    const s = new RecordStore(defs, []);
    const starts = [...Array.from({ length: 150 }, (_, i) => 1_772_341_200_000 + i * 1_800_000), -1_800_000, 1_772_341_200_500];
    const keys: ["contact" | "call", string, number][] = [];
    for (const level of ["contact", "call"] as const) for (let a = 0; a < 40; a++) for (const t of starts) keys.push([level, `agent ${a}`, t]);
    const first = keys.map(([l, a, t]) => s.slot(l, t, 30, "", a, []));
    expect(new Set(first).size).toBe(keys.length);
    // Again, in a scrambled order (every 7th key, round and round) and with the names made anew.
    const order = Array.from({ length: keys.length }, (_, i) => (i * 7) % keys.length);
    expect(new Set(order).size).toBe(keys.length); // 7 is prime to the count
    for (const i of order) {
      const [l, a, t] = keys[i]!;
      expect(s.slot(l, t, 30, "", `${a} `.trim(), [])).toBe(first[i]);
    }
    first.forEach((r, i) => expect(s.key(r)).toEqual({ level: keys[i]![0], startMs: keys[i]![2], minutes: 30, queue: "", agent: keys[i]![1], dims: [] }));
  });
});
