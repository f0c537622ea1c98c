import { describe, expect, it } from "vitest";
import { contact, HOUR, MIN, mixedOutcomes, multiQueueCalls, T0, value, valuesBy } from "./harness.js";

describe("offered", () => {
  it("counts every outcome but not_joined (3 + 5 + 1 + 1 + 1 = 11)", () => {
    expect(value("offered", mixedOutcomes())).toBe(11);
  });

  it.each([
    ["answered", 1],
    ["abandoned", 1],
    ["timeout", 1],
    ["exit_key", 1],
    ["exit_empty", 1],
    ["not_joined", 0],
  ] as const)("a single %s contact is offered %i time(s)", (outcome, expected) => {
    expect(value("offered", [contact({ outcome })])).toBe(expected);
  });

  it("is 0 (a count, not null) when only refused contacts arrived", () => {
    expect(value("offered", [contact({ outcome: "not_joined", waitSeconds: 0 })])).toBe(0);
  });

  it("per queue counts contacts, across queues counts each call once", () => {
    // q1: A1 + B1 = 2; q2: A2 + B2 = 2 (C not joined); Total: calls A, B = 2 (not 4)
    expect(valuesBy("offered", multiQueueCalls(), ["queue"])).toEqual({ q1: 2, q2: 2, Total: 2 });
    expect(value("offered", multiQueueCalls())).toBe(2);
  });

  it("splits by interval of arrival, half-open [start, end)", () => {
    // arrivals 09:00:00, 09:29:59 -> 09:00 (2); 09:30:00, 10:15 -> 09:30 (1), 10:00 (1)
    const cs = [contact({ at: 0 }), contact({ at: 30 * MIN - 1 }), contact({ at: 30 * MIN }), contact({ at: 75 * MIN })];
    expect(valuesBy("offered", cs, ["interval"])).toEqual({
      "2026-03-02T09:00:00Z": 2,
      "2026-03-02T09:30:00Z": 1,
      "2026-03-02T10:00:00Z": 1,
      Total: 4,
    });
  });

  it("leaves out contacts outside [fromMs, toMs)", () => {
    // arrivals at 0 h, 1 h, 2 h; range [1 h, 2 h) keeps only the 1 h contact
    const cs = [contact({ at: 0 }), contact({ at: HOUR }), contact({ at: 2 * HOUR })];
    expect(value("offered", cs, { fromMs: T0 + HOUR * 1000, toMs: T0 + 2 * HOUR * 1000 })).toBe(1);
  });

  it("counts a contact id once (duplicates ignored)", () => {
    expect(value("offered", [contact({ contactId: "x" }), contact({ contactId: "x" })])).toBe(1);
  });
});
