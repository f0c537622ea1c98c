/**
 * `schedule`: long-form schedules and wide roster grids -> schedule spans. The
 * expected instants are worked out by hand (Date.UTC) from the fixtures' rows:
 * America/New_York is UTC-5 (EST) until 2026-03-08 02:00, UTC-4 (EDT) after;
 * Europe/London is UTC+0 until 2026-03-29 01:00, UTC+1 (BST) until 2026-10-25 02:00.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CckpiError } from "../../src/errors.js";
import type { ScheduleSpan } from "../../src/model/agent.js";
import type { Sample } from "../../src/sources/define.js";
import scheduleSource from "../../src/sources/schedule.js";
import { fixture, hasShared, shared, sharedNote } from "../helpers.js";
import { balanced, detect, filteredBy, lines, readText, runSource, type Ran, type RunOptions } from "./run-source.js";

const NY = "America/New_York";
const LONDON = "Europe/London";
const H = 3_600_000;
const utc = (y: number, mo: number, d: number, h = 0, mi = 0): number => Date.UTC(y, mo - 1, d, h, mi);
const read = (...p: string[]): string => readFileSync(fixture("schedule", ...p), "utf8");
const run = (text: string, o: RunOptions = {}): Ran => runSource(scheduleSource, text, o);
const sample = (text: string): Sample => ({ name: "x", text, delimiter: ",", rows: text.trimEnd().split(/\r?\n/).map((l) => l.split(",")) });
/** A span without the file name, for comparisons. */
const bare = (s: ScheduleSpan): Omit<ScheduleSpan, "file"> => {
  const { file: _f, ...rest } = s;
  return rest;
};
const codes = (r: Ran): [number, string][] => r.rejects.map((x) => [x.line, x.code]);

