import { describe, expect, it } from "vitest";
import { contact, MIN, value, valuesBy } from "./harness.js";

// Fixture: answered 4; abandoned waits 2, 5, 6, 30; timeout 2; exit_key 1; not_joined 1.
//   offered = 4 + 4 + 2 + 1 = 11; short abandons (<= 5 s) = 2 (waits 2, 5)
const fixture = () => [
  ...[10, 10, 10, 10].map((w) => contact({ waitSeconds: w })),
  ...[2, 5, 6, 30].map((w) => contact({ outcome: "abandoned", waitSeconds: w })),
  contact({ outcome: "timeout", waitSeconds: 300 }),
  contact({ outcome: "timeout", waitSeconds: 300 }),
  contact({ outcome: "exit_key", waitSeconds: 3 }),
  contact({ outcome: "not_joined", waitSeconds: 0 }),
];

describe("abandon-rate options", () => {
  it.each([
    ["defaults (exclude short, timeouts apart)", {}, (4 - 2) / (11 - 2)],
    ["excludeShortAbandons false", { excludeShortAbandons: false }, 4 / 11],
    ["countTimeoutsAsAbandons true", { countTimeoutsAsAbandons: true }, (4 - 2 + 2) / (11 - 2)],
    ["both: keep short, count timeouts", { excludeShortAbandons: false, countTimeoutsAsAbandons: true }, (4 + 2) / 11],
    ["shortAbandonSeconds 6 (waits 2, 5, 6 short)", { shortAbandonSeconds: 6 }, (4 - 3) / (11 - 3)],
    ["shortAbandonSeconds 0 (no abandon at 0 s)", { shortAbandonSeconds: 0 }, 4 / 11],
    ["shortAbandonSeconds 30 ignored when not excluding", { shortAbandonSeconds: 30, excludeShortAbandons: false }, 4 / 11],
  ])("%s", (_n, options, expected) => {
    expect(value("abandon-rate", fixture(), { options })).toBeCloseTo(expected, 12);
  });
});

describe("abandon-rate empty denominators", () => {
  it("no value when nothing was offered", () => {
    expect(value("abandon-rate", [contact({ outcome: "not_joined" })])).toBeNull();
  });

  it("no value when every offered contact is a short abandon (0/0 after exclusion, not 0 or 100 %)", () => {
    // (2 - 2) / (2 - 2)
    expect(value("abandon-rate", [contact({ outcome: "abandoned", waitSeconds: 1 }), contact({ outcome: "abandoned", waitSeconds: 4 })])).toBeNull();
  });

  it("0 (not null) when offered but nothing abandoned", () => {
    expect(value("abandon-rate", [contact()])).toBe(0);
  });
});

describe("abandon-rate rollup", () => {
  // 09:00: 1 answered + 1 abandoned (30 s) -> 1/2; 09:30: 3 answered -> 0/3
  // day: (1 + 0) / (2 + 3) = 1/5, not mean(1/2, 0) = 1/4
  const cs = () => [
    contact({ at: 0 }),
    contact({ at: 10 * MIN, outcome: "abandoned", waitSeconds: 30 }),
    contact({ at: 30 * MIN }),
    contact({ at: 40 * MIN }),
    contact({ at: 50 * MIN }),
  ];

  it("by interval", () => {
    const iv = valuesBy("abandon-rate", cs(), ["interval"]);
    expect(iv["2026-03-02T09:00:00Z"]).toBeCloseTo(1 / 2, 12);
    expect(iv["2026-03-02T09:30:00Z"]).toBe(0);
  });

  it("a day is sum(num) / sum(den) over its intervals", () => {
    expect(valuesBy("abandon-rate", cs(), ["day"])["2026-03-02"]).toBeCloseTo(1 / 5, 12);
  });

  it("per-queue shortAbandonSeconds: Total sums each queue's own parts", () => {
    // q1 (5 s): answered 2, abandoned waits 3, 8 -> short 1 -> (2 - 1) / (4 - 1) = 1/3
    // q2 (10 s): answered 2, abandoned waits 3, 8 -> short 2 -> (2 - 2) / (4 - 2) = 0
    // Total: (1 + 0) / (3 + 2) = 1/5
    const qs = ["q1", "q2"].flatMap((queue) => [
      contact({ queue }),
      contact({ queue }),
      contact({ queue, outcome: "abandoned", waitSeconds: 3 }),
      contact({ queue, outcome: "abandoned", waitSeconds: 8 }),
    ]);
    const r = valuesBy("abandon-rate", qs, ["queue"], { perQueue: { q2: { shortAbandonSeconds: 10 } } });
    expect(r.q1).toBeCloseTo(1 / 3, 12);
    expect(r.q2).toBe(0);
    expect(r.Total).toBeCloseTo(1 / 5, 12);
  });

  it("per-queue excludeShortAbandons / countTimeoutsAsAbandons: each queue's own rule, Total sums them", () => {
    // each queue: answered 2, abandoned waits 3 (short), 30; timeout 1 -> offered 5
    // q1 (defaults):                   (2 - 1) / (5 - 1) = 1/4
    // q2 (keep short, count timeouts): (2 + 1) / 5       = 3/5
    // Total: (1 + 3) / (4 + 5) = 4/9
    const qs = ["q1", "q2"].flatMap((queue) => [
      contact({ queue }),
      contact({ queue }),
      contact({ queue, outcome: "abandoned", waitSeconds: 3 }),
      contact({ queue, outcome: "abandoned", waitSeconds: 30 }),
      contact({ queue, outcome: "timeout", waitSeconds: 300 }),
    ]);
    const r = valuesBy("abandon-rate", qs, ["queue"], { perQueue: { q2: { excludeShortAbandons: false, countTimeoutsAsAbandons: true } } });
    expect(r.q1).toBeCloseTo(1 / 4, 12);
    expect(r.q2).toBeCloseTo(3 / 5, 12);
    expect(r.Total).toBeCloseTo(4 / 9, 12);
  });
});
