import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { StateCategory } from "../../src/model/agent.js";
import source, { parseDuration, wordCategory } from "../../src/sources/agent-states.js";
import { fixture, hasShared, shared, sharedNote } from "../helpers.js";
import { balanced, detect, filteredBy, lines, readText, runSource } from "./run-source.js";

const GENERIC = readFileSync(fixture("agent-states", "states.csv"), "utf8");
const OMNI = readFileSync(fixture("agent-states", "omni-presence.csv"), "utf8");
const utc = (y: number, mo: number, d: number, h: number, mi: number, s = 0): number => Date.UTC(y, mo - 1, d, h, mi, s);
const codes = (r: { rejects: { line: number; code: string }[] }): [number, string][] => r.rejects.map((x) => [x.line, x.code]);
const HEADER = "agent,state,reason,start,end";

describe("agent-states: generic state CSV (fixtures/agent-states/states.csv)", () => {
  const r = runSource(source, GENERIC, { zone: "UTC" });

  it("accounts for every row: 11 used, 4 rejected, 4 filtered, 1 duplicate", () => {
    expect(r.ledger).toEqual({ read: 20, used: 11, rejected: 4, filtered: 4, duplicates: 1 });
    expect(balanced(r.ledger)).toBe(true);
    expect(filteredBy(r)).toEqual({ header: 1, "repeated header": 1, "blank row": 1, "totals row": 1 });
    expect(r.filters.map((f) => f.line)).toEqual([1, 14, 19, 20]);
    expect(r.duplicates).toEqual([{ line: 7, rows: 1 }]);
    expect(codes(r)).toEqual([
      [12, "BAD_TIMESTAMP"],
      [13, "UNKNOWN_STATE"],
      [15, "UNKNOWN_STATE"],
      [16, "BAD_SPAN"],
    ]);
  });

  it("builds presence spans with exact times, categories and reasons", () => {
    const got = r.states.map((s) => [s.line, s.agent, s.category, s.reason, s.startMs, s.endMs]);
    expect(got).toEqual([
      [2, "alice", "available", "", utc(2026, 3, 2, 9, 0), utc(2026, 3, 2, 9, 30)],
      [3, "alice", "talking", "", utc(2026, 3, 2, 9, 30), utc(2026, 3, 2, 9, 36, 30)],
      [4, "alice", "hold", "", utc(2026, 3, 2, 9, 36, 30), utc(2026, 3, 2, 9, 37)],
      // End blank, duration 45 s.
      [5, "alice", "acw", "", utc(2026, 3, 2, 9, 37), utc(2026, 3, 2, 9, 37, 45)],
      // Paused: the reason column wins over the state name.
      [6, "alice", "paused", "Lunch", utc(2026, 3, 2, 12, 0), utc(2026, 3, 2, 12, 30)],
      // SIP/1002 normalized; -05:00 offsets: 09:05-10:00 local = 14:05-15:00 UTC.
      [8, "1002", "available", "", utc(2026, 3, 2, 14, 5), utc(2026, 3, 2, 15, 0)],
      // No reason column value: the state name; duration 0:15:00.
      [9, "1002", "paused", "Break", utc(2026, 3, 2, 15, 0), utc(2026, 3, 2, 15, 15)],
      [10, "1002", "logged_out", "", utc(2026, 3, 2, 15, 15), utc(2026, 3, 2, 23, 59, 59)],
      [11, "bob", "talking", "", utc(2026, 3, 2, 9, 0), utc(2026, 3, 2, 9, 4)],
      // AUX with reason Training, duration 02:30 (mm:ss).
      [17, "carol", "paused", "Training", utc(2026, 3, 2, 13, 0), utc(2026, 3, 2, 13, 2, 30)],
      // Neither end nor duration: open.
      [18, "bob", "available", "", utc(2026, 3, 2, 16, 0), null],
    ]);
    for (const s of r.states) {
      expect(s).toMatchObject({ layer: "presence", rowCount: 1, file: "test-input" });
      expect(s.busyShare).toBeUndefined();
    }
  });

  it("says why rows are rejected", () => {
    const [bad, unk1, unk2, span] = r.rejects;
    expect(bad!.message).toMatch(/^start: "2026-03-02 25:00:00" is not a timestamp/);
    expect(unk1!.message).toContain('state "Coffee" has no category');
    expect(unk1!.message).toContain('"agents": { "states": { "Coffee": "paused" } }');
    expect(unk2!.message).toBe('state "Coffee" has no category (first seen on line 13; map it under agents.states in cckpi.config.json)');
    expect(unk2!.raw).toBe("bob,Coffee,,2026-03-02 11:00:00,2026-03-02 11:15:00,");
    expect(span!.message).toBe("end (2026-03-02 10:10:00) is before start (2026-03-02 10:20:00)");
    expect(r.warnings).toEqual(['test-input: rejected states with no category: "Coffee" (2 rows); map them under agents.states in cckpi.config.json']);
  });

  it("reads through the whole front half (detected, tally balanced)", async () => {
    const o = await readText(GENERIC, { name: "states.csv" });
    expect(o.result.source.id).toBe("agent-states");
    expect(o.tally.balanced()).toBe(true);
    expect(o.tally.toJSON()).toMatchObject({ read: 20, used: 11, rejected: 4, filtered: 4, duplicates: 1 });
    expect(o.states).toHaveLength(11);
  });

  it("applies agent aliases", () => {
    const a = runSource(source, lines(HEADER, "Alice Smith,Available,,2026-03-02 09:00:00,2026-03-02 09:30:00"), { aliases: new Map([["alice smith", "alice"]]) });
    expect(a.states.map((s) => s.agent)).toEqual(["alice"]);
  });

  it("header aliases and the duration-only form; a missing end and duration column is a file error", () => {
    const a = runSource(source, lines("AGENT_ID;Status;Started_At;Duration_Seconds", "1001;Available;2026-03-02 09:00:00;1:00:00", "1001;Aux;2026-03-02 10:00:00;x"));
    expect(a.states.map((s) => [s.agent, s.category, s.reason, s.startMs, s.endMs])).toEqual([
      ["1001", "available", "", utc(2026, 3, 2, 9, 0), utc(2026, 3, 2, 10, 0)],
    ]);
    expect(codes(a)).toEqual([[3, "BAD_NUMBER"]]);
    expect(() => runSource(source, lines("agent,state,start", "a,Available,2026-03-02 09:00:00"))).toThrow(/lacks end or duration/);
  });
});

