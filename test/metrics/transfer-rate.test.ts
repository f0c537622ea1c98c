import { describe, expect, it } from "vitest";
import { contact, MIN, value, valuesBy } from "./harness.js";

describe("transfer-rate", () => {
  it("transferred handled / handled = 1 / 4; an unended transfer is in neither side", () => {
    const cs = [
      contact({ transferred: true }),
      contact(),
      contact(),
      contact(),
      contact({ transferred: true, endedMs: null }),
      contact({ outcome: "abandoned" }),
    ];
    expect(value("transfer-rate", cs)).toBe(0.25);
  });

  it.each([
    ["none transferred", [contact(), contact()], 0],
    ["all transferred", [contact({ transferred: true })], 1],
  ] as const)("%s", (_n, cs, expected) => {
    expect(value("transfer-rate", [...cs])).toBe(expected);
  });

  it("no value when nothing was handled", () => {
    expect(value("transfer-rate", [contact({ outcome: "abandoned" })])).toBeNull();
  });

  it("a day is a ratio of sums over its intervals", () => {
    // 09:00: 1 / 1; 09:30: 0 / 3; day: 1 / 4 (mean of intervals 0.5)
    const cs = [contact({ at: 0, transferred: true }), ...[30, 31, 32].map((m) => contact({ at: m * MIN }))];
    expect(valuesBy("transfer-rate", cs, ["interval"])).toEqual({ "2026-03-02T09:00:00Z": 1, "2026-03-02T09:30:00Z": 0, Total: 0.25 });
    expect(valuesBy("transfer-rate", cs, ["day"])).toEqual({ "2026-03-02": 0.25 });
  });

  it("per queue counts the contacts each queue handled", () => {
    // q1: 1 transferred of 2 -> 0.5; q2: 0 of 1; each contact its own call -> Total 1 / 3
    const cs = [contact({ queue: "q1", transferred: true }), contact({ queue: "q1" }), contact({ queue: "q2" })];
    const r = valuesBy("transfer-rate", cs, ["queue"]);
    expect(r.q1).toBe(0.5);
    expect(r.q2).toBe(0);
    expect(r.Total).toBeCloseTo(1 / 3, 12);
  });
});
