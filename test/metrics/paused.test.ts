import { describe, expect, it } from "vitest";
import { MIN, state, value, valuesBy } from "./harness.js";

// paused = seconds in the paused state, all reasons or one (option reason, case-insensitive).

describe("paused", () => {
  // a1 presence rows: paused "Lunch" 09:00-09:30 (1800 s), paused "Break" 09:30-09:45 (900 s), available 09:45-10:00
  const mixed = () => [
    state("a1", "paused", 0, 30, { reason: "Lunch" }),
    state("a1", "paused", 30, 45, { reason: "Break" }),
    state("a1", "available", 45, 60),
  ];

  it("all reasons: 1800 + 900 = 2700 s; available time is not paused", () => {
    expect(value("paused", [], { states: mixed() })).toBe(45 * MIN);
  });

  it("option reason matches case-insensitively", () => {
    // reason "lunch" matches "Lunch" -> 1800 s; "BREAK" matches "Break" -> 900 s; "Meeting" matches nothing -> 0
    expect(value("paused", [], { states: mixed(), options: { reason: "lunch" } })).toBe(30 * MIN);
    expect(value("paused", [], { states: mixed(), options: { reason: "BREAK" } })).toBe(15 * MIN);
    expect(value("paused", [], { states: mixed(), options: { reason: "Meeting" } })).toBe(0);
  });

  it("by agent and reason", () => {
    // a1 Lunch 0-30 = 1800, a1 Break 30-45 = 900, a2 Lunch 0-20 = 1200; Total 1800 + 900 + 1200 = 3900
    // (the Total row of a two-dimension table is labelled "Total", "")
    const states = [
      state("a1", "paused", 0, 30, { reason: "Lunch" }),
      state("a1", "paused", 30, 45, { reason: "Break" }),
      state("a2", "paused", 0, 20, { reason: "Lunch" }),
    ];
    expect(valuesBy("paused", [], ["agent", "reason"], { states })).toEqual({
      "a1|Lunch": 1800,
      "a1|Break": 900,
      "a2|Lunch": 1200,
      "Total|": 3900,
    });
  });

  it("queue_log layers: a pause 09:30-10:00 inside a session is 30 min", () => {
    const states = [
      state("a1", "available", 0, 120, { layer: "session" }),
      state("a1", "paused", 30, 60, { layer: "pause", reason: "Lunch" }),
      state("a1", "talking", 60, 75, { layer: "work" }),
    ];
    expect(value("paused", [], { states })).toBe(30 * MIN);
  });

  it("queue_log layers: a call during a pause is talking, not paused", () => {
    // pause 30-60 with a call 50-55 on the work layer: 30 - 5 = 25 min = 1500 s
    const states = [
      state("a1", "available", 0, 120, { layer: "session" }),
      state("a1", "paused", 30, 60, { layer: "pause", reason: "Lunch" }),
      state("a1", "talking", 50, 55, { layer: "work" }),
    ];
    expect(value("paused", [], { states })).toBe(25 * MIN);
  });

  it("overlapping pauses: the latest pause holds the overlap (by reason)", () => {
    // pause layer: Lunch 0-60, Break 20-30 (starts later, wins 20-30)
    //   Lunch = 0-20 + 30-60 = 50 min = 3000 s; Break = 10 min = 600 s; all = 60 min = 3600 s
    const states = [
      state("a1", "available", 0, 60, { layer: "session" }),
      state("a1", "paused", 0, 60, { layer: "pause", reason: "Lunch" }),
      state("a1", "paused", 20, 30, { layer: "pause", reason: "Break" }),
    ];
    expect(value("paused", [], { states, options: { reason: "Lunch" } })).toBe(50 * MIN);
    expect(value("paused", [], { states, options: { reason: "Break" } })).toBe(10 * MIN);
    expect(value("paused", [], { states })).toBe(60 * MIN);
  });

  it("a pause across midnight is split into two days", () => {
    // 2026-03-02 23:45 -> 03-03 00:15: 15 min = 900 s each day; Total 1800
    const base = Date.UTC(2026, 2, 2, 23, 45);
    const states = [state("a1", "paused", 0, 30, { base, reason: "Break" })];
    expect(valuesBy("paused", [], ["day"], { states })).toEqual({ "2026-03-02": 900, "2026-03-03": 900, Total: 1800 });
  });
});