describe("agent-states: slash dates and day order", () => {
  // Lines 2-3 are ambiguous (both parts <= 12); line 4 (13/03) settles d/m/Y.
  const DMY = lines(
    HEADER,
    "ann,Available,,02/03/2026 09:00,02/03/2026 10:00",
    "ann,Busy,Meeting,02/03/2026 10:00:00,05/03/2026 10:30:00",
    "ann,Available,,13/03/2026 09:00,13/03/2026 17:00",
    "ann,Available,,04/03/2026 08:00,04/03/2026 08:30",
  );

  it("decides d/m from the data, holding the earlier rows back and reading them in order", () => {
    const r = runSource(source, DMY);
    expect(r.ledger).toEqual({ read: 5, used: 4, rejected: 0, filtered: 1, duplicates: 0 });
    expect(r.states.map((s) => [s.line, s.startMs, s.endMs])).toEqual([
      [2, utc(2026, 3, 2, 9, 0), utc(2026, 3, 2, 10, 0)],
      [3, utc(2026, 3, 2, 10, 0), utc(2026, 3, 5, 10, 30)],
      [4, utc(2026, 3, 13, 9, 0), utc(2026, 3, 13, 17, 0)],
      [5, utc(2026, 3, 4, 8, 0), utc(2026, 3, 4, 8, 30)],
    ]);
    expect(r.states[1]).toMatchObject({ category: "paused", reason: "Meeting" });
  });

  it("decides m/d from the data; a later date that contradicts it is rejected, not swapped", () => {
    const r = runSource(source, lines(HEADER, "ann,Available,,03/02/2026 09:00,03/02/2026 10:00", "ann,Available,,3/13/2026 9:00 AM,3/13/2026 5:00 PM", "ann,Available,,13/03/2026 09:00,13/03/2026 10:00"));
    expect(r.states.map((s) => [s.line, s.startMs, s.endMs])).toEqual([
      [2, utc(2026, 3, 2, 9, 0), utc(2026, 3, 2, 10, 0)],
      [3, utc(2026, 3, 13, 9, 0), utc(2026, 3, 13, 17, 0)],
    ]);
    expect(codes(r)).toEqual([[4, "BAD_TIMESTAMP"]]);
    expect(r.rejects[0]!.message).toContain('read as month/day (from line 3: "3/13/2026 9:00 AM")');
  });

  it("rejects the rows of a file that never settles it (AMBIGUOUS_DATE), reading the unambiguous ones", () => {
    const r = runSource(source, lines(HEADER, "ann,Available,,02/03/2026 09:00,02/03/2026 10:00", "ann,Available,,2026-03-04 09:00,2026-03-04 10:00", "ann,Available,,05/05/2026 09:00,05/05/2026 10:00", "ann,Busy,,04/03/2026 11:00,04/03/2026 12:00"));
    expect(r.ledger).toEqual({ read: 5, used: 2, rejected: 2, filtered: 1, duplicates: 0 });
    expect(codes(r)).toEqual([[2, "AMBIGUOUS_DATE"], [5, "AMBIGUOUS_DATE"]]);
    expect(r.rejects[0]!.message).toContain('set "agents": { "dateOrder": "dmy" } (or "mdy") in cckpi.config.json');
    // ISO and day == month read the same either way.
    expect(r.states.map((s) => [s.line, s.startMs])).toEqual([[3, utc(2026, 3, 4, 9, 0)], [4, utc(2026, 5, 5, 9, 0)]]);
  });

  it("honours agents.dateOrder (no holding back, no decision from the data)", () => {
    const text = lines(HEADER, "ann,Available,,02/03/2026 09:00,02/03/2026 10:00", "ann,Available,,13/03/2026 09:00,13/03/2026 10:00");
    const mdy = runSource(source, text, { dateOrder: "mdy" });
    expect(mdy.states.map((s) => [s.line, s.startMs])).toEqual([[2, utc(2026, 2, 3, 9, 0)]]);
    expect(codes(mdy)).toEqual([[3, "BAD_TIMESTAMP"]]);
    expect(mdy.rejects[0]!.message).toContain("(from agents.dateOrder)");
    const dmy = runSource(source, text, { dateOrder: "dmy" });
    expect(dmy.states.map((s) => s.startMs)).toEqual([utc(2026, 3, 2, 9, 0), utc(2026, 3, 13, 9, 0)]);
  });
});

