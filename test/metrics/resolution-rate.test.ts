import { describe, expect, it } from "vitest";
import { contact, MIN, value, valuesBy } from "./harness.js";

describe("resolution-rate", () => {
  it("flagged resolved / offered = 2 / 4 (unflagged offered contacts are in the denominator; refused ones in neither)", () => {
    const cs = [
      contact({ resolved: true }),
      contact({ resolved: true }),
      contact({ resolved: false }),
      contact({ outcome: "abandoned", resolved: null }),
      contact({ outcome: "not_joined", resolved: true }),
    ];
    expect(value("resolution-rate", cs)).toBe(0.5);
  });

  it("no value when no contact carries the flag (a source without it), not 0", () => {
    expect(value("resolution-rate", [contact(), contact()])).toBeNull();
  });

  it("0 when the flag is carried and all false", () => {
    expect(value("resolution-rate", [contact({ resolved: false }), contact({ resolved: false })])).toBe(0);
  });

  it("no value when nothing was offered", () => {
    expect(value("resolution-rate", [contact({ outcome: "not_joined", resolved: false })])).toBeNull();
  });

  it("a queue without flags has no value; the Total is a ratio of sums", () => {
    // q1: 1 / 2; q2: no flags -> no value; Total: resolved 1 / offered 3
    const cs = [contact({ queue: "q1", resolved: true }), contact({ queue: "q1", resolved: false }), contact({ queue: "q2" })];
    const r = valuesBy("resolution-rate", cs, ["queue"]);
    expect(r.q1).toBe(0.5);
    expect(r.q2).toBeNull();
    expect(r.Total).toBeCloseTo(1 / 3, 12);
  });

  it("a day is a ratio of sums over its intervals", () => {
    // 09:00: 1 / 1; 09:30: 0 / 3; day 1 / 4 (mean of intervals 0.5)
    const cs = [contact({ at: 0, resolved: true }), ...[30, 31, 32].map((m) => contact({ at: m * MIN, resolved: false }))];
    expect(valuesBy("resolution-rate", cs, ["day"])).toEqual({ "2026-03-02": 0.25 });
  });
});
