import { describe, expect, it } from "vitest";
import { contact, MIN, state, value, valuesBy } from "./harness.js";

// contacts-per-hour = handled / (logged-in seconds / 3600).
// contact() arrives at T0 + at seconds, waits 10 s, talks 60 s.

describe("contacts-per-hour", () => {
  it("3 handled by a1 over 90 min logged in = 2 per hour", () => {
    // a1: 3 / 1.5 h = 2.0
    // a2: logged in 30 min, handled 0 -> 0 / 0.5 h = 0
    // abandoned contact: agent "" -> row "(none)", no logged-in time -> null; not handled anyway
    // a1's contact with no end (talk still going) is not handled
    // Total: 3 / (1.5 + 0.5) h = 1.5
    const cs = [
      contact({ agent: "a1", at: 0 }),
      contact({ agent: "a1", at: 20 * MIN }),
      contact({ agent: "a1", at: 40 * MIN }),
      contact({ agent: "a1", at: 50 * MIN, endedMs: null }),
      contact({ outcome: "abandoned", at: 10 * MIN }),
    ];
    const states = [state("a1", "available", 0, 90), state("a2", "available", 0, 30)];
    expect(valuesBy("contacts-per-hour", cs, ["agent"], { states })).toEqual({ a1: 2, a2: 0, "(none)": null, Total: 1.5 });
  });

  it("by interval: handled in the arrival interval over logged-in time sliced per interval", () => {
    // a1 logged in 09:00-10:00 (1800 s in each half-hour)
    // 09:00: 2 handled (09:10, 09:15) / 0.5 h = 4; 09:30: 1 handled (09:40) / 0.5 h = 2; Total 3 / 1 h = 3
    const cs = [contact({ agent: "a1", at: 10 * MIN }), contact({ agent: "a1", at: 15 * MIN }), contact({ agent: "a1", at: 40 * MIN })];
    const states = [state("a1", "available", 0, 60)];
    expect(valuesBy("contacts-per-hour", cs, ["interval"], { states })).toEqual({
      "2026-03-02T09:00:00Z": 4,
      "2026-03-02T09:30:00Z": 2,
      Total: 3,
    });
  });

  it("no value without logged-in time", () => {
    // handled 1, logged-in 0 -> null (not Infinity, not 0)
    expect(value("contacts-per-hour", [contact({ agent: "a1" })])).toBeNull();
  });

  it("paused time is logged-in time (in the denominator)", () => {
    // a1: session 0-120 with a pause 30-60: logged in 2 h; 3 handled -> 3 / 2 = 1.5
    const cs = [contact({ agent: "a1", at: 5 * MIN }), contact({ agent: "a1", at: 65 * MIN }), contact({ agent: "a1", at: 90 * MIN })];
    const states = [
      state("a1", "available", 0, 120, { layer: "session" }),
      state("a1", "paused", 30, 60, { layer: "pause", reason: "Lunch" }),
    ];
    expect(value("contacts-per-hour", cs, { states })).toBe(1.5);
  });
});