describe("agent-states: DST", () => {
  it("rejects wall times in a gap or an overlap (Europe/London)", () => {
    const r = runSource(
      source,
      lines(
        HEADER,
        "ann,Available,,2026-03-29 00:30:00,2026-03-29 01:30:00", // 01:30 does not exist
        "ann,Available,,29/03/2026 01:30,29/03/2026 03:00",
        "ann,Available,,2026-10-25 01:30:00,2026-10-25 03:00:00", // 01:30 happens twice
        "ann,Available,,2026-03-29 00:30:00,2026-03-29 02:30:00",
      ),
      { zone: "Europe/London", dateOrder: "dmy" },
    );
    expect(codes(r)).toEqual([[2, "DST_GAP"], [3, "DST_GAP"], [4, "DST_AMBIGUOUS"]]);
    expect(r.rejects[0]!.message).toMatch(/^end: "2026-03-29 01:30:00" does not exist in Europe\/London/);
    expect(r.rejects[1]!.message).toMatch(/^start: "29\/03\/2026 01:30" does not exist/);
    // 00:30 GMT = 00:30Z; 02:30 BST = 01:30Z.
    expect(r.states.map((s) => [s.startMs, s.endMs])).toEqual([[utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 1, 30)]]);
    expect(balanced(r.ledger)).toBe(true);
  });
});

