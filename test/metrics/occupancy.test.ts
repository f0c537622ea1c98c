import { describe, expect, it } from "vitest";
import { state, value, valuesBy } from "./harness.js";

// occupancy = (talking + hold + acw) / (talking + hold + acw + available); paused in neither side.

// a1 presence rows: available 0-30, talking 30-50, hold 50-55, acw 55-60, paused 60-90 (minutes after 09:00)
const day = () => [
  state("a1", "available", 0, 30),
  state("a1", "talking", 30, 50),
  state("a1", "hold", 50, 55),
  state("a1", "acw", 55, 60),
  state("a1", "paused", 60, 90, { reason: "Break" }),
];

describe("occupancy", () => {
  it("busy / (busy + available), paused excluded", () => {
    // busy = 20 + 5 + 5 = 30 min; available 30 min; paused 30 min excluded
    // 30 / (30 + 30) = 0.5   (with paused in the denominator it would be 30 / 90 = 0.333)
    expect(value("occupancy", [], { states: day() })).toBe(0.5);
  });

  it("by interval: a ratio of sums, and no value where there is only paused time", () => {
    // 09:00 [0,30):  busy 0, available 30        -> 0 / 30 = 0
    // 09:30 [30,60): busy 20 + 5 + 5 = 30, avail 0 -> 30 / 30 = 1
    // 10:00 [60,90): paused only                 -> 0 / 0 = no value (null)
    // Total: 30 / (30 + 30) = 0.5
    expect(valuesBy("occupancy", [], ["interval"], { states: day() })).toEqual({
      "2026-03-02T09:00:00Z": 0,
      "2026-03-02T09:30:00Z": 1,
      "2026-03-02T10:00:00Z": null,
      Total: 0.5,
    });
  });

  it("no value (null) with only paused time", () => {
    const states = [state("a1", "paused", 0, 60, { reason: "Lunch" })];
    expect(value("occupancy", [], { states })).toBeNull();
  });

  it("busyShare: a 60-min available row with 25 % at capacity is 25 % occupied", () => {
    // talking 60 x 0.25 = 15 min; available 45 min -> 15 / (15 + 45) = 0.25
    const states = [state("a1", "available", 0, 60, { busyShare: 0.25 })];
    expect(value("occupancy", [], { states })).toBe(0.25);
  });

  it("queue_log layers: talking 15 min, available 75 min -> 1/6", () => {
    // session 0-120, pause 30-60 (excluded), talking 60-75: busy 15, available 120 - 30 - 15 = 75
    // 15 / (15 + 75) = 15 / 90 = 1/6
    const states = [
      state("a1", "available", 0, 120, { layer: "session" }),
      state("a1", "paused", 30, 60, { layer: "pause", reason: "Lunch" }),
      state("a1", "talking", 60, 75, { layer: "work" }),
    ];
    expect(value("occupancy", [], { states })).toBeCloseTo(1 / 6, 12);
  });

  it("by agent; Total is a ratio of sums, not a mean of agents", () => {
    // a1: busy 30 / (30 + 30 available) = 0.5
    // a2: talking 0-45 and 60-90 (75 min), available 45-60 (15 min) -> 75 / 90 = 0.8333
    // a3: paused only -> null
    // Total: (30 + 75) / (60 + 90) = 105 / 150 = 0.7 (the mean of 0.5 and 0.8333 would be 0.6667)
    const states = [
      ...day(),
      state("a2", "talking", 0, 45),
      state("a2", "available", 45, 60),
      state("a2", "talking", 60, 90),
      state("a3", "paused", 0, 60, { reason: "Training" }),
    ];
    const r = valuesBy("occupancy", [], ["agent"], { states });
    expect(r.a1).toBe(0.5);
    expect(r.a2).toBeCloseTo(75 / 90, 12);
    expect(r.a3).toBeNull();
    expect(r.Total).toBeCloseTo(0.7, 12);
  });
});
