/**
 * freeswitch-cdr: mod_cdr_csv example / asterisk templates and a custom template with
 * mod_callcenter variables. Expected instants by hand: 2026-03-02 09:00:00 in
 * America/New_York (EST, UTC-5) is 14:00:00Z = 1772460000 s. The source is not
 * registered in src/sources/index.ts yet: readInput gets it in its source list here.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readInput, sampleRows } from "../../src/ingest/read.js";
import { Tally } from "../../src/ingest/tally.js";
import type { Contact } from "../../src/model/contact.js";
import { TimeZone } from "../../src/model/time.js";
import asteriskCdr from "../../src/sources/asterisk-cdr.js";
import freeswitchCdr from "../../src/sources/freeswitch-cdr.js";
import type { SourceDef } from "../../src/sources/define.js";
import { builtinSources } from "../../src/sources/index.js";
import { fixture, hasShared, shared, sharedNote } from "../helpers.js";
import { balanced, filteredBy, lines, runSource, tempDir, type Ran } from "./run-source.js";

const S = 1000;
const T0 = 1772460000 * S; // 2026-03-02 09:00:00 America/New_York
const NY = "America/New_York";
/** The registry without the CDR sources, to show what they change. */
const BASE: readonly SourceDef[] = builtinSources.filter((x) => x.id !== "asterisk-cdr" && x.id !== "freeswitch-cdr");
const SOURCES: readonly SourceDef[] = [...BASE, asteriskCdr, freeswitchCdr];
const run = (text: string, o: Parameters<typeof runSource>[2] = {}): Ran => runSource(freeswitchCdr, text, { zone: NY, ...o });