describe("agent-states: config agents.states", () => {
  it("overrides the default category, by exact name then case-insensitively", () => {
    const stateMap = new Map<string, StateCategory>([["Coffee", "paused"], ["ready", "logged_out"], ["TALKING", "hold"]]);
    const r = runSource(
      source,
      lines(HEADER, "a,Coffee,,2026-03-02 09:00,2026-03-02 09:10", "a,COFFEE,Snack,2026-03-02 09:10,2026-03-02 09:20", "a,Ready,,2026-03-02 09:20,2026-03-02 09:30", "a,Talking,,2026-03-02 09:30,2026-03-02 09:40"),
      { stateMap },
    );
    expect(r.rejects).toEqual([]);
    expect(r.states.map((s) => [s.category, s.reason])).toEqual([["paused", "Coffee"], ["paused", "Snack"], ["logged_out", ""], ["hold", ""]]);
  });
});

describe("agent-states: Salesforce Omni presence (fixtures/agent-states/omni-presence.csv)", () => {
  const r = runSource(source, OMNI, { zone: "Europe/London" });

  it("accounts for every row: 9 used, 2 rejected, 1 filtered, 1 duplicate", () => {
    expect(r.ledger).toEqual({ read: 13, used: 9, rejected: 2, filtered: 1, duplicates: 1 });
    expect(r.duplicates).toEqual([{ line: 11, rows: 1 }]);
    expect(codes(r)).toEqual([[12, "DST_GAP"], [13, "UNKNOWN_STATE"]]);
  });

  it("reads d/m/Y (decided on line 5), categories, reasons and the busy share", () => {
    // Before 29 March London is on GMT: wall time = UTC.
    expect(r.states.map((s) => [s.line, s.agent, s.category, s.reason, s.startMs, s.endMs, s.busyShare])).toEqual([
      // At capacity 900 of idle 2700 + 900.
      [2, "Dana Agent", "available", "", utc(2026, 3, 2, 9, 0), utc(2026, 3, 2, 10, 0), 0.25],
      [3, "Dana Agent", "paused", "Busy_Lunch", utc(2026, 3, 2, 10, 0), utc(2026, 3, 2, 11, 0), undefined],
      // 3600 / (1800 + 3600); Status Duration 5412 differs and is not used.
      [4, "Dana Agent", "available", "", utc(2026, 3, 2, 11, 0), utc(2026, 3, 2, 12, 30), 3600 / 5400],
      [5, "Dana Agent", "paused", "On_Break", utc(2026, 3, 13, 9, 0), utc(2026, 3, 13, 9, 30), undefined],
      // Still open, no durations: no share.
      [6, "Dana Agent", "available", "", utc(2026, 3, 13, 9, 30), null, undefined],
      // Is Away = 1 under an Available status: kept available (warned).
      [7, "Eve Agent", "available", "", utc(2026, 3, 13, 8, 0), utc(2026, 3, 13, 12, 0), 0.5],
      [8, "Eve Agent", "paused", "Busy_Meeting", utc(2026, 3, 13, 12, 0), utc(2026, 3, 13, 12, 45), undefined],
      [9, "Eve Agent", "logged_out", "", utc(2026, 3, 13, 12, 45), utc(2026, 3, 13, 13, 0), undefined],
      // No rule knows Coaching_1to1; Is Away = 1 makes it a pause.
      [10, "Eve Agent", "paused", "Coaching_1to1", utc(2026, 3, 13, 13, 0), utc(2026, 3, 13, 14, 0), undefined],
    ]);
    expect(r.rejects[0]!.message).toBe('start: "29/03/2026 01:30:00" does not exist in Europe/London (skipped by a DST change)');
    expect(r.rejects[1]!.message).toContain('state "Queue_Monitoring" has no category');
    expect(r.warnings).toContain("test-input: 1 row(s) with an Available status and Is Away = 1 (first on line 7) kept as available");
  });

  it("a status mapped in config gets the busy share of an available span", () => {
    const m = runSource(source, OMNI, { zone: "Europe/London", stateMap: new Map([["Queue_Monitoring", "available"]]) });
    expect(m.states.at(-1)).toMatchObject({ line: 13, agent: "Frank Agent", category: "available", busyShare: 1 });
    expect(codes(m)).toEqual([[12, "DST_GAP"]]);
  });

  it("without Start DT / End DT, uses Status Start/End Date + Time; falls back to At Capacity / Status Duration", () => {
    const t = lines(
      "Status Start Date,Status Start Time,Status End Date,Status End Time,Is Away,Idle Duration,At Capacity Duration,Status Duration (seconds),Created By: Full Name,Service Presence Status: Developer Name",
      "23/04/2026,10:20:00,23/04/2026,11:31:00,0,,2130,4260,Gus Agent,Available_Chat",
      "23/04/2026,11:31:00,,,0,0,0,0,Gus Agent,Available_Chat",
    );
    const g = runSource(source, t);
    expect(g.states.map((s) => [s.startMs, s.endMs, s.busyShare])).toEqual([
      [utc(2026, 4, 23, 10, 20), utc(2026, 4, 23, 11, 31), 0.5],
      [utc(2026, 4, 23, 11, 31), null, undefined],
    ]);
  });
});

