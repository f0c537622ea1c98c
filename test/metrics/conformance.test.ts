import { describe, expect, it } from "vitest";
import { shift, state, table, value, valuesBy } from "./harness.js";

// conformance = worked (logged in, not paused) seconds / scheduled work seconds; can exceed 100 %.
// Minutes after T0 = 2026-03-02 09:00 UTC.

describe("conformance", () => {
  it("9 h worked against 8 h of scheduled work -> 1.125 (above 100 %)", () => {
    // roster work 09:00-17:00 = 480 min; available 09:00-18:00 = 540 min (the extra hour counts, scheduled or not)
    // 540 / 480 = 1.125
    const schedule = [shift("a1", "work", 0, 480)];
    const states = [state("a1", "available", 0, 540)];
    expect(value("conformance", [], { states, schedule })).toBe(1.125);
  });

  it("scheduled lunch is not work, a lunch pause is not worked", () => {
    // roster work 0-540 with lunch 180-240 inside: scheduled work = 540 - 60 = 480 min
    // worked: available 0-180 + 240-540 = 180 + 300 = 480 min (paused Lunch 180-240 not worked)
    // 480 / 480 = 1   (lunch as work: 480 / 540; pause as worked: 540 / 480)
    const schedule = [shift("a1", "work", 0, 540), shift("a1", "lunch", 180, 240, { activity: "Lunch" })];
    const states = [state("a1", "available", 0, 180), state("a1", "paused", 180, 240, { reason: "Lunch" }), state("a1", "available", 240, 540)];
    expect(value("conformance", [], { states, schedule })).toBe(1);
  });

  it("working through the scheduled lunch is above 100 %", () => {
    // same roster (480 min work); available 0-540 = 540 min worked -> 540 / 480 = 1.125
    const schedule = [shift("a1", "work", 0, 540), shift("a1", "lunch", 180, 240, { activity: "Lunch" })];
    const states = [state("a1", "available", 0, 540)];
    expect(value("conformance", [], { states, schedule })).toBe(1.125);
  });

  it("queue_log layers: talking is worked, the pause is not", () => {
    // session 0-120, pause 30-60, talking 60-75; roster work 0-120 (7200 s)
    // worked = 120 - 30 = 90 min = 5400 s -> 5400 / 7200 = 0.75
    const schedule = [shift("a1", "work", 0, 120)];
    const states = [
      state("a1", "available", 0, 120, { layer: "session" }),
      state("a1", "paused", 30, 60, { layer: "pause", reason: "Break" }),
      state("a1", "talking", 60, 75, { layer: "work" }),
    ];
    expect(value("conformance", [], { states, schedule })).toBe(0.75);
  });

  it("an agent without a schedule has no value ('no schedule'); Total is a ratio of sums", () => {
    // a1: roster work 0-120, available 0-60 -> 3600 / 7200 = 0.5
    // a2: available 0-120, no roster -> worked 7200 / 0 -> null
    // Total: worked 3600 / work 7200 = 0.5 (a2 has no schedule: its hours are in neither side)
    const schedule = [shift("a1", "work", 0, 120)];
    const states = [state("a1", "available", 0, 60), state("a2", "available", 0, 120)];
    expect(valuesBy("conformance", [], ["agent"], { states, schedule })).toEqual({ a1: 0.5, a2: null, Total: 0.5 });
    const col = table(["conformance"], [], { states, schedule }).columns.find((c) => c.id === "conformance");
    expect(col?.empty).toBe("no schedule");
  });

  it("schedule time outside the state data's span is not counted", () => {
    // roster 03-01 09:00-17:00 (before any state data) and 03-02 09:00-10:00; worked 03-02 09:00-10:00
    // 3600 / 3600 = 1 (counting 03-01: 3600 / (3600 + 28800) = 0.111)
    const schedule = [shift("a1", "work", -24 * 60, -24 * 60 + 480), shift("a1", "work", 0, 60)];
    const states = [state("a1", "available", 0, 60)];
    expect(value("conformance", [], { states, schedule })).toBe(1);
  });

  it("by interval: sliced at interval boundaries", () => {
    // roster a1 work 09:00-10:00; a1 available 09:15-10:15.
    // a2 (no roster) available 09:00-09:05: it starts the state data at 09:00, so a1's roster is not clipped
    // to 09:15; a2 has no schedule, so its 5 min count on neither side.
    // 09:00: worked 15 min / work 30 min = 0.5; 09:30: 30 / 30 = 1; 10:00: 15 / 0 -> null
    // Total (15 + 30 + 15) / 60 = 1
    const schedule = [shift("a1", "work", 0, 60)];
    const states = [state("a1", "available", 15, 75), state("a2", "available", 0, 5)];
    expect(valuesBy("conformance", [], ["interval"], { states, schedule })).toEqual({
      "2026-03-02T09:00:00Z": 0.5,
      "2026-03-02T09:30:00Z": 1,
      "2026-03-02T10:00:00Z": null,
      Total: 1,
    });
  });
});
