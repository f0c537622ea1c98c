import { describe, expect, it } from "vitest";
import { contact, MIN, value, valuesBy } from "./harness.js";

// Handled talk 100, 200 (hold 20, acw 30 are not talk); unended talk 500 and an abandon are out.
const fixture = () => [
  contact({ talkSeconds: 100, holdSeconds: 20, acwSeconds: 30 }),
  contact({ talkSeconds: 200 }),
  contact({ talkSeconds: 500, endedMs: null }),
  contact({ outcome: "abandoned", waitSeconds: 30 }),
];

describe("avg-talk", () => {
  it("sum(talk) / handled = (100 + 200) / 2", () => {
    expect(value("avg-talk", fixture())).toBe(150);
  });

  it("no value when nothing was handled", () => {
    expect(value("avg-talk", [contact({ outcome: "abandoned" })])).toBeNull();
  });

  it("a day is a ratio of sums over its intervals", () => {
    // 09:00: 30; 09:30: 60, 120 -> 90; day: 210 / 3 = 70 (mean of intervals 60)
    const cs = [contact({ at: 0, talkSeconds: 30 }), contact({ at: 30 * MIN, talkSeconds: 60 }), contact({ at: 40 * MIN, talkSeconds: 120 })];
    expect(valuesBy("avg-talk", cs, ["day"])).toEqual({ "2026-03-02": 70 });
  });

  it("attribution end moves talk to the interval ACW ended; months agree", () => {
    // arrives 09:25, wait 10, talk 240 -> ends 09:29:10, acw 60 -> 09:30:10
    const cs = () => [contact({ at: 25 * MIN, talkSeconds: 240, acwSeconds: 60 })];
    // (the 09:00 row, if any, holds only the queue side: no handled contact, no value)
    const r = valuesBy("avg-talk", cs(), ["interval"], { attribution: "end" });
    expect(r["2026-03-02T09:00:00Z"] ?? null).toBeNull();
    expect(r["2026-03-02T09:30:00Z"]).toBe(240);
    expect(r.Total).toBe(240);
    expect(valuesBy("avg-talk", cs(), ["month"], { attribution: "end" })).toEqual({ "2026-03": 240 });
  });
});
