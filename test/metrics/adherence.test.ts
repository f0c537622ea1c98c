import { describe, expect, it } from "vitest";
import { shift, state, T0, table, value, valuesBy } from "./harness.js";

// adherence = scheduled seconds in the scheduled category / scheduled seconds (any activity but off).
// Tolerance [60 s]: within tol either side of a change A -> B, a state in A or B is adherent.
// Minutes after T0 = 2026-03-02 09:00 UTC.

// a1 roster: work 09:00-13:00 (0-240) with Lunch 11:00-12:00 (120-180) inside it (latest-starting wins).
// Scheduled = 240 min = 14400 s (lunch is scheduled time too, only off is not).
const roster = () => [shift("a1", "work", 0, 240, { activity: "Shift" }), shift("a1", "lunch", 120, 180, { activity: "Lunch" })];

describe("adherence", () => {
  it("on time: working, lunch pause during the scheduled lunch, working -> 100 %", () => {
    // 0-120 available (work = work), 120-180 paused "Lunch" (lunch = lunch), 180-240 available -> 14400 / 14400
    const states = [state("a1", "available", 0, 120), state("a1", "paused", 120, 180, { reason: "Lunch" }), state("a1", "available", 180, 240)];
    expect(value("adherence", [], { states, schedule: roster() })).toBe(1);
  });

  it("the lunch inside the shift wins: working through lunch is not adherent", () => {
    // available 0-240: 120-180 is scheduled lunch, state work -> 60 min not in the scheduled category.
    // tol 0: (240 - 60) / 240 = 180 / 240 = 0.75 (if the shift won over the lunch it would be 1)
    // tol 60 s: work is category A of the change work -> lunch at 120 (window 119-121) and category B of
    //   lunch -> work at 180 (window 179-181), so 120-121 and 179-180 are adherent: 2 min back
    //   -> (180 + 2) / 240 = 182 / 240 = 0.758333...
    const states = [state("a1", "available", 0, 240)];
    expect(value("adherence", [], { states, schedule: roster(), options: { toleranceSeconds: 0 } })).toBe(0.75);
    expect(value("adherence", [], { states, schedule: roster() })).toBeCloseTo(182 / 240, 12);
  });

  it("lunch 10 min early: 9 min lost with the 60 s tolerance, 10 min without", () => {
    // paused "Lunch" 110-180: 110-120 is scheduled work, state lunch.
    // tol 60 s: the window 119:00-121:00 around work -> lunch accepts lunch, so 119-120 is adherent;
    //   lost 110-119 = 9 min = 540 s -> (14400 - 540) / 14400 = 13860 / 14400 = 0.9625
    // tol 0: lost 10 min = 600 s -> 13800 / 14400 = 0.958333...
    const states = [state("a1", "available", 0, 110), state("a1", "paused", 110, 180, { reason: "Lunch" }), state("a1", "available", 180, 240)];
    expect(value("adherence", [], { states, schedule: roster() })).toBe(0.9625);
    expect(value("adherence", [], { states, schedule: roster(), options: { toleranceSeconds: 0 } })).toBeCloseTo(13800 / 14400, 12);
  });

  describe("tolerance at a login", () => {
    // a1 roster: work 09:00-10:00. a1 logs in late and stays to 10:10 (after 10:00 is unscheduled: not counted).
    // a2 (no schedule) is logged in from 09:00, so the state data (and the evaluated schedule) starts at 09:00.
    // Scheduled for a1: 3600 s.
    const fixture = (lateSeconds: number) => ({
      states: [state("a1", "available", 0, 70, { base: T0 + lateSeconds * 1000 }), state("a2", "available", 0, 70)],
      schedule: [shift("a1", "work", 0, 60)],
    });

    it("40 s late with tolerance 60 s -> 100 %", () => {
      // 09:00:00-09:00:40 logged out (off) lies in the window -60 s..+60 s around off -> work: adherent
      // 3600 / 3600 = 1
      expect(valuesBy("adherence", [], ["agent"], fixture(40))).toEqual({ a1: 1, a2: null, Total: 1 });
    });

    it("90 s late with tolerance 60 s -> only 30 s lost", () => {
      // 0-60 s in the window (adherent), 60-90 s logged out while scheduled work: 30 s lost
      // (3600 - 30) / 3600 = 3570 / 3600 = 0.991666...
      expect(value("adherence", [], fixture(90))).toBeCloseTo(3570 / 3600, 12);
    });

    it("90 s late with tolerance 0 -> 90 s lost", () => {
      // (3600 - 90) / 3600 = 3510 / 3600 = 0.975
      expect(value("adherence", [], { ...fixture(90), options: { toleranceSeconds: 0 } })).toBeCloseTo(0.975, 12);
    });
  });

  it("an unknown pause reason during work is not adherent", () => {
    // paused "Other" 60-90 while scheduled work: 30 min lost -> (240 - 30) / 240 = 210 / 240 = 0.875
    const states = [
      state("a1", "available", 0, 60),
      state("a1", "paused", 60, 90, { reason: "Other" }),
      state("a1", "available", 90, 120),
      state("a1", "paused", 120, 180, { reason: "Lunch" }),
      state("a1", "available", 180, 240),
    ];
    expect(value("adherence", [], { states, schedule: roster() })).toBe(0.875);
  });

  it("config activities override: a pause reason mapped to work is adherent during work", () => {
    // Same day with the pause reason "Busy_Other_Tasks" (matches no keyword):
    //   no config -> 30 min lost -> 0.875; activities { Busy_Other_Tasks: work } -> 240 / 240 = 1
    const states = [
      state("a1", "available", 0, 60),
      state("a1", "paused", 60, 90, { reason: "Busy_Other_Tasks" }),
      state("a1", "available", 90, 120),
      state("a1", "paused", 120, 180, { reason: "Lunch" }),
      state("a1", "available", 180, 240),
    ];
    expect(value("adherence", [], { states, schedule: roster() })).toBe(0.875);
    expect(value("adherence", [], { states, schedule: roster(), activities: { Busy_Other_Tasks: "work" } })).toBe(1);
  });

  it("an agent with states but no schedule has no value, shown as 'no schedule'", () => {
    // a1 on time (1); a2 no schedule -> 0 / 0 -> null; Total 14400 / 14400 = 1
    const states = [
      state("a1", "available", 0, 120),
      state("a1", "paused", 120, 180, { reason: "Lunch" }),
      state("a1", "available", 180, 240),
      state("a2", "available", 0, 240),
    ];
    expect(valuesBy("adherence", [], ["agent"], { states, schedule: roster() })).toEqual({ a1: 1, a2: null, Total: 1 });
    const col = table(["adherence"], [], { states, schedule: roster() }).columns.find((c) => c.id === "adherence");
    expect(col?.empty).toBe("no schedule");
  });

  it("schedule time outside the span of the state data is not counted (a shift the day before)", () => {
    // Roster: 03-01 09:00-17:00 (before any state data) and 03-02 09:00-10:00.
    // States 03-02 09:00-10:00 available -> only the 03-02 hour is evaluated: 3600 / 3600 = 1
    // (counting 03-01 would give 3600 / (3600 + 28800) = 0.111)
    const schedule = [shift("a1", "work", -24 * 60, -24 * 60 + 480), shift("a1", "work", 0, 60)];
    const states = [state("a1", "available", 0, 60)];
    expect(value("adherence", [], { states, schedule })).toBe(1);
    expect(valuesBy("adherence", [], ["day"], { states, schedule })).toEqual({ "2026-03-02": 1 });
  });

  it("the schedule is clipped at the data end, which is the whole state data's end, not the agent's", () => {
    // a1 rostered 09:00-11:00 (0-120), logged in 09:00-10:00 only.
    // (1) a2 logged in 09:00-11:00: data span 09:00-11:00 -> a1 scheduled 7200 s;
    //     adherent 0-60 (3600 s) + 119-120 min (logged out = off within 60 s before work -> off) = 3660 s
    //     -> 3660 / 7200 = 0.508333...; tolerance 0 -> 3600 / 7200 = 0.5
    // (2) a2 logged in 09:00-10:00: data span 09:00-10:00 -> a1 scheduled 3600 s, adherent 3600 -> 1
    const schedule = [shift("a1", "work", 0, 120)];
    const long = [state("a1", "available", 0, 60), state("a2", "available", 0, 120)];
    const short = [state("a1", "available", 0, 60), state("a2", "available", 0, 60)];
    expect(valuesBy("adherence", [], ["agent"], { states: long, schedule }).a1).toBeCloseTo(3660 / 7200, 12);
    expect(valuesBy("adherence", [], ["agent"], { states: long, schedule, options: { toleranceSeconds: 0 } }).a1).toBe(0.5);
    expect(valuesBy("adherence", [], ["agent"], { states: short, schedule }).a1).toBe(1);
  });

  it("agent names match the schedule case-insensitively; the row shows the state data's spelling", () => {
    // schedule "AGENT04 Person" work 0-60, states "Agent04 Person" available 0-60 -> 3600 / 3600 = 1
    // (unmatched, the agent would have no schedule: null)
    const states = [state("Agent04 Person", "available", 0, 60)];
    const schedule = [shift("AGENT04 Person", "work", 0, 60)];
    expect(valuesBy("adherence", [], ["agent"], { states, schedule })).toEqual({ "Agent04 Person": 1, Total: 1 });
  });

  it("by interval: sliced at interval boundaries", () => {
    // Roster work 0-60; available 0-45, paused "Other" 45-60.
    // 09:00: 1800 / 1800 = 1; 09:30: 900 / 1800 = 0.5; Total 2700 / 3600 = 0.75
    const states = [state("a1", "available", 0, 45), state("a1", "paused", 45, 60, { reason: "Other" })];
    const schedule = [shift("a1", "work", 0, 60)];
    expect(valuesBy("adherence", [], ["interval"], { states, schedule })).toEqual({
      "2026-03-02T09:00:00Z": 1,
      "2026-03-02T09:30:00Z": 0.5,
      Total: 0.75,
    });
  });

  it("by team: a ratio of sums over the team's agents", () => {
    // a1 (T1): on time -> 14400 / 14400
    // a2 (T1): roster work 0-240 with the same lunch; works through lunch -> 182 min (see above) = 10920 s
    //          -> 10920 / 14400
    // a3 (T2): roster work 0-60, paused "Other" 0-30 -> lost 30 min (no window helps: Other matches nothing)
    //          -> 1800 / 3600 = 0.5
    // T1: (14400 + 10920) / (14400 + 14400) = 25320 / 28800 = 0.879166...; T2: 0.5
    // Total: (25320 + 1800) / (28800 + 3600) = 27120 / 32400 = 0.837037...
    const states = [
      state("a1", "available", 0, 120),
      state("a1", "paused", 120, 180, { reason: "Lunch" }),
      state("a1", "available", 180, 240),
      state("a2", "available", 0, 240),
      state("a3", "paused", 0, 30, { reason: "Other" }),
      state("a3", "available", 30, 60),
    ];
    const schedule = [...roster(), shift("a2", "work", 0, 240), shift("a2", "lunch", 120, 180), shift("a3", "work", 0, 60)];
    const r = valuesBy("adherence", [], ["team"], { states, schedule, teams: { a1: "T1", a2: "T1", a3: "T2" } });
    expect(r.T1).toBeCloseTo(25320 / 28800, 12);
    expect(r.T2).toBe(0.5);
    expect(r.Total).toBeCloseTo(27120 / 32400, 12);
  });
});
