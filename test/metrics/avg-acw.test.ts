import { describe, expect, it } from "vitest";
import { contact, MIN, value, valuesBy } from "./harness.js";

describe("avg-acw", () => {
  it("sum(acw) / handled = (30 + 10 + 0) / 3", () => {
    const cs = [
      contact({ acwSeconds: 30 }),
      contact({ acwSeconds: 10 }),
      contact({ acwSeconds: 0 }),
      contact({ acwSeconds: 100, endedMs: null }), // not handled
      contact({ outcome: "abandoned" }),
    ];
    expect(value("avg-acw", cs)).toBeCloseTo(40 / 3, 12);
  });

  it("no value when nothing was handled", () => {
    expect(value("avg-acw", [contact({ outcome: "abandoned" })])).toBeNull();
  });

  it("attribution end: ACW belongs to the interval in which it ended; the day agrees", () => {
    // A: arrives 09:10, wait 10, talk 60 -> ends 09:11:10, acw 1800 -> 09:41:10 (09:30 interval)
    // B: arrives 09:12, acw 60 -> ends 09:14:10 (09:00 interval)
    // arrival: 09:00 = (1800 + 60) / 2 = 930; end: 09:00 = 60, 09:30 = 1800; day 930 under both
    const cs = () => [contact({ at: 10 * MIN, acwSeconds: 1800 }), contact({ at: 12 * MIN, acwSeconds: 60 })];
    expect(valuesBy("avg-acw", cs(), ["interval"])).toEqual({ "2026-03-02T09:00:00Z": 930 });
    expect(valuesBy("avg-acw", cs(), ["interval"], { attribution: "end" })).toEqual({
      "2026-03-02T09:00:00Z": 60,
      "2026-03-02T09:30:00Z": 1800,
      Total: 930,
    });
    expect(valuesBy("avg-acw", cs(), ["day"], { attribution: "end" })).toEqual({ "2026-03-02": 930 });
  });
});
