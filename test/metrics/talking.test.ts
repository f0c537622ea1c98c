import { describe, expect, it } from "vitest";
import { MIN, state, value, valuesBy } from "./harness.js";

// talking = seconds in the talking state (plus the at-capacity share of available rows).

describe("talking", () => {
  it("time-slicing: talking 09:25-09:40 puts 5 min in 09:00 and 10 min in 09:30", () => {
    // 300 s + 600 s = 900 s
    const states = [state("a1", "talking", 25, 40)];
    expect(valuesBy("talking", [], ["interval"], { states })).toEqual({
      "2026-03-02T09:00:00Z": 300,
      "2026-03-02T09:30:00Z": 600,
      Total: 900,
    });
  });

  it("busyShare: a 60-min available row with 25 % at capacity is 15 min talking", () => {
    // 60 min x 0.25 = 15 min = 900 s
    const states = [state("a1", "available", 0, 60, { busyShare: 0.25 })];
    expect(value("talking", [], { states })).toBe(15 * MIN);
  });

  it("queue_log layers: a call 10:00-10:15 inside a session is 15 min", () => {
    const states = [
      state("a1", "available", 0, 120, { layer: "session" }),
      state("a1", "paused", 30, 60, { layer: "pause", reason: "Lunch" }),
      state("a1", "talking", 60, 75, { layer: "work" }),
    ];
    expect(value("talking", [], { states })).toBe(15 * MIN);
  });

  it("work beats pause: a call taken while paused counts as talking", () => {
    // pause 09:00-10:00, call 09:20-09:30 on the work layer -> 10 min = 600 s talking
    const states = [
      state("a1", "available", 0, 60, { layer: "session" }),
      state("a1", "paused", 0, 60, { layer: "pause", reason: "Break" }),
      state("a1", "talking", 20, 30, { layer: "work" }),
    ];
    expect(value("talking", [], { states })).toBe(10 * MIN);
  });

  it("within the work layer talking > acw: overlapping talking and acw spans give the overlap to talking", () => {
    // talking 0-10, acw 8-20: talking 10 min = 600 s (not 8)
    const states = [state("a1", "talking", 0, 10, { layer: "work" }), state("a1", "acw", 8, 20, { layer: "work" })];
    expect(value("talking", [], { states })).toBe(10 * MIN);
  });

  it("a call crossing midnight is split into two days", () => {
    // 2026-03-02 23:50 -> 03-03 00:10: 10 min = 600 s each side; Total 1200
    const base = Date.UTC(2026, 2, 2, 23, 50);
    const states = [state("a1", "talking", 0, 20, { base })];
    expect(valuesBy("talking", [], ["day"], { states })).toEqual({ "2026-03-02": 600, "2026-03-03": 600, Total: 1200 });
  });

  it("by agent and by team", () => {
    // a1: talking 0-20 = 1200 s
    // a2: talking 0-5 = 300 s, plus busyShare 0.5 of a 30-min available row = 900 s -> 300 + 900 = 1200 s
    // a3: available only -> 0
    // Total 1200 + 1200 + 0 = 2400; teams T1 = a1 + a3 = 1200, T2 = a2 = 1200
    const states = [
      state("a1", "talking", 0, 20),
      state("a2", "talking", 0, 5),
      state("a2", "available", 5, 35, { busyShare: 0.5 }),
      state("a3", "available", 0, 60),
    ];
    expect(valuesBy("talking", [], ["agent"], { states })).toEqual({ a1: 1200, a2: 1200, a3: 0, Total: 2400 });
    expect(valuesBy("talking", [], ["team"], { states, teams: { a1: "T1", a2: "T2", a3: "T1" } })).toEqual({ T1: 1200, T2: 1200, Total: 2400 });
  });
});
