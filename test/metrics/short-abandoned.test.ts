import { describe, expect, it } from "vitest";
import { contact, mixedOutcomes, value, valuesBy } from "./harness.js";

// mixedOutcomes abandoned waits: 0, 3, 5, 8, 15 (and answered waits 5, 20, 40 that never count)
describe("short-abandoned", () => {
  it.each([
    [undefined, 3], // default 5 s, <=: 0, 3, 5
    [5, 3],
    [10, 4], // 0, 3, 5, 8
    [0, 1], // 0 only (<= 0)
    [2.5, 1], // 0
    [15, 5], // all, 15 <= 15
  ])("shortAbandonSeconds %s -> %i", (s, expected) => {
    const o = s === undefined ? {} : { options: { shortAbandonSeconds: s } };
    expect(value("short-abandoned", mixedOutcomes(), o)).toBe(expected);
  });

  it("a short answered contact or a short timeout is not a short abandon", () => {
    expect(value("short-abandoned", [contact({ waitSeconds: 1 }), contact({ outcome: "timeout", waitSeconds: 1 })])).toBe(0);
  });

  it("per-queue threshold: the Total sums each queue's own count", () => {
    // q1 (default 5 s): waits 3, 8 -> 1; q2 (10 s): waits 8, 12 -> 1; Total = 1 + 1 = 2
    const cs = [
      contact({ queue: "q1", outcome: "abandoned", waitSeconds: 3 }),
      contact({ queue: "q1", outcome: "abandoned", waitSeconds: 8 }),
      contact({ queue: "q2", outcome: "abandoned", waitSeconds: 8 }),
      contact({ queue: "q2", outcome: "abandoned", waitSeconds: 12 }),
    ];
    expect(valuesBy("short-abandoned", cs, ["queue"], { perQueue: { q2: { shortAbandonSeconds: 10 } } })).toEqual({ q1: 1, q2: 1, Total: 2 });
  });
});
