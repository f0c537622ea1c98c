import { describe, expect, it } from "vitest";
import { FcrKeys, FcrTracker, type FcrPart } from "../../src/engine/fcr.js";

const H = 3_600_000;

/** A tracker addressed by key strings, for readable cases. */
function tracker(windowH: number, out: Record<number, FcrPart[]>) {
  const keys = new FcrKeys(24 * H);
  const t = new FcrTracker(keys, windowH * H, 12 * H, (rec, part) => { (out[rec] ??= []).push(part); });
  return {
    arrival: (k: string, ms: number) => t.arrival(keys.id(k), ms),
    eligible: (k: string, end: number, rec: number) => t.eligible(keys.id(k), end, rec),
    advance: (w: number) => t.advance(w),
    finish: (end: number) => t.finish(end),
  };
}

type T = ReturnType<typeof tracker>;

function judge(setup: (t: T) => void, windowH: number, dataEnd: number): Record<number, FcrPart[]> {
  const out: Record<number, FcrPart[]> = {};
  const t = tracker(windowH, out);
  setup(t);
  t.finish(dataEnd);
  return out;
}

describe("FcrTracker", () => {
  it.each([
    // [case, arrivals (hours), eligible end (hours), expected parts]
    ["no repeat: resolved", [0], 1, ["eligible", "resolved"]],
    ["repeat inside the window: not resolved", [0, 50], 1, ["eligible"]],
    ["repeat exactly at end + W counts (window is (end, end + W])", [0, 73], 1, ["eligible"]],
    ["repeat just after end + W: resolved", [0, 73.001], 1, ["eligible", "resolved"]],
    ["arrival at exactly end is not a repeat", [0, 1], 1, ["eligible", "resolved"]],
  ] as const)("%s", (_name, arrivals, end, parts) => {
    const r = judge((t) => {
      for (const a of arrivals) t.arrival("555", a * H);
      t.eligible("555", end * H, 7);
    }, 72, 1000 * H);
    expect(r[7]).toEqual(parts);
  });

  it("censors a contact whose window reaches past the data end, whatever follows", () => {
    const r = judge((t) => {
      t.arrival("555", 0);
      t.arrival("555", 10 * H);
      t.eligible("555", 1 * H, 1);
    }, 72, 50 * H);
    expect(r[1]).toEqual(["censored"]);
  });

  it("a repeat read before the contact still counts (input order does not matter)", () => {
    const r = judge((t) => {
      t.arrival("555", 30 * H);
      t.arrival("555", 0);
      t.eligible("555", 1 * H, 3);
    }, 72, 500 * H);
    expect(r[3]).toEqual(["eligible"]);
  });

  it("keys are independent", () => {
    const r = judge((t) => {
      t.arrival("111", 0);
      t.arrival("222", 5 * H);
      t.eligible("111", 1 * H, 1);
    }, 72, 500 * H);
    expect(r[1]).toEqual(["eligible", "resolved"]);
  });

  it("settles a contact as the data moves past window + horizon, and forgets old arrivals", () => {
    const out: Record<number, FcrPart[]> = {};
    const t = tracker(72, out);
    t.arrival("555", 0);
    t.eligible("555", 1 * H, 1);
    t.advance(80 * H); // 1 + 72 + 12 = 85 h not reached yet
    expect(out[1]).toBeUndefined();
    t.advance(86 * H);
    expect(out[1]).toEqual(["eligible", "resolved"]);
    // A repeat arriving now cannot change a settled contact, and finish() does not judge it twice.
    t.arrival("555", 50 * H);
    t.finish(1000 * H);
    expect(out[1]).toEqual(["eligible", "resolved"]);
  });

  it("a repeat arriving after the contact was registered marks it, before it settles", () => {
    const out: Record<number, FcrPart[]> = {};
    const t = tracker(72, out);
    t.eligible("555", 1 * H, 1);
    t.advance(40 * H);
    t.arrival("555", 40 * H);
    t.advance(200 * H);
    expect(out[1]).toEqual(["eligible"]);
  });
});

describe("FcrKeys number keys (open-addressing table)", () => {
  it("gives each number key one id, through growth, and frees idle keys on trim", () => {
    const keys = new FcrKeys(0);
    const t = new FcrTracker(keys, 3600_000, 0, () => {});
    const ids = new Map<number, number>();
    // 20,000 phone-like keys: several rehashes past the initial 4,096 slots.
    for (let i = 0; i < 20_000; i++) ids.set(12125550000 + i * 7919, keys.idNum(12125550000 + i * 7919));
    expect(new Set(ids.values()).size).toBe(20_000);
    for (const [k, id] of ids) expect(keys.idNum(k)).toBe(id);
    // One key has a recent arrival; all the others are idle and are forgotten, their ids reused.
    const kept = 12125550000;
    t.arrival(ids.get(kept)!, 1_000_000);
    keys.trim(2_000_000, 500_000);
    expect(keys.idNum(kept)).toBe(ids.get(kept));
    const fresh = keys.idNum(99);
    expect(ids.get(kept)).not.toBe(fresh);
    expect([...ids.values()]).toContain(fresh); // a freed id, reused
  });

  it("a number key and a string key never share an id", () => {
    const keys = new FcrKeys(0);
    expect(keys.idNum(123)).not.toBe(keys.id("0123"));
  });
});
