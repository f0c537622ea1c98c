import { describe, expect, it } from "vitest";
import { contact, MIN, value, valuesBy } from "./harness.js";

describe("hold-rate", () => {
  it("handled with hold > 0 / handled = 2 / 3; an unended held contact is in neither side", () => {
    const cs = [
      contact({ holdSeconds: 0 }),
      contact({ holdSeconds: 30 }),
      contact({ holdSeconds: 5 }),
      contact({ holdSeconds: 60, endedMs: null }),
      contact({ outcome: "abandoned" }),
    ];
    expect(value("hold-rate", cs)).toBeCloseTo(2 / 3, 12);
  });

  it("queue wait is not hold: long waits, no hold -> 0", () => {
    expect(value("hold-rate", [contact({ waitSeconds: 300 })])).toBe(0);
  });

  it("no value when nothing was handled", () => {
    expect(value("hold-rate", [contact({ outcome: "exit_empty" })])).toBeNull();
  });

  it("a day is a ratio of sums over its intervals", () => {
    // 09:00: 1 / 1; 09:30: 1 / 4; day 2 / 5 (mean of intervals 0.625)
    const cs = [
      contact({ at: 0, holdSeconds: 10 }),
      contact({ at: 30 * MIN, holdSeconds: 10 }),
      ...[31, 32, 33].map((m) => contact({ at: m * MIN })),
    ];
    expect(valuesBy("hold-rate", cs, ["interval"])).toEqual({ "2026-03-02T09:00:00Z": 1, "2026-03-02T09:30:00Z": 0.25, Total: 0.4 });
    expect(valuesBy("hold-rate", cs, ["day"])).toEqual({ "2026-03-02": 0.4 });
  });
});
