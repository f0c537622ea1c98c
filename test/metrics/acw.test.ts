import { describe, expect, it } from "vitest";
import { MIN, state, value, valuesBy } from "./harness.js";

// acw = seconds in the after-call work state of agent state data.

describe("acw", () => {
  it("time-slicing: acw 09:25-09:40 puts 5 min in 09:00 and 10 min in 09:30", () => {
    // 300 s + 600 s = 900 s
    const states = [state("a1", "acw", 25, 40)];
    expect(valuesBy("acw", [], ["interval"], { states })).toEqual({
      "2026-03-02T09:00:00Z": 300,
      "2026-03-02T09:30:00Z": 600,
      Total: 900,
    });
  });

  it("a talk-only source (queue_log: session + talking) has no acw: 0, not null", () => {
    const states = [state("a1", "available", 0, 60, { layer: "session" }), state("a1", "talking", 10, 20, { layer: "work" })];
    expect(value("acw", [], { states })).toBe(0);
  });

  it("within the work layer talking outranks acw: only acw time after the talk counts", () => {
    // talking 0-10, acw 8-20 -> acw 10-20 = 10 min = 600 s (not 12 min)
    const states = [state("a1", "talking", 0, 10, { layer: "work" }), state("a1", "acw", 8, 20, { layer: "work" })];
    expect(value("acw", [], { states })).toBe(10 * MIN);
  });

  it("acw (work layer) outranks a pause", () => {
    // pause 09:00-09:30, acw 09:10-09:20 on the work layer -> acw 10 min = 600 s
    const states = [state("a1", "paused", 0, 30, { layer: "pause", reason: "Break" }), state("a1", "acw", 10, 20, { layer: "work" })];
    expect(value("acw", [], { states })).toBe(10 * MIN);
  });

  it("by agent and by team", () => {
    // a1: acw 0-5 and 20-30 = 15 min = 900 s; a2: acw 0-3 = 180 s; a3: none = 0
    // Total 900 + 180 = 1080; T1 = a1 + a3 = 900; T2 = a2 = 180
    const states = [
      state("a1", "acw", 0, 5),
      state("a1", "available", 5, 20),
      state("a1", "acw", 20, 30),
      state("a2", "acw", 0, 3),
      state("a3", "available", 0, 30),
    ];
    expect(valuesBy("acw", [], ["agent"], { states })).toEqual({ a1: 900, a2: 180, a3: 0, Total: 1080 });
    expect(valuesBy("acw", [], ["team"], { states, teams: { a1: "T1", a2: "T2", a3: "T1" } })).toEqual({ T1: 900, T2: 180, Total: 1080 });
  });
});