describe("agent-states: detection", () => {
  it("picks agent-states for both header styles", () => {
    expect(detect(GENERIC)[0]).toEqual({ id: "agent-states", score: 0.6 });
    expect(detect(OMNI)[0]).toEqual({ id: "agent-states", score: 0.9 });
    expect(detect(lines("agent;status;started_at;duration_s", "a;Available;2026-03-02 09:00;60"))[0]?.id).toBe("agent-states");
  });

  it("does not claim contact files", () => {
    for (const f of [fixture("contacts", "calls.csv"), fixture("asterisk-cdr", "cdr-table.csv"), fixture("avaya-cms", "call_rec.csv"), fixture("freeswitch-cdr", "callcenter.csv")]) {
      const ids = detect(readFileSync(f, "latin1")).map((x) => x.id);
      expect([f, ids.includes("agent-states")]).toEqual([f, false]);
    }
    // Agent + state but no start: not an agent state log.
    expect(detect(lines("agent,state,calls", "a,Available,3")).map((x) => x.id)).not.toContain("agent-states");
  });
});

describe("agent-states: rules", () => {
  it("state words", () => {
    const cases: [string, StateCategory | null][] = [
      ["Available", "available"], ["IDLE", "available"], ["Ready", "available"], ["Not Ready", "paused"], ["NOT_READY", "paused"],
      ["Aux - Lunch", "paused"], ["Busy", "paused"], ["Busy on call", "talking"], ["On Contact", "talking"], ["Outbound", "talking"],
      ["On Hold", "hold"], ["ACW", "acw"], ["After_Call_Work", "acw"], ["Wrap-up", "acw"], ["Logged Out", "logged_out"],
      ["Offline", "logged_out"], ["logout", "logged_out"], ["Unavailable", null], ["Coffee", null], ["Threshold", null],
    ];
    expect(cases.map(([s]) => [s, wordCategory(s)])).toEqual(cases);
  });

  it("durations", () => {
    expect([parseDuration("45"), parseDuration("12.5"), parseDuration("1:02:03"), parseDuration("02:30"), parseDuration("1:75"), parseDuration("-3")]).toEqual([45, 12.5, 3723, 150, NaN, NaN]);
  });
});

