import { describe, expect, it } from "vitest";
import { contact, MIN, mixedOutcomes, multiQueueCalls, value, valuesBy } from "./harness.js";

describe("answer-rate", () => {
  it("answered / offered (mixed: 3 / 11; not_joined in neither side)", () => {
    expect(value("answer-rate", mixedOutcomes())).toBeCloseTo(3 / 11, 12);
  });

  it.each([
    ["all answered", [contact(), contact()], 1], // 2 / 2
    ["none answered", [contact({ outcome: "abandoned" })], 0], // 0 / 1
    ["nothing offered", [contact({ outcome: "not_joined" })], null], // 0 / 0 -> no value
  ] as const)("%s", (_n, cs, expected) => {
    const v = value("answer-rate", [...cs]);
    if (expected === null) expect(v).toBeNull();
    else expect(v).toBeCloseTo(expected, 12);
  });

  it("per queue from contacts, Total from calls", () => {
    // q1: A1 answered / (A1, B1) = 1/2; q2: A2 / (A2, B2) = 1/2; Total: call A answered / calls A, B = 1/2
    expect(valuesBy("answer-rate", multiQueueCalls(), ["queue"])).toEqual({ q1: 0.5, q2: 0.5, Total: 0.5 });
  });

  it("a day is a ratio of sums over its intervals", () => {
    // 09:00: 1 answered of 1 -> 1; 09:30: 1 answered of 3 -> 1/3
    // day: (1 + 1) / (1 + 3) = 0.5, not mean(1, 1/3) = 2/3
    const cs = [
      contact({ at: 0 }),
      contact({ at: 30 * MIN }),
      contact({ at: 31 * MIN, outcome: "abandoned" }),
      contact({ at: 32 * MIN, outcome: "abandoned" }),
    ];
    const iv = valuesBy("answer-rate", cs, ["interval"]);
    expect(iv["2026-03-02T09:00:00Z"]).toBeCloseTo(1, 12);
    expect(iv["2026-03-02T09:30:00Z"]).toBeCloseTo(1 / 3, 12);
    expect(valuesBy("answer-rate", cs, ["day"])["2026-03-02"]).toBeCloseTo(2 / 4, 12);
  });
});