async function readWith(data: string | Buffer, o: { format?: string; zone?: string } = {}) {
  const dir = tempDir();
  const path = join(dir, "Master.csv");
  try {
    writeFileSync(path, data);
    const tally = new Tally("skip", null, () => {});
    const contacts: Contact[] = [];
    const seen = new Set<string>();
    const result = await readInput(
      { name: path, path, bytes: null },
      {
        sources: SOURCES, format: o.format ?? null, delimiter: null, encoding: null, fallbackEncoding: "gb18030",
        zone: TimeZone.of(o.zone ?? "UTC"), agentAliases: null, dims: [], warn: () => {},
      },
      tally,
      {
        contact: (c, check) => {
          if (check && seen.has(c.contactId)) return "duplicate";
          seen.add(c.contactId);
          contacts.push(c);
          return "used";
        },
        record: () => "used",
      },
    );
    return { result, tally, contacts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const count = (cs: readonly Contact[], f: (c: Contact) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const c of cs) out[f(c)] = (out[f(c)] ?? 0) + 1;
  return out;
};

describe("freeswitch-cdr: example template (fixtures/freeswitch-cdr/Master.csv)", () => {
  const r = run(readFileSync(fixture("freeswitch-cdr", "Master.csv"), "utf8"));

  it("one contact per row; hangup causes picked apart; ledger balanced", () => {
    expect(r.rejects).toEqual([]);
    expect(r.ledger).toEqual({ read: 6, used: 6, rejected: 0, filtered: 0, duplicates: 0 });
    expect(balanced(r.ledger)).toBe(true);
    expect(r.contacts.map((c) => [c.line, c.queue, c.outcome, c.disposition, c.arrivedMs - T0, c.answeredMs && c.answeredMs - T0, c.endedMs! - T0, c.waitSeconds, c.talkSeconds])).toEqual([
      [1, "public", "answered", "NORMAL_CLEARING", 0, 15 * S, 255 * S, 15, 240],
      [2, "public", "abandoned", "ORIGINATOR_CANCEL", 600 * S, null, 640 * S, 40, 0],
      [3, "public", "not_joined", "USER_BUSY", 1200 * S, null, 1203 * S, 3, 0],
      [4, "public", "abandoned", "NORMAL_CLEARING", 1800 * S, null, 1825 * S, 25, 0], // no answer_stamp: not answered
      [5, "public", "not_joined", "NO_ROUTE_DESTINATION", 2400 * S, null, 2400 * S, 0, 0],
      [6, "default", "answered", "NORMAL_CLEARING", 3000 * S, 3005 * S, 3065 * S, 5, 60],
    ]);
  });

  it("reads every field of the first row", () => {
    expect(r.contacts[0]).toEqual({
      contactId: "0c1f4e2a-0001-4a00-9000-000000000001",
      callId: "0c1f4e2a-0001-4a00-9000-000000000001",
      queue: "public",
      agent: "", // the example template names no answering side
      customer: "+12125550101",
      arrivedMs: T0,
      answeredMs: T0 + 15 * S,
      endedMs: T0 + 255 * S,
      outcome: "answered",
      waitSeconds: 15,
      talkSeconds: 240,
      holdSeconds: 0,
      acwSeconds: 0,
      transferred: false,
      disposition: "NORMAL_CLEARING",
      rating: null,
      resolved: null,
      dims: null,
      file: "test-input",
      line: 1,
      rowCount: 1,
    });
  });

  it("rejects bad rows with codes and lines", () => {
    const row = (start: string, cause: string, dur = "10", bill = "0"): string =>
      `"A","1","2","default","${start}","","2026-03-02 09:00:10","${dur}","${bill}","${cause}","u-${Math.random()}","","","",""`;
    const r2 = run(lines(
      row("2026-03-02 09:00:00", "NORMAL_CLEARING"), //   1 ok
      row("2026-03-02 09:00:00", "HUNG_UP_BY_MARS"), //   2 unknown cause
      row("2026-03-02 09:00:00", ""), //                  3 empty cause
      row("02/03/2026 09:00:00", "NORMAL_CLEARING"), //   4 d/m never guessed
      row("2026-03-08 02:30:00", "NORMAL_CLEARING"), //   5 DST gap
      row("2026-03-02 09:00:00", "NORMAL_CLEARING", "x"), // 6
      '"A","1","2","default"', //                         7
      row("2026-03-02 09:00:20", "NORMAL_CLEARING"), //   8 end before start
      row("2026/3/2 9:00", "USER_BUSY"), //                9 ok: spreadsheet re-save, year first
    ));
    expect(r2.rejects.map((x) => [x.line, x.code])).toEqual([
      [2, "BAD_OUTCOME"], [3, "BAD_OUTCOME"], [4, "BAD_TIMESTAMP"], [5, "DST_GAP"], [6, "BAD_NUMBER"], [7, "RAGGED_ROW"], [8, "BAD_TIMESTAMP"],
    ]);
    expect(r2.contacts.map((c) => [c.line, c.outcome, c.arrivedMs])).toEqual([[1, "abandoned", T0], [9, "not_joined", T0]]);
    expect(r2.ledger).toEqual({ read: 9, used: 2, rejected: 7, filtered: 0, duplicates: 0 });
  });
});

describe("freeswitch-cdr: asterisk template (18 fields)", () => {
  it("agent from bridge_channel; not mistaken for an Asterisk Master.csv", () => {
    const text = lines(
      '"","+12125550101","5000","public","""Alice"" <+12125550101>","sofia/external/+12125550101@10.0.0.1","sofia/internal/1001@10.0.0.5","bridge","user/1001","2026-03-02 09:00:00","2026-03-02 09:00:12","2026-03-02 09:02:12","132","120","NORMAL_CLEARING","default","3f0c0000-0000-4000-8000-000000000001",""',
      '"","+12125550102","5000","public","""Bob"" <+12125550102>","sofia/external/+12125550102@10.0.0.1","","bridge","user/1001","2026-03-02 09:05:00","","2026-03-02 09:05:30","30","0","NO_ANSWER","default","3f0c0000-0000-4000-8000-000000000002",""',
    );
    const r = run(text);
    expect(r.contacts.map((c) => [c.agent, c.outcome, c.waitSeconds, c.talkSeconds, c.customer, c.contactId])).toEqual([
      ["1001", "answered", 12, 120, "+12125550101", "3f0c0000-0000-4000-8000-000000000001"],
      ["", "abandoned", 30, 0, "+12125550102", "3f0c0000-0000-4000-8000-000000000002"],
    ]);
    const sample = { name: "x", text, delimiter: ",", rows: sampleRows(text, ",") };
    expect(freeswitchCdr.detect(sample)).toBe(0.9);
    expect(asteriskCdr.detect(sample)).toBe(0);
  });
});

describe("freeswitch-cdr: mod_callcenter variables (fixtures/freeswitch-cdr/callcenter.csv)", () => {
  const r = run(readFileSync(fixture("freeswitch-cdr", "callcenter.csv"), "utf8"));

  it("member rows are contacts; the agent leg and the non-queue call are filtered; ledger balanced", () => {
    expect(r.rejects).toEqual([]);
    expect(r.ledger).toEqual({ read: 9, used: 6, rejected: 0, filtered: 3, duplicates: 0 });
    expect(filteredBy(r)).toEqual({ header: 1, "agent leg (cc_side=agent)": 1, "not a queue call (cc_side empty)": 1 });
    expect(r.filters.map((f) => f.line)).toEqual([1, 3, 8]);
  });

  it("queue = cc_queue, times from the cc epochs, outcome from cc_cancel_reason", () => {
    expect(r.contacts.map((c) => [c.line, c.queue, c.outcome, c.agent, c.arrivedMs - T0, c.answeredMs && c.answeredMs - T0, c.endedMs! - T0, c.waitSeconds, c.talkSeconds, c.disposition])).toEqual([
      [2, "support@default", "answered", "1001@default", 10 * S, 40 * S, 360 * S, 30, 320, "Terminated"],
      [4, "support@default", "timeout", "", 605 * S, null, 905 * S, 300, 0, "Cancel"],
      [5, "sales@default", "exit_empty", "", 1205 * S, null, 1265 * S, 60, 0, "Cancel"],
      [6, "sales@default", "exit_key", "", 1805 * S, null, 1850 * S, 45, 0, "Cancel"],
      [7, "support@default", "abandoned", "", 2405 * S, null, 2417 * S, 12, 0, "Cancel"],
      [9, "sales@default", "exit_key", "", 3005 * S, null, 3020 * S, 15, 0, "Cancel"],
    ]);
    expect(r.contacts[0]).toMatchObject({
      contactId: "5d2a1c00-0001-4b00-a000-000000000001", callId: "9b0e7d10-0001-4c00-8000-000000000001", customer: "+12125550101",
    });
  });

  it("rejects an unknown cancel reason, a missing joined epoch and an unknown side", () => {
    const text = readFileSync(fixture("freeswitch-cdr", "callcenter.csv"), "utf8").trimEnd().split("\n");
    const r2 = run(lines(
      text[0]!,
      text[3]!.replace('"TIMEOUT"', '"GAVE_UP"'),
      text[3]!.replace('"1772460605"', '""'),
      text[3]!.replace('"member"', '"supervisor"'),
      text[3]!.replace('"1772460905"', '"1772460600"'), // canceled before joined
    ));
    expect(r2.rejects.map((x) => [x.line, x.code])).toEqual([[2, "BAD_OUTCOME"], [3, "BAD_TIMESTAMP"], [4, "BAD_VALUE"], [5, "BAD_TIMESTAMP"]]);
    expect(r2.ledger).toEqual({ read: 5, used: 0, rejected: 4, filtered: 1, duplicates: 0 });
  });
});

describe("freeswitch-cdr: detection", () => {
  it("both fixtures are freeswitch-cdr, detected or forced", async () => {
    for (const f of ["Master.csv", "callcenter.csv"]) {
      const data = readFileSync(fixture("freeswitch-cdr", f));
      const a = await readWith(data, { zone: NY });
      const b = await readWith(data, { zone: NY, format: "freeswitch-cdr" });
      expect(a.result.source.id).toBe("freeswitch-cdr");
      const key = (c: Contact): unknown[] => [c.contactId, c.outcome, c.arrivedMs, c.waitSeconds, c.talkSeconds];
      expect(b.contacts.map(key)).toEqual(a.contacts.map(key));
      expect(a.contacts).toHaveLength(6);
      expect(a.tally.read).toBe(a.tally.used + a.tally.rejected + a.tally.filtered + a.tally.duplicates);
    }
  });
});

describe.skipIf(!hasShared)("real mod_cdr_csv samples (../shared/data/real/freeswitch-cdr-csv)", () => {
  sharedNote();

  it.each([
    // file, rows, hangup causes (PROVENANCE), outcomes (answered = answer_stamp set or billsec > 0)
    ["amitsrepo", 333, { NORMAL_CLEARING: 263, ORIGINATOR_CANCEL: 49, RECOVERY_ON_TIMER_EXPIRE: 16, INVALID_GATEWAY: 3, NORMAL_TEMPORARY_FAILURE: 1, INCOMPATIBLE_DESTINATION: 1 }, { answered: 56, abandoned: 273, not_joined: 4 }],
    ["nimatel", 273, { NORMAL_CLEARING: 256, RECOVERY_ON_TIMER_EXPIRE: 12, ORIGINATOR_CANCEL: 5 }, { answered: 51, abandoned: 222 }],
  ])("%s/Master.csv: %i rows, every one a contact", async (dir, rows, causes, outcomes) => {
    for (const format of [undefined, "freeswitch-cdr"]) {
      const o = await readWith(readFileSync(shared("real", "freeswitch-cdr-csv", dir, "Master.csv")), format ? { format } : {});
      expect(o.result.source.id).toBe("freeswitch-cdr");
      expect(o.tally.toJSON()).toMatchObject({ read: rows, used: rows, rejected: 0, filtered: 0, duplicates: 0 });
      expect(count(o.contacts, (c) => c.disposition)).toEqual(causes);
      expect(count(o.contacts, (c) => c.outcome)).toEqual(outcomes);
    }
  });

  it("kxingyunliushui/Master.csv: spreadsheet re-save (no quotes, Y/m/d H:MM); the uuid shared by the last three rows counts once", async () => {
    const o = await readWith(readFileSync(shared("real", "freeswitch-cdr-csv", "kxingyunliushui", "Master.csv")), { zone: "Asia/Shanghai" });
    expect(o.result.source.id).toBe("freeswitch-cdr");
    expect(o.tally.toJSON()).toMatchObject({ read: 10, used: 8, rejected: 0, filtered: 0, duplicates: 2 });
    // Row 1: 2020/2/10 22:41 in Shanghai (UTC+8) = 14:41Z; duration 11, billsec 9
    expect(o.contacts[0]).toMatchObject({ queue: "default", outcome: "answered", arrivedMs: Date.UTC(2020, 1, 10, 14, 41), waitSeconds: 2, talkSeconds: 9, customer: "1002" });
    expect(count(o.contacts, (c) => c.outcome)).toEqual({ answered: 7, abandoned: 1 }); // NO_USER_RESPONSE unanswered
  });
});
