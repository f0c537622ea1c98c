import { describe, expect, it } from "vitest";
import { MIN, state, value, valuesBy } from "./harness.js";

// available = idle seconds (logged in, not paused, not handling a contact).

describe("available", () => {
  it("queue_log layers: session 09:00-11:00 minus a 30-min pause and a 15-min call = 75 min", () => {
    // 120 - 30 (pause 09:30-10:00) - 15 (talking 10:00-10:15) = 75 min = 4500 s
    const states = [
      state("a1", "available", 0, 120, { layer: "session" }),
      state("a1", "paused", 30, 60, { layer: "pause", reason: "Lunch" }),
      state("a1", "talking", 60, 75, { layer: "work" }),
    ];
    expect(value("available", [], { states })).toBe(75 * MIN);
  });

  it("queue_log layers, sliced by interval", () => {
    // 09:00 [0,30):   session only              -> 30 min = 1800 s
    // 09:30 [30,60):  paused the whole interval -> 0
    // 10:00 [60,90):  talking 60-75, idle 75-90 -> 15 min = 900 s
    // 10:30 [90,120): session only              -> 30 min = 1800 s
    // Total 1800 + 0 + 900 + 1800 = 4500
    const states = [
      state("a1", "available", 0, 120, { layer: "session" }),
      state("a1", "paused", 30, 60, { layer: "pause", reason: "Lunch" }),
      state("a1", "talking", 60, 75, { layer: "work" }),
    ];
    expect(valuesBy("available", [], ["interval"], { states })).toEqual({
      "2026-03-02T09:00:00Z": 1800,
      "2026-03-02T09:30:00Z": 0,
      "2026-03-02T10:00:00Z": 900,
      "2026-03-02T10:30:00Z": 1800,
      Total: 4500,
    });
  });

  it("busyShare: a 60-min available row with 25 % at capacity is 45 min available", () => {
    // 60 min x (1 - 0.25) = 45 min = 2700 s (the other 15 min count as talking)
    const states = [state("a1", "available", 0, 60, { busyShare: 0.25 })];
    expect(value("available", [], { states })).toBe(45 * MIN);
  });

  it("busyShare is pro rata over the row's minutes when it is sliced", () => {
    // 09:15-09:45, busyShare 0.5: 09:00 gets 15 min x 0.5 = 7.5 min = 450 s; 09:30 the same 450 s; Total 900
    const states = [state("a1", "available", 15, 45, { busyShare: 0.5 })];
    expect(valuesBy("available", [], ["interval"], { states })).toEqual({
      "2026-03-02T09:00:00Z": 450,
      "2026-03-02T09:30:00Z": 450,
      Total: 900,
    });
  });

  it("overlapping presence rows: the latest-starting row holds the overlap", () => {
    // available 09:00-10:00, paused 09:30-10:30: 09:30-10:00 is paused (later start) -> available 30 min = 1800 s
    const states = [state("a1", "available", 0, 60), state("a1", "paused", 30, 90, { reason: "Break" })];
    expect(value("available", [], { states })).toBe(30 * MIN);
  });

  it("by agent; talking, hold, acw and paused rows are not available", () => {
    // a1: available 0-40 = 40 min = 2400 s (talking 40-50, acw 50-60 not counted)
    // a2: hold 0-10, available 10-30 = 20 min = 1200 s, paused 30-60 not counted
    // Total 2400 + 1200 = 3600
    const states = [
      state("a1", "available", 0, 40),
      state("a1", "talking", 40, 50),
      state("a1", "acw", 50, 60),
      state("a2", "hold", 0, 10),
      state("a2", "available", 10, 30),
      state("a2", "paused", 30, 60, { reason: "Break" }),
    ];
    expect(valuesBy("available", [], ["agent"], { states })).toEqual({ a1: 2400, a2: 1200, Total: 3600 });
  });
});
