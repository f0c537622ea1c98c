import { describe, expect, it } from "vitest";
import { contact, MIN, mixedOutcomes, multiQueueCalls, value, valuesBy } from "./harness.js";

describe("avg-wait-all", () => {
  it("sum(wait of offered) / offered: (65 + 31 + 300 + 10 + 0) / 11", () => {
    expect(value("avg-wait-all", mixedOutcomes())).toBeCloseTo(406 / 11, 12);
  });

  it("a not_joined contact's wait is in neither side", () => {
    // (20 + 40) / 2, the refused contact's 999 s left out
    expect(value("avg-wait-all", [contact({ waitSeconds: 20 }), contact({ outcome: "abandoned", waitSeconds: 40 }), contact({ outcome: "not_joined", waitSeconds: 999 })])).toBe(30);
  });

  it("no value when nothing was offered", () => {
    expect(value("avg-wait-all", [contact({ outcome: "not_joined" })])).toBeNull();
  });

  it("a day is a ratio of sums over its intervals", () => {
    // 09:00: wait 60 (abandoned) -> 60; 09:30: waits 0, 0, 30 -> 10; day: 90 / 4 = 22.5 (mean of intervals 35)
    const cs = [
      contact({ at: 0, outcome: "abandoned", waitSeconds: 60 }),
      contact({ at: 30 * MIN, waitSeconds: 0 }),
      contact({ at: 31 * MIN, waitSeconds: 0 }),
      contact({ at: 32 * MIN, outcome: "timeout", waitSeconds: 30 }),
    ];
    expect(valuesBy("avg-wait-all", cs, ["interval"])).toEqual({ "2026-03-02T09:00:00Z": 60, "2026-03-02T09:30:00Z": 10, Total: 22.5 });
    expect(valuesBy("avg-wait-all", cs, ["day"])).toEqual({ "2026-03-02": 22.5 });
  });

  it("across queues a call's wait is summed over its contacts", () => {
    // q1: (10 + 300) / 2 = 155; q2: (5 + 20) / 2 = 12.5
    // Total: calls A (10 + 5 = 15), B (300 + 20 = 320) -> 335 / 2 = 167.5
    expect(valuesBy("avg-wait-all", multiQueueCalls(), ["queue"])).toEqual({ q1: 155, q2: 12.5, Total: 167.5 });
  });
});
