import { describe, expect, it } from "vitest";
import { contact, MIN, state, value, valuesBy } from "./harness.js";

// utilization = (talking + hold + acw) / logged-in; pauses are in the denominator.

// a1 presence rows: available 0-30, talking 30-50, hold 50-55, acw 55-60, paused 60-90 (minutes after 09:00)
const day = () => [
  state("a1", "available", 0, 30),
  state("a1", "talking", 30, 50),
  state("a1", "hold", 50, 55),
  state("a1", "acw", 55, 60),
  state("a1", "paused", 60, 90, { reason: "Break" }),
];

describe("utilization", () => {
  it("busy / logged-in, paused time in the denominator", () => {
    // busy = 20 + 5 + 5 = 30 min; logged in 0-90 = 90 min -> 30 / 90 = 1/3
    // (occupancy of the same day is 30 / 60 = 0.5)
    expect(value("utilization", [], { states: day() })).toBeCloseTo(1 / 3, 12);
  });

  it("by interval: paused-only interval is 0, not null", () => {
    // 09:00: 0 / 30 = 0; 09:30: 30 / 30 = 1; 10:00: 0 / 30 (paused, logged in) = 0; Total 30 / 90
    const r = valuesBy("utilization", [], ["interval"], { states: day() });
    expect(r["2026-03-02T09:00:00Z"]).toBe(0);
    expect(r["2026-03-02T09:30:00Z"]).toBe(1);
    expect(r["2026-03-02T10:00:00Z"]).toBe(0);
    expect(r.Total).toBeCloseTo(1 / 3, 12);
  });

  it("no value without logged-in time (an interval with only a contact)", () => {
    // a1 talking 09:00-09:30 -> 09:00: 30 / 30 = 1.
    // A contact arriving at 10:40 makes a 10:30 row with no logged-in time -> null.
    // Total 30 / 30 = 1 (the contact's data end is after the closed span: no effect on it)
    const states = [state("a1", "talking", 0, 30)];
    const r = valuesBy("utilization", [contact({ at: 100 * MIN })], ["interval"], { states });
    expect(r).toEqual({ "2026-03-02T09:00:00Z": 1, "2026-03-02T10:30:00Z": null, Total: 1 });
  });

  it("queue_log layers: 15 min talking over 2 h logged in = 0.125", () => {
    // session 0-120 (pause 30-60 stays in the denominator), talking 60-75: 15 / 120 = 0.125
    const states = [
      state("a1", "available", 0, 120, { layer: "session" }),
      state("a1", "paused", 30, 60, { layer: "pause", reason: "Lunch" }),
      state("a1", "talking", 60, 75, { layer: "work" }),
    ];
    expect(value("utilization", [], { states })).toBe(0.125);
  });

  it("busyShare: a 60-min available row with 25 % at capacity -> 0.25", () => {
    // 15 min talking / 60 min logged in = 0.25
    const states = [state("a1", "available", 0, 60, { busyShare: 0.25 })];
    expect(value("utilization", [], { states })).toBe(0.25);
  });

  it("by agent and team; Total is a ratio of sums", () => {
    // a1: 30 / 90 = 1/3; a2: talking 0-60 = 60 / 60 = 1; a3: paused 0-30 -> 0 / 30 = 0
    // Total: (30 + 60 + 0) / (90 + 60 + 30) = 90 / 180 = 0.5 (mean of agents would be 0.444)
    // Teams: T1 = a1 + a3 = 30 / 120 = 0.25; T2 = a2 = 1
    const states = [...day(), state("a2", "talking", 0, 60), state("a3", "paused", 0, 30, { reason: "Break" })];
    const r = valuesBy("utilization", [], ["agent"], { states });
    expect(r.a1).toBeCloseTo(1 / 3, 12);
    expect(r.a2).toBe(1);
    expect(r.a3).toBe(0);
    expect(r.Total).toBe(0.5);
    expect(valuesBy("utilization", [], ["team"], { states, teams: { a1: "T1", a2: "T2", a3: "T1" } })).toEqual({ T1: 0.25, T2: 1, Total: 0.5 });
  });
});
