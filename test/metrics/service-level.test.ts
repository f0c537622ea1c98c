import { describe, expect, it } from "vitest";
import { contact, value, valuesBy } from "./harness.js";

// One small fixture for all six formulas (METRICS.md §3), T = 20 s, short abandon <= 5 s:
//   answered: waits 5, 20, 25, 40      -> answered 4, ans<=20 = 2 (20 is within: <=)
//   abandoned: waits 3, 15, 30         -> abandoned 3, aband<=20 = 2, short (<=5) = 1
//   timeout: wait 300, exit_key: wait 10 -> offered = 4 + 3 + 1 + 1 = 9
//   not_joined: 1 (never offered)
const fixture = () => [
  contact({ waitSeconds: 5 }),
  contact({ waitSeconds: 20 }),
  contact({ waitSeconds: 25 }),
  contact({ waitSeconds: 40 }),
  contact({ outcome: "abandoned", waitSeconds: 3 }),
  contact({ outcome: "abandoned", waitSeconds: 15 }),
  contact({ outcome: "abandoned", waitSeconds: 30 }),
  contact({ outcome: "timeout", waitSeconds: 300 }),
  contact({ outcome: "exit_key", waitSeconds: 10 }),
  contact({ outcome: "not_joined", waitSeconds: 0 }),
];

describe("service-level formulas", () => {
  it.each([
    ["answered-within/answered", 2 / 4],
    ["within/answered-plus-abandoned", (2 + 2) / (4 + 3)],
    ["answered-within/answered-plus-abandoned", 2 / (4 + 3)],
    ["answered-within/offered-minus-short", 2 / (9 - 1)],
    ["answered-within/offered-minus-abandoned-within", 2 / (9 - 2)],
    ["answered-within/offered", 2 / 9],
  ])("%s", (formula, expected) => {
    expect(value("service-level", fixture(), { options: { formula } })).toBeCloseTo(expected, 12);
  });

  it("defaults to answered-within/offered-minus-short with T = 20", () => {
    expect(value("service-level", fixture())).toBeCloseTo(2 / 8, 12);
  });

  it("threshold is an option (T = 30: waits 5, 20, 25 within)", () => {
    expect(value("service-level", fixture(), { options: { thresholdSeconds: 30, formula: "answered-within/answered" } })).toBeCloseTo(3 / 4, 12);
  });

  it("has no value when nothing was offered (not 0, not 100 %)", () => {
    expect(value("service-level", [contact({ outcome: "not_joined", waitSeconds: 0 })])).toBeNull();
  });
});

describe("service-level per-queue formula", () => {
  it("each queue uses its own formula; the Total sums each queue's own parts", () => {
    // each queue: answered waits 5, 40; abandoned wait 10 (not short) -> ans<=20 = 1, answered 2, offered 3
    // q1 (default answered-within/offered-minus-short): 1 / (3 - 0) = 1/3
    // q2 (answered-within/answered):                    1 / 2
    // Total: (1 + 1) / (3 + 2) = 2/5
    const cs = ["q1", "q2"].flatMap((queue) => [
      contact({ queue, waitSeconds: 5 }),
      contact({ queue, waitSeconds: 40 }),
      contact({ queue, outcome: "abandoned", waitSeconds: 10 }),
    ]);
    const r = valuesBy("service-level", cs, ["queue"], { perQueue: { q2: { formula: "answered-within/answered" } } });
    expect(r.q1).toBeCloseTo(1 / 3, 12);
    expect(r.q2).toBeCloseTo(1 / 2, 12);
    expect(r.Total).toBeCloseTo(2 / 5, 12);
  });
});