describe("schedule: long form", () => {
  it("long.csv: a shift with a lunch and a break inside, categories, a duplicate, bad rows, a repeated header", () => {
    const r = run(read("long.csv"), { zone: NY });
    // 12 rows: header + repeated header filtered, 6 spans, line 7 repeats line 3, 3 rejected.
    expect(r.ledger).toEqual({ read: 12, used: 6, rejected: 3, filtered: 2, duplicates: 1 });
    expect(balanced(r.ledger)).toBe(true);
    expect(filteredBy(r)).toEqual({ header: 1, "repeated header": 1 });
    expect(r.duplicates).toEqual([{ line: 7, rows: 1 }]);
    // 25:00 is no time; a shift ending before it starts; 02:30 on 2026-03-08 is skipped by DST in New York.
    expect(codes(r)).toEqual([[8, "BAD_TIMESTAMP"], [11, "BAD_SPAN"], [12, "DST_GAP"]]);
    expect(r.rejects[0]!.message).toContain("2026-03-02 25:00");
    expect(r.schedule.map(bare)).toEqual([
      { agent: "alice", activity: "Shift", category: "work", startMs: utc(2026, 3, 2, 14), endMs: utc(2026, 3, 2, 22, 30), line: 2, rowCount: 1 },
      { agent: "alice", activity: "Lunch", category: "lunch", startMs: utc(2026, 3, 2, 17), endMs: utc(2026, 3, 2, 17, 30), line: 3, rowCount: 1 },
      { agent: "alice", activity: "Break", category: "break", startMs: utc(2026, 3, 2, 20), endMs: utc(2026, 3, 2, 20, 15), line: 4, rowCount: 1 },
      // An explicit offset wins over --tz.
      { agent: "bob", activity: "Phones", category: "work", startMs: utc(2026, 3, 2, 13), endMs: utc(2026, 3, 2, 21), line: 5, rowCount: 1 },
      { agent: "bob", activity: "Team Huddle", category: "meeting", startMs: utc(2026, 3, 2, 13), endMs: utc(2026, 3, 2, 13, 15), line: 6, rowCount: 1 },
      { agent: "carol", activity: "Coaching", category: "training", startMs: utc(2026, 3, 3, 14), endMs: utc(2026, 3, 3, 15), line: 10, rowCount: 1 },
    ]);
    expect(r.schedule.every((s) => s.file === "test-input")).toBe(true);
  });

  it("long.csv through the whole front half: detected, the tally balanced", async () => {
    const o = await readText(read("long.csv"), { zone: NY, name: "long.csv" });
    expect(o.result.source.id).toBe("schedule");
    expect(o.tally.balanced()).toBe(true);
    expect(o.tally.toJSON()).toMatchObject({ read: 12, used: 6, rejected: 3, filtered: 2, duplicates: 1 });
    expect(o.schedule).toHaveLength(6);
  });

  it("long-dates.csv: date + time columns, rows held until a later date settles d/m, past midnight, DST nights", () => {
    const r = run(read("long-dates.csv"), { zone: LONDON });
    expect(r.ledger).toEqual({ read: 6, used: 4, rejected: 1, filtered: 1, duplicates: 0 });
    // Lines 2-3 (02/03/2026) wait for line 4 (24/10/2026: day first), then read as 2 March.
    expect(r.schedule.map(bare)).toEqual([
      { agent: "Ann Lee", activity: "Shift", category: "work", startMs: utc(2026, 3, 2, 9), endMs: utc(2026, 3, 2, 17), line: 2, rowCount: 1 },
      { agent: "Ann Lee", activity: "Lunch", category: "lunch", startMs: utc(2026, 3, 2, 12, 30), endMs: utc(2026, 3, 2, 13, 15), line: 3, rowCount: 1 },
      // 22:00 BST -> 06:00 GMT on the fall-back night: 9 h, not 8.
      { agent: "Ben Ode", activity: "Night shift", category: "work", startMs: utc(2026, 10, 24, 21), endMs: utc(2026, 10, 25, 6), line: 4, rowCount: 1 },
      // 18:00 GMT -> 02:00 BST on the spring-forward night: 7 h.
      { agent: "Ben Ode", activity: "Late", category: "work", startMs: utc(2026, 3, 28, 18), endMs: utc(2026, 3, 29, 1), line: 5, rowCount: 1 },
    ]);
    expect((r.schedule[2]!.endMs - r.schedule[2]!.startMs) / H).toBe(9);
    expect((r.schedule[3]!.endMs - r.schedule[3]!.startMs) / H).toBe(7);
    // 01:30 on 2026-03-29 does not exist in London.
    expect(codes(r)).toEqual([[6, "DST_GAP"]]);
  });

  it("rows that stay ambiguous to the end are rejected AMBIGUOUS_DATE, naming agents.dateOrder; ISO rows are read meanwhile", () => {
    const text = lines(
      "agent,activity,start,end",
      "ann,Shift,02/03/2026 09:00,02/03/2026 17:00",
      "ann,Shift,2026-03-04 09:00,2026-03-04 17:00",
      "ann,Shift,05/05/2026 09:00,05/05/2026 17:00",
      "ann,Lunch,03/02/2026 12:00,03/02/2026 12:30",
    );
    const r = run(text);
    expect(r.ledger).toEqual({ read: 5, used: 2, rejected: 2, filtered: 1, duplicates: 0 });
    expect(codes(r)).toEqual([[2, "AMBIGUOUS_DATE"], [5, "AMBIGUOUS_DATE"]]);
    expect(r.rejects[0]!.message).toContain("agents.dateOrder");
    expect(r.warnings.some((w) => /2 schedule row\(s\) rejected/.test(w) && /cckpi\.config\.json/.test(w))).toBe(true);
    // 05/05 reads the same either way.
    expect(r.schedule.map((s) => s.startMs)).toEqual([utc(2026, 3, 4, 9), utc(2026, 5, 5, 9)]);

    // agents.dateOrder decides; the data is not consulted.
    const m = run(text, { dateOrder: "mdy" });
    expect(m.ledger).toMatchObject({ used: 4, rejected: 0 });
    expect(m.schedule.map((s) => s.startMs)).toEqual([utc(2026, 2, 3, 9), utc(2026, 3, 4, 9), utc(2026, 5, 5, 9), utc(2026, 3, 2, 12)]);
    const d = run(text, { dateOrder: "dmy" });
    expect(d.schedule.map((s) => s.startMs)).toEqual([utc(2026, 3, 2, 9), utc(2026, 3, 4, 9), utc(2026, 5, 5, 9), utc(2026, 2, 3, 12)]);
  });

  it("a date that contradicts the settled order is rejected, not swapped", () => {
    const r = run(lines("agent,activity,start,end", "ann,Shift,13/03/2026 09:00,13/03/2026 17:00", "ann,Shift,03/14/2026 09:00,03/14/2026 17:00"));
    expect(codes(r)).toEqual([[3, "BAD_TIMESTAMP"]]);
    expect(r.schedule.map((s) => s.startMs)).toEqual([utc(2026, 3, 13, 9)]);
  });

  it("aliases and header spellings, agents.aliases, a BOM, bare times without a date column, ragged and empty values", () => {
    const text = lines(
      "\uFEFFAgent_Name,State,Start_Time,End_Time,Notes",
      "PJSIP/1001,Shift,2026-03-02 9:00 AM,2026-03-02 5:00 PM,",
      "x,Shift,09:00,17:00,",
      ",Shift,2026-03-02 09:00,2026-03-02 17:00,",
      "y,,2026-03-02 09:00,2026-03-02 17:00,",
      "z,Shift,2026-03-02 09:00",
    );
    const r = run(text, { aliases: new Map([["1001", "Alice"]]) });
    expect(r.schedule.map(bare)).toEqual([
      { agent: "Alice", activity: "Shift", category: "work", startMs: utc(2026, 3, 2, 9), endMs: utc(2026, 3, 2, 17), line: 2, rowCount: 1 },
    ]);
    expect(codes(r)).toEqual([[3, "BAD_TIMESTAMP"], [4, "MISSING_VALUE"], [5, "MISSING_VALUE"], [6, "RAGGED_ROW"]]);
    expect(r.rejects[0]!.message).toContain("without a date");
    expect(balanced(r.ledger)).toBe(true);
  });

  it("a file that is no schedule is a MISSING_COLUMN error under --format schedule", async () => {
    const err = await readText(read("../contacts/calls.csv"), { format: "schedule" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CckpiError);
    expect((err as CckpiError).code).toBe("MISSING_COLUMN");
  });
});

describe("schedule: wide roster grid", () => {
  it("roster.csv in America/New_York: shifts, past midnight over the DST change, whole days, split shifts, every row accounted for", () => {
    const r = run(read("roster.csv"), { zone: NY });
    // 10 rows: 4 used (Alice, Bob, Dave, Fay), Erin rejected, header + Carol (no shifts) + blank + Total filtered, Alice again.
    expect(r.ledger).toEqual({ read: 10, used: 4, rejected: 1, filtered: 4, duplicates: 1 });
    expect(filteredBy(r)).toEqual({ header: 1, "roster row with no shifts": 1, "blank row": 1, "totals row": 1 });
    expect(r.filters.map((f) => f.line)).toEqual([1, 4, 7, 9]);
    expect(r.duplicates).toEqual([{ line: 8, rows: 1 }]);
    const s = (agent: string, activity: string, category: string, startMs: number, endMs: number, line: number, rowCount: number) => ({ agent, activity, category, startMs, endMs, line, rowCount });
    expect(r.schedule.map(bare)).toEqual([
      // Each row's count rides on its last span (the row is used if any span is in --from/--to).
      s("Alice Agent", "Shift", "work", utc(2026, 3, 6, 12), utc(2026, 3, 6, 21), 2, 0),
      // 10:00 PM EST on 7 March -> 6:00 AM EDT on 8 March: 7 h elapsed.
      s("Alice Agent", "Shift", "work", utc(2026, 3, 8, 3), utc(2026, 3, 8, 10), 2, 0),
      s("Alice Agent", "Shift", "work", utc(2026, 3, 9, 11), utc(2026, 3, 9, 20), 2, 0),
      s("Alice Agent", "Training", "training", utc(2026, 3, 13, 13), utc(2026, 3, 13, 21), 2, 1),
      s("Bob Builder", "Vacation", "off", utc(2026, 3, 6, 5), utc(2026, 3, 7, 5), 3, 0),
      // The DST day is 23 h long: midnight EST to midnight EDT.
      s("Bob Builder", "Vacation", "off", utc(2026, 3, 8, 5), utc(2026, 3, 9, 4), 3, 0),
      s("Bob Builder", "Shift", "work", utc(2026, 3, 9, 13), utc(2026, 3, 9, 21, 30), 3, 1),
      s("Dave Diaz", "Sick", "off", utc(2026, 3, 6, 5), utc(2026, 3, 7, 5), 5, 0),
      s("Dave Diaz", "Training", "training", utc(2026, 3, 9, 4), utc(2026, 3, 10, 4), 5, 0),
      s("Dave Diaz", "RDO", "off", utc(2026, 3, 13, 4), utc(2026, 3, 14, 4), 5, 1),
      s("Fay Fox", "Shift", "work", utc(2026, 3, 6, 12), utc(2026, 3, 6, 16), 10, 0),
      s("Fay Fox", "Shift", "work", utc(2026, 3, 6, 17), utc(2026, 3, 6, 21), 10, 1),
    ]);
    expect((r.schedule[1]!.endMs - r.schedule[1]!.startMs) / H).toBe(7);
    expect((r.schedule[5]!.endMs - r.schedule[5]!.startMs) / H).toBe(23);
    // Erin: no cell readable -> the row is rejected, naming the column dates and the cells.
    expect(codes(r)).toEqual([[6, "BAD_SHIFT"]]);
    expect(r.rejects[0]!.message).toContain('06/03/2026 (2026-03-06) "9 - 5"');
    expect(r.rejects[0]!.message).toContain('07/03/2026 (2026-03-07) "tbc 99"');
    // Bad cells beside good ones: warned with file:line and the column date; the unknown word once.
    expect(r.warnings).toHaveLength(3);
    expect(r.warnings[0]).toMatch(/^test-input:3: Bob Builder: 1 roster cell\(s\) not read.*13\/03\/2026 \(2026-03-13\) "7:00 AM - 4:00" \(AM\/PM on one time only\)/);
    expect(r.warnings[1]).toMatch(/^test-input:5: roster word "RDO".*agents\.activities/);
    expect(r.warnings[2]).toMatch(/^test-input:5: Dave Diaz: 1 roster cell\(s\) not read.*08\/03\/2026 .*"2:30 AM - 10:00 AM".*does not exist in America\/New_York/);
  });

  it("roster.csv through the whole front half: detected at 0.9, the tally balanced", async () => {
    const o = await readText(read("roster.csv"), { zone: NY, name: "roster.csv" });
    expect(o.result.source.id).toBe("schedule");
    expect(o.result.detection?.score).toBe(0.9);
    expect(o.tally.balanced()).toBe(true);
    expect(o.tally.toJSON()).toMatchObject({ read: 10, used: 4, rejected: 1, filtered: 4, duplicates: 1, rejectedBy: { BAD_SHIFT: 1 } });
    expect(o.schedule).toHaveLength(12);
  });

  it("cell syntax: 24 h, no minutes, 'to', 24:00, an activity in parentheses; junk is a bad cell", () => {
    const r = run(lines(
      "Agent,2026-03-02,2026-03-03,2026-03-04,2026-03-05,2026-03-06,2026-03-07",
      "ann,07:00-16:00,7 AM - 4 PM,7:00am to 4:00pm,16:00 - 24:00,7:00 AM - 4:00 PM (Email),12:00 PM - 12:00 AM",
      "ben,7:00 - 4:00 PM,12:00 PM - 12:00 PM,25:00-26:00,Off sick,-,",
    ));
    expect(r.schedule.map((x) => [x.activity, x.category, x.startMs, x.endMs])).toEqual([
      ["Shift", "work", utc(2026, 3, 2, 7), utc(2026, 3, 2, 16)],
      ["Shift", "work", utc(2026, 3, 3, 7), utc(2026, 3, 3, 16)],
      ["Shift", "work", utc(2026, 3, 4, 7), utc(2026, 3, 4, 16)],
      ["Shift", "work", utc(2026, 3, 5, 16), utc(2026, 3, 6, 0)],
      ["Email", "work", utc(2026, 3, 6, 7), utc(2026, 3, 6, 16)],
      ["Shift", "work", utc(2026, 3, 7, 12), utc(2026, 3, 8, 0)],
      // ben: only "Off sick" reads (a whole day off); "-" is blank.
      ["Off sick", "off", utc(2026, 3, 5), utc(2026, 3, 6)],
    ]);
    expect(r.schedule.map((x) => x.rowCount)).toEqual([0, 0, 0, 0, 0, 1, 1]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/ben: 3 roster cell\(s\) not read/);
    expect(balanced(r.ledger)).toBe(true);
  });

  it("day order from the header: d/m, m/d, agents.dateOrder, and an ambiguous header rejects the rows", () => {
    const grid = (...dates: string[]) => lines(`Agent Name,${dates.join(",")}`, `ann,${dates.map(() => "9:00 AM - 5:00 PM").join(",")}`, `ben,${dates.map(() => "").join(",")}`);
    const starts = (r: Ran) => r.schedule.map((s) => s.startMs);
    expect(starts(run(grid("01/02/2026", "02/02/2026", "13/02/2026")))).toEqual([utc(2026, 2, 1, 9), utc(2026, 2, 2, 9), utc(2026, 2, 13, 9)]);
    expect(starts(run(grid("02/01/2026", "02/02/2026", "02/13/2026")))).toEqual([utc(2026, 2, 1, 9), utc(2026, 2, 2, 9), utc(2026, 2, 13, 9)]);

    const amb = run(grid("01/02/2026", "02/02/2026", "03/02/2026"));
    expect(amb.ledger).toEqual({ read: 3, used: 0, rejected: 1, filtered: 2, duplicates: 0 });
    expect(codes(amb)).toEqual([[2, "AMBIGUOUS_DATE"]]);
    expect(amb.rejects[0]!.message).toContain('agents.dateOrder to "dmy" or "mdy"');
    expect(amb.warnings[0]).toMatch(/^test-input:1: the roster's dates \(e\.g\. 01\/02\/2026\)/);
    expect(starts(run(grid("01/02/2026", "02/02/2026", "03/02/2026"), { dateOrder: "mdy" }))).toEqual([utc(2026, 1, 2, 9), utc(2026, 2, 2, 9), utc(2026, 3, 2, 9)]);
    expect(starts(run(grid("01/02/2026", "02/02/2026", "03/02/2026"), { dateOrder: "dmy" }))).toEqual([utc(2026, 2, 1, 9), utc(2026, 2, 2, 9), utc(2026, 2, 3, 9)]);

    // agents.dateOrder against a header that cannot be read that way: that column is warned about, its cells not read.
    const bad = run(grid("01/02/2026", "13/02/2026"), { dateOrder: "mdy" });
    expect(starts(bad)).toEqual([utc(2026, 1, 2, 9)]);
    expect(bad.warnings[0]).toMatch(/roster column "13\/02\/2026" is no date read month first/);
    expect(bad.warnings[1]).toMatch(/ann: 1 roster cell\(s\) not read.*13\/02\/2026.*the column header is no date/);
  });

  it("DST: the London fall-back night is 9 h; a start in the repeated hour is DST_AMBIGUOUS; Havana's skipped midnight starts the day at the jump", () => {
    const london = run(lines("Agent Name,24/10/2026,25/10/2026,26/10/2026", "ann,10:00 PM - 6:00 AM,,", "ben,,1:30 AM - 9:00 AM,", "cy,,Holiday,"), { zone: LONDON });
    expect(london.schedule.map(bare)).toEqual([
      { agent: "ann", activity: "Shift", category: "work", startMs: utc(2026, 10, 24, 21), endMs: utc(2026, 10, 25, 6), line: 2, rowCount: 1 },
      // 25 October is 25 h long in London.
      { agent: "cy", activity: "Holiday", category: "off", startMs: utc(2026, 10, 24, 23), endMs: utc(2026, 10, 26, 0), line: 4, rowCount: 1 },
    ]);
    expect((london.schedule[0]!.endMs - london.schedule[0]!.startMs) / H).toBe(9);
    expect(codes(london)).toEqual([[3, "DST_AMBIGUOUS"]]);
    // Cuba springs forward at midnight: 8 March 2026 begins at 01:00 CDT (05:00Z) and lasts 23 h.
    const havana = run(lines("Agent Name,07/03/2026,08/03/2026,13/03/2026", "ann,,Vacation,"), { zone: "America/Havana" });
    expect(havana.schedule.map((x) => [x.startMs, x.endMs])).toEqual([[utc(2026, 3, 8, 5), utc(2026, 3, 9, 4)]]);
  });

  it("concatenated rosters: the next header with new dates takes over; title rows and ragged rows", () => {
    const r = run(lines(
      "Roster March 2026",
      "Agent Name,Team,30/03/2026,31/03/2026",
      "ann,A,9:00 AM - 5:00 PM,",
      "Agent Name,Team,01/04/2026,02/04/2026",
      "ann,A,,9:00 AM - 5:00 PM",
      "ben,B,9:00 AM - 5:00 PM,,7:00 AM - 9:00 AM",
      "cy,C,9:00 AM - 5:00 PM",
    ));
    expect(filteredBy(r)).toEqual({ "title row": 1, header: 1, "repeated header": 1 });
    expect(r.schedule.map((s) => [s.agent, s.startMs])).toEqual([["ann", utc(2026, 3, 30, 9)], ["ann", utc(2026, 4, 2, 9)], ["cy", utc(2026, 4, 1, 9)]]);
    expect(codes(r)).toEqual([[6, "RAGGED_ROW"]]);
    expect(r.ledger).toEqual({ read: 7, used: 3, rejected: 1, filtered: 3, duplicates: 0 });
  });
});

describe("schedule: detection", () => {
  it("scores the roster grid 0.9 and the long form 0.6 (0.3 when the activity column is called state)", () => {
    expect(detect(read("roster.csv"))[0]).toEqual({ id: "schedule", score: 0.9 });
    expect(detect(read("long.csv"))[0]).toEqual({ id: "schedule", score: 0.6 });
    expect(detect(read("long-dates.csv"))[0]).toEqual({ id: "schedule", score: 0.6 });
    // A BOM on the first header cell, and a title row above the header.
    expect(scheduleSource.detect(sample("\uFEFFAgent Name,01/01/2026,02/01/2026,03/01/2026\nann,,,"))).toBe(0.9);
    expect(scheduleSource.detect(sample("Roster\nagent,01/01/2026,02/01/2026,03/01/2026\nann,,,"))).toBe(0.9);
    // Fewer than 3 date columns is not enough to call it a roster.
    expect(scheduleSource.detect(sample("Agent Name,01/01/2026,02/01/2026\nann,,"))).toBe(0);
    // agent, state, start, end is agent state data first: agent-states outranks this.
    expect(scheduleSource.detect(sample("agent,state,start,end\nann,Available,2026-03-02 09:00,2026-03-02 10:00"))).toBe(0.3);
  });

  it("is not picked for the contacts fixture, nor for any other format's fixture", () => {
    expect(detect(read("../contacts/calls.csv"))[0]?.id).toBe("cckpi-contacts");
    expect(scheduleSource.detect(sample(read("../contacts/calls.csv")))).toBe(0);
    const root = fixture();
    const others: string[] = [];
    for (const d of readdirSync(root, { withFileTypes: true })) {
      if (!d.isDirectory() || d.name === "schedule") continue;
      for (const f of readdirSync(join(root, d.name))) others.push(join(root, d.name, f));
    }
    expect(others.length).toBeGreaterThan(5);
    for (const f of others) expect([f, detect(readFileSync(f, "latin1").slice(0, 65536))[0]?.id === "schedule"]).toEqual([f, false]);
  });
});

describe.skipIf(!hasShared)("schedule: real roster (../shared/data/real/salesforce-omni-presence/shifts.csv)", () => {
  sharedNote();
  const FILE = hasShared ? shared("real", "salesforce-omni-presence", "shifts.csv") : "";

  it("11 agents x 200 dates: every non-blank cell is one span, every row accounted for", async () => {
    const text = readFileSync(FILE, "utf8");
    // Count the cells independently: no cell of this file holds a comma or a quote.
    const rows = text.replace(/^\uFEFF/, "").trimEnd().split(/\r?\n/).map((l) => l.split(","));
    const cells = rows.slice(1).reduce((n, r) => n + r.slice(1).filter((c) => c.trim() !== "").length, 0);
    expect(rows).toHaveLength(12);
    expect(cells).toBe(1451);

    const o = await readText(readFileSync(FILE), { zone: "UTC", name: "shifts.csv" });
    expect(o.result.source.id).toBe("schedule");
    expect(o.tally.toJSON()).toMatchObject({ read: 12, used: 11, rejected: 0, filtered: 1, duplicates: 0, filteredBy: { header: 1 } });
    expect(o.warnings).toEqual([]);
    expect(o.schedule).toHaveLength(cells);
    expect(o.schedule.reduce((n, s) => n + s.rowCount, 0)).toBe(11);
    expect(new Set(o.schedule.map((s) => s.agent)).size).toBe(11);
    // Agent01 Person, 01/01/2026 (d/m/Y: the header has 13/01/2026), 7:00 AM - 4:00 PM, read in UTC.
    expect(bare(o.schedule[0]!)).toEqual({ agent: "Agent01 Person", activity: "Shift", category: "work", startMs: utc(2026, 1, 1, 7), endMs: utc(2026, 1, 1, 16), line: 2, rowCount: 0 });
    // Agent01 Person, 05/01/2026: 1:00 PM - 10:00 PM.
    expect(o.schedule[3]).toMatchObject({ startMs: utc(2026, 1, 5, 13), endMs: utc(2026, 1, 5, 22) });
    // AGENT04 Person (capitals, as written in the roster): Vacation 12/02/2026 to 15/02/2026, whole days.
    const vac = o.schedule.filter((s) => s.activity === "Vacation");
    expect(vac).toHaveLength(8);
    expect(vac.every((s) => s.category === "off" && s.endMs - s.startMs === 24 * H)).toBe(true);
    const a4 = vac.filter((s) => s.agent === "AGENT04 Person");
    expect(a4.map((s) => s.startMs)).toEqual([utc(2026, 2, 12), utc(2026, 2, 13), utc(2026, 2, 14), utc(2026, 2, 15)]);
    expect(a4[0]).toMatchObject({ endMs: utc(2026, 2, 13), line: 5 });
    // Nothing else in the file: only Shift and Vacation.
    expect(new Set(o.schedule.map((s) => s.activity))).toEqual(new Set(["Shift", "Vacation"]));
  });
});
