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
