import { describe, expect, it } from "vitest";
import { contact, MIN, mixedOutcomes, multiQueueCalls, value, valuesBy } from "./harness.js";

describe("asa", () => {
  it("sum(wait of answered) / answered: (5 + 20 + 40) / 3; abandons and timeouts left out", () => {
    expect(value("asa", mixedOutcomes())).toBeCloseTo(65 / 3, 12);
  });

  it.each([
    ["only abandons", [contact({ outcome: "abandoned", waitSeconds: 30 })]],
    ["only refused", [contact({ outcome: "not_joined" })]],
  ])("no value with no answered contact (%s)", (_n, cs) => {
    expect(value("asa", cs)).toBeNull();
  });

  it("0 when answered at once (a value, not null)", () => {
    expect(value("asa", [contact({ waitSeconds: 0 })])).toBe(0);
  });

  // 09:00: one answered, wait 10 -> 10; 09:30: waits 20, 30, 40 -> 30
  // day: (10 + 20 + 30 + 40) / 4 = 25, not mean(10, 30) = 20
  const cs = () => [
    contact({ at: 0, waitSeconds: 10 }),
    contact({ at: 30 * MIN, waitSeconds: 20 }),
    contact({ at: 35 * MIN, waitSeconds: 30 }),
    contact({ at: 40 * MIN, waitSeconds: 40 }),
  ];

  it("by interval", () => {
    expect(valuesBy("asa", cs(), ["interval"])).toEqual({ "2026-03-02T09:00:00Z": 10, "2026-03-02T09:30:00Z": 30, Total: 25 });
  });

  it("a day is sum(wait) / sum(answered) over its intervals", () => {
    expect(valuesBy("asa", cs(), ["day"])).toEqual({ "2026-03-02": 25 });
  });

  it("per queue: contact waits; across queues: a call's wait is summed over its contacts", () => {
    // q1: A1 wait 10 / 1; q2: A2 wait 5 / 1; Total: call A (answered) waited 10 + 5 = 15 / 1 call
    expect(valuesBy("asa", multiQueueCalls(), ["queue"])).toEqual({ q1: 10, q2: 5, Total: 15 });
  });
});