describe.skipIf(!hasShared)("agent-states: the real Salesforce Omni presence export (../shared/data/real)", () => {
  sharedNote();
  const path = hasShared ? shared("real", "salesforce-omni-presence", "report_presence.csv") : "";

  it("detects it and accounts for all 3,357 rows", async () => {
    const o = await readText(readFileSync(path), { name: "report_presence.csv", zone: "UTC" });
    expect(o.result.source.id).toBe("agent-states");
    expect(o.tally.balanced()).toBe(true);
    // Header + 3,357 rows. No reject. Lines 426 and 427 are the same zero-length
    // Available_All span of Agent02 (04/06/2026 08:16-08:16; only Status Duration differs,
    // 1 vs 0): the second is a duplicate.
    expect(o.tally.toJSON()).toMatchObject({ read: 3358, used: 3356, rejected: 0, filtered: 1, duplicates: 1 });
    expect(o.rejects).toEqual([]);
    const s = o.states;
    expect(s).toHaveLength(3356);
    expect(new Set(s.map((x) => x.agent)).size).toBe(11);
    expect(Math.min(...s.map((x) => x.startMs))).toBe(utc(2026, 4, 22, 6, 58));
    expect(Math.max(...s.map((x) => x.startMs))).toBe(utc(2026, 7, 19, 20, 37));
    expect(Math.max(...s.map((x) => x.endMs ?? 0))).toBe(utc(2026, 7, 19, 22, 1));
    expect(s.every((x) => x.endMs !== null && x.endMs >= x.startMs)).toBe(true);
    // Pauses carry the status name; the Available_* statuses (2,190 rows - 1 duplicate) are available.
    const by: Record<string, number> = {};
    for (const x of s) by[`${x.category}:${x.reason}`] = (by[`${x.category}:${x.reason}`] ?? 0) + 1;
    expect(by).toEqual({
      "available:": 2189,
      "paused:Busy_Lunch": 665,
      "paused:Busy_Other_Tasks": 478,
      "paused:Busy_Meeting": 8,
      "paused:Busy": 8,
      "paused:Busy_Break": 5,
      "paused:On_Break": 3,
    });
    // Line 2: Agent01, Available_Chat 23/04/2026 10:20-11:31, idle 0, at capacity 4248.
    expect(s.find((x) => x.line === 2)).toMatchObject({ agent: "Agent01 Person", category: "available", startMs: utc(2026, 4, 23, 10, 20), endMs: utc(2026, 4, 23, 11, 31), busyShare: 1 });
    expect(s.every((x) => x.busyShare === undefined || (x.busyShare >= 0 && x.busyShare <= 1))).toBe(true);
  });

  it("per-status row counts match PROVENANCE §5", () => {
    // Every status mapped to paused: the reason is then the status name for all rows.
    const text = readFileSync(path, "utf8");
    const names = ["Available_All", "Available_Chat", "Available_Email_and_Web", "Available_Case", "Available_Social_Cases"];
    const r = runSource(source, text, { stateMap: new Map(names.map((n) => [n, "paused" as const])) });
    const by: Record<string, number> = {};
    for (const x of r.states) by[x.reason] = (by[x.reason] ?? 0) + 1;
    by.Available_All! += r.duplicates.length; // the duplicate (line 427) is an Available_All row
    expect(r.duplicates).toEqual([{ line: 427, rows: 1 }]);
    expect(by).toEqual({
      Available_All: 1137, Busy_Lunch: 665, Available_Chat: 638, Busy_Other_Tasks: 478, Available_Email_and_Web: 396,
      Available_Case: 14, Busy_Meeting: 8, Busy: 8, Available_Social_Cases: 5, Busy_Break: 5, On_Break: 3,
    });
    expect(r.ledger).toEqual({ read: 3358, used: 3356, rejected: 0, filtered: 1, duplicates: 1 });
  });
});
