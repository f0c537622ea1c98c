import { describe, expect, it } from "vitest";
import { contact, HOUR, MIN, state, table, T0, value, valuesBy } from "./harness.js";

// Times: state(agent, category, fromMin, toMin) is minutes after T0 = 2026-03-02 09:00 UTC.
// logged-in is in seconds.

describe("logged-in", () => {
  describe("time-slicing at interval boundaries", () => {
    it("09:25-09:40 with 30-min intervals: 5 min in 09:00, 10 min in 09:30", () => {
      // 09:25-09:30 = 5 min = 300 s; 09:30-09:40 = 10 min = 600 s; Total 300 + 600 = 900 s
      const states = [state("a1", "available", 25, 40)];
      expect(valuesBy("logged-in", [], ["interval"], { states })).toEqual({
        "2026-03-02T09:00:00Z": 300,
        "2026-03-02T09:30:00Z": 600,
        Total: 900,
      });
    });

    it("the same span with 60-min intervals lies wholly in 09:00", () => {
      // 09:25-09:40 = 15 min = 900 s, all in [09:00, 10:00); one row, so no Total row
      const states = [state("a1", "available", 25, 40)];
      expect(valuesBy("logged-in", [], ["interval"], { states, intervalMinutes: 60 })).toEqual({ "2026-03-02T09:00:00Z": 900 });
    });

    it("a span crossing midnight is split into two days", () => {
      // 2026-03-02 23:00 -> 2026-03-03 01:30 UTC:
      //   03-02: 23:00-24:00 = 60 min = 3600 s; 03-03: 00:00-01:30 = 90 min = 5400 s; Total 9000 s
      const base = Date.UTC(2026, 2, 2, 23, 0);
      const states = [state("a1", "available", 0, 150, { base })];
      expect(valuesBy("logged-in", [], ["day"], { states })).toEqual({ "2026-03-02": 3600, "2026-03-03": 5400, Total: 9000 });
    });

    it("DST spring forward (America/New_York 2026-03-08): 01:00 EST -> 04:00 EDT is 2 h, in 4 half-hours", () => {
      // 01:00 EST = 06:00 UTC; 04:00 EDT = 08:00 UTC -> 120 min = 7200 s (02:00-03:00 local does not exist)
      // Half-hours: 01:00, 01:30 (-05:00), 03:00, 03:30 (-04:00), 1800 s each: 4 x 1800 = 7200
      const base = Date.UTC(2026, 2, 8, 6, 0);
      const states = [state("a1", "available", 0, 120, { base })];
      const zone = "America/New_York";
      expect(valuesBy("logged-in", [], ["day"], { states, zone })).toEqual({ "2026-03-08": 7200 });
      expect(valuesBy("logged-in", [], ["interval"], { states, zone })).toEqual({
        "2026-03-08T01:00:00-05:00": 1800,
        "2026-03-08T01:30:00-05:00": 1800,
        "2026-03-08T03:00:00-04:00": 1800,
        "2026-03-08T03:30:00-04:00": 1800,
        Total: 7200,
      });
    });

    it("DST spring forward: the whole local day has 46 half-hours (23 h)", () => {
      // 2026-03-08 00:00 EST = 05:00 UTC; 2026-03-09 00:00 EDT = 04:00 UTC -> 23 h = 1380 min = 82800 s
      // 23 h / 30 min = 46 intervals of 1800 s
      const base = Date.UTC(2026, 2, 8, 5, 0);
      const states = [state("a1", "available", 0, 23 * 60, { base })];
      const t = table(["logged-in"], [], { states, zone: "America/New_York", by: ["interval"] });
      expect(t.rows.length).toBe(46);
      expect(t.rows.every((r) => r[1] === 1800)).toBe(true);
      expect(t.total?.[1]).toBe(82800);
      expect(valuesBy("logged-in", [], ["day"], { states, zone: "America/New_York" })).toEqual({ "2026-03-08": 82800 });
    });

    it("DST fall back (Europe/London 2026-10-25): 00:00-03:00 local is 4 h, in 8 half-hours", () => {
      // 00:00 BST = 2026-10-24 23:00 UTC; 03:00 GMT = 2026-10-25 03:00 UTC -> 240 min = 14400 s
      // 01:00-02:00 local happens twice: 01:00+01:00, 01:30+01:00, then 01:00Z, 01:30Z (GMT prints as Z)
      // Half-hours: 00:00, 00:30, 01:00, 01:30 (BST), 01:00, 01:30, 02:00, 02:30 (GMT) = 8 x 1800 = 14400
      const base = Date.UTC(2026, 9, 24, 23, 0);
      const states = [state("a1", "available", 0, 240, { base })];
      const zone = "Europe/London";
      expect(valuesBy("logged-in", [], ["day"], { states, zone })).toEqual({ "2026-10-25": 14400 });
      const r = valuesBy("logged-in", [], ["interval"], { states, zone });
      expect(Object.keys(r).length).toBe(8 + 1); // 8 half-hours + Total
      expect(r["2026-10-25T01:00:00+01:00"]).toBe(1800);
      expect(r["2026-10-25T01:00:00Z"]).toBe(1800);
      expect(r.Total).toBe(14400);
    });

    it("DST fall back: the whole local day has 50 half-hours (25 h)", () => {
      // 2026-10-25 00:00 BST = 10-24 23:00 UTC; 2026-10-26 00:00 GMT = 10-26 00:00 UTC -> 25 h = 90000 s
      const base = Date.UTC(2026, 9, 24, 23, 0);
      const states = [state("a1", "available", 0, 25 * 60, { base })];
      const t = table(["logged-in"], [], { states, zone: "Europe/London", by: ["interval"] });
      expect(t.rows.length).toBe(50);
      expect(t.total?.[1]).toBe(90000);
    });
  });

  describe("rows", () => {
    it("by agent, with a Total over agents", () => {
      // a1: available 09:00-10:00 = 3600 s; a2: paused 09:00-09:30 = 1800 s (paused is logged in)
      // Total 3600 + 1800 = 5400
      const states = [state("a1", "available", 0, 60), state("a2", "paused", 0, 30, { reason: "Break" })];
      expect(valuesBy("logged-in", [], ["agent"], { states })).toEqual({ a1: 3600, a2: 1800, Total: 5400 });
    });

    it("by team", () => {
      // T1 = a1 (60 min) + a3 (talking 09:30-10:00, 30 min) = 90 min = 5400 s; T2 = a2 (30 min) = 1800 s
      // Total 5400 + 1800 = 7200
      const states = [state("a1", "available", 0, 60), state("a2", "paused", 0, 30), state("a3", "talking", 30, 60)];
      expect(valuesBy("logged-in", [], ["team"], { states, teams: { a1: "T1", a2: "T2", a3: "T1" } })).toEqual({ T1: 5400, T2: 1800, Total: 7200 });
    });
  });

  describe("what counts as logged in", () => {
    it("queue_log layers: a session 09:00-11:00 with a pause and a call inside is 2 h", () => {
      // session 0-120 min; pause 09:30-10:00 and talking 10:00-10:15 lie inside it -> 120 min = 7200 s
      const states = [
        state("a1", "available", 0, 120, { layer: "session" }),
        state("a1", "paused", 30, 60, { layer: "pause", reason: "Lunch" }),
        state("a1", "talking", 60, 75, { layer: "work" }),
      ];
      expect(value("logged-in", [], { states })).toBe(2 * HOUR);
    });

    it("a logged_out presence row is not logged in", () => {
      // available 0-60 (60 min) + logged_out 60-120 (0) + available 120-150 (30 min) = 90 min = 5400 s
      const states = [state("a1", "available", 0, 60), state("a1", "logged_out", 60, 120), state("a1", "available", 120, 150)];
      expect(value("logged-in", [], { states })).toBe(90 * MIN);
    });

    it("two overlapping presence rows of one agent count once (the union)", () => {
      // available 09:00-10:00 and paused 09:30-10:30 overlap 09:30-10:00:
      // union 09:00-10:30 = 90 min = 5400 s (not 60 + 60 = 120 min)
      const states = [state("a1", "available", 0, 60), state("a1", "paused", 30, 90, { reason: "Break" })];
      expect(value("logged-in", [], { states })).toBe(90 * MIN);
    });

    it("an open span is closed at the data end: the latest end of any state span", () => {
      // a1 open from 09:00; a2 09:00-10:30 ends last -> data end 10:30; a1 = 90 min = 5400 s
      // Total 5400 + 5400 = 10800
      const states = [state("a1", "available", 0, null), state("a2", "available", 0, 90)];
      expect(valuesBy("logged-in", [], ["agent"], { states })).toEqual({ a1: 5400, a2: 5400, Total: 10800 });
    });

    it("an open span is closed at the data end: a contact's last activity counts", () => {
      // Contact arrives at T0 + 7200 - 70 s, waits 10 s, talks 60 s -> ends at T0 + 7200 s (11:00).
      // a1 open from 09:00 -> closed at 11:00 -> 120 min = 7200 s
      const c = contact({ at: 2 * HOUR - 70, waitSeconds: 10, talkSeconds: 60 });
      expect(c.endedMs).toBe(T0 + 2 * HOUR * 1000);
      const states = [state("a1", "available", 0, null)];
      expect(value("logged-in", [c], { states })).toBe(2 * HOUR);
    });
  });
});
