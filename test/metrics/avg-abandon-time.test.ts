import { describe, expect, it } from "vitest";
import { contact, MIN, mixedOutcomes, value, valuesBy } from "./harness.js";

describe("avg-abandon-time", () => {
  it("sum(wait of abandoned) / abandoned: (0 + 3 + 5 + 8 + 15) / 5, short abandons included, timeouts not", () => {
    expect(value("avg-abandon-time", mixedOutcomes())).toBeCloseTo(31 / 5, 12);
  });

  it("no value when nothing was abandoned (timeouts are not abandons)", () => {
    expect(value("avg-abandon-time", [contact(), contact({ outcome: "timeout", waitSeconds: 300 })])).toBeNull();
  });

  it("a day is a ratio of sums over its intervals", () => {
    // 09:00: 10 -> 10; 09:30: 20, 30, 70 -> 40; day 130 / 4 = 32.5 (mean of intervals 25)
    const cs = [
      contact({ at: 0, outcome: "abandoned", waitSeconds: 10 }),
      ...[20, 30, 70].map((w, i) => contact({ at: 30 * MIN + i, outcome: "abandoned", waitSeconds: w })),
    ];
    expect(valuesBy("avg-abandon-time", cs, ["interval"])).toEqual({ "2026-03-02T09:00:00Z": 10, "2026-03-02T09:30:00Z": 40, Total: 32.5 });
    expect(valuesBy("avg-abandon-time", cs, ["day"])).toEqual({ "2026-03-02": 32.5 });
  });

  it("per queue and across queues", () => {
    // q1: abandoned 10, 20 -> 15; q2: abandoned 60 -> 60; Total: 90 / 3 = 30
    const cs = [
      contact({ queue: "q1", outcome: "abandoned", waitSeconds: 10 }),
      contact({ queue: "q1", outcome: "abandoned", waitSeconds: 20 }),
      contact({ queue: "q2", outcome: "abandoned", waitSeconds: 60 }),
      contact({ queue: "q2", waitSeconds: 500 }),
    ];
    expect(valuesBy("avg-abandon-time", cs, ["queue"])).toEqual({ q1: 15, q2: 60, Total: 30 });
  });
});
