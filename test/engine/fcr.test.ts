import { describe, expect, it } from "vitest";
import { FcrTracker, type FcrPart } from "../../src/engine/fcr.js";

const H = 3_600_000;

function judge(setup: (t: FcrTracker) => void, windowH: number, dataEnd: number): Record<number, FcrPart[]> {
  const t = new FcrTracker();
  setup(t);
  const out: Record<number, FcrPart[]> = {};
  t.judge(windowH * H, dataEnd, (rec, part) => { (out[rec] ??= []).push(part); });
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
});
