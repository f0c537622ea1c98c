import { describe, expect, it } from "vitest";
import { contact, MIN, value, valuesBy } from "./harness.js";

describe("csat", () => {
  it("mean score over rated contacts: (5 + 4 + 2) / 3; unrated in neither side", () => {
    const cs = [contact({ rating: 5 }), contact({ rating: 4 }), contact({ rating: 2 }), contact({ rating: null }), contact()];
    expect(value("csat", cs)).toBeCloseTo(11 / 3, 12);
  });

  it("a rating of 0 is a rating (0 / 1 = 0, not null)", () => {
    expect(value("csat", [contact({ rating: 0 })])).toBe(0);
  });

  it("no value when nothing was rated", () => {
    expect(value("csat", [contact(), contact({ outcome: "abandoned" })])).toBeNull();
  });

  it("a day is sum(score) / rated over its intervals", () => {
    // 09:00: 5 -> 5; 09:30: 1, 3 -> 2; day (5 + 1 + 3) / 3 = 3 (mean of intervals 3.5)
    const cs = [contact({ at: 0, rating: 5 }), contact({ at: 30 * MIN, rating: 1 }), contact({ at: 40 * MIN, rating: 3 })];
    expect(valuesBy("csat", cs, ["interval"])).toEqual({ "2026-03-02T09:00:00Z": 5, "2026-03-02T09:30:00Z": 2, Total: 3 });
    expect(valuesBy("csat", cs, ["day"])).toEqual({ "2026-03-02": 3 });
  });

  it("per queue and across queues", () => {
    // q1: (4 + 5) / 2 = 4.5; q2: 1 / 1; Total: 10 / 3
    const cs = [contact({ queue: "q1", rating: 4 }), contact({ queue: "q1", rating: 5 }), contact({ queue: "q2", rating: 1 }), contact({ queue: "q2" })];
    const r = valuesBy("csat", cs, ["queue"]);
    expect(r.q1).toBe(4.5);
    expect(r.q2).toBe(1);
    expect(r.Total).toBeCloseTo(10 / 3, 12);
  });
});
