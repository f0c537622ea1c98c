import { describe, expect, it } from "vitest";
import { percentileOf } from "../../src/engine/records.js";
import { contact, MIN, value, valuesBy } from "./harness.js";

// Answered waits 5, 20, 40, 60 (even count); abandoned waits 3, 8, 15.
const fixture = () => [
  ...[5, 20, 40, 60].map((w) => contact({ waitSeconds: w })),
  ...[3, 8, 15].map((w) => contact({ outcome: "abandoned", waitSeconds: w })),
];

describe("wait-percentile", () => {
  it("median of answered waits: even count -> mean of the two middle (20 + 40) / 2 = 30", () => {
    expect(value("wait-percentile", fixture())).toBe(30);
  });

  it("of abandoned: median of 3, 8, 15 = 8; of offered: 7 waits 3 5 8 15 20 40 60 -> 15", () => {
    expect(value("wait-percentile", fixture(), { options: { of: "abandoned" } })).toBe(8);
    expect(value("wait-percentile", fixture(), { options: { of: "offered" } })).toBe(15);
  });

  it("p90 interpolates between ranks: answered rank 0.9 x 3 = 2.7 -> 40 + 0.7 x (60 - 40) = 54", () => {
    expect(value("wait-percentile", fixture(), { options: { percentile: 90 } })).toBeCloseTo(54, 12);
    expect(value("wait-percentile", fixture(), { options: { percentile: 0 } })).toBe(5);
    expect(value("wait-percentile", fixture(), { options: { percentile: 100 } })).toBe(60);
  });

  it("a day's median is the median of all its contacts, not the mean of interval medians", () => {
    // 09:00: waits 10, 20, 30 (median 20); 09:30: wait 100 (median 100). Day: 10 20 30 100 -> 25 (mean of medians: 60).
    const cs = [10, 20, 30].map((w) => contact({ waitSeconds: w })).concat(contact({ at: 30 * MIN, waitSeconds: 100 }));
    expect(valuesBy("wait-percentile", cs, ["interval"])).toEqual({ "2026-03-02T09:00:00Z": 20, "2026-03-02T09:30:00Z": 100, Total: 25 });
    expect(valuesBy("wait-percentile", cs, ["day"])).toEqual({ "2026-03-02": 25 });
  });

  it("waits are counted in whole seconds; no value without contacts", () => {
    expect(value("wait-percentile", [contact({ waitSeconds: 12.4 }), contact({ waitSeconds: 12.6 })])).toBe(12.5);
    expect(value("wait-percentile", [contact({ outcome: "abandoned" })])).toBeNull();
  });

  it("percentileOf on a histogram directly", () => {
    expect(percentileOf(new Map([[1, 2], [9, 2]]), 50)).toBe(5);
    expect(percentileOf(new Map([[7, 1]]), 90)).toBe(7);
    expect(percentileOf(new Map(), 50)).toBeNull();
  });
});
