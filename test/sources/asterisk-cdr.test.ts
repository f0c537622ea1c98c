/**
 * asterisk-cdr: Master.csv, FreePBX cdr dumps and CDR tables with a header. Expected
 * instants are worked out by hand: 2026-03-02 09:00:00 in America/New_York (EST,
 * UTC-5) is 14:00:00Z = 1772460000 s (the fixtures' uniqueids are those epochs).
 * The source is not registered in src/sources/index.ts yet: detection and readInput
 * are driven here with it added to the built-in list.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sniffDelimiter } from "../../src/ingest/dialect.js";
import { rankSources, readInput, sampleRows } from "../../src/ingest/read.js";
import { Tally, type RejectRow } from "../../src/ingest/tally.js";
import type { Contact } from "../../src/model/contact.js";
import { TimeZone } from "../../src/model/time.js";
import asteriskCdr from "../../src/sources/asterisk-cdr.js";
import freeswitchCdr from "../../src/sources/freeswitch-cdr.js";
import type { Sample, SourceDef } from "../../src/sources/define.js";
import { builtinSources } from "../../src/sources/index.js";
import { fixture, hasShared, shared, sharedNote } from "../helpers.js";
import { balanced, filteredBy, lines, runSource, tempDir, type Ran } from "./run-source.js";

const S = 1000;
const T0 = 1772460000 * S; // 2026-03-02 09:00:00 America/New_York
const NY = "America/New_York";
/** The registry without the CDR sources, to show what they change. */
const BASE: readonly SourceDef[] = builtinSources.filter((x) => x.id !== "asterisk-cdr" && x.id !== "freeswitch-cdr");
const SOURCES: readonly SourceDef[] = [...BASE, asteriskCdr, freeswitchCdr];

const run = (text: string, o: Parameters<typeof runSource>[2] = {}): Ran => runSource(asteriskCdr, text, { zone: NY, ...o });

/** Detection over the built-in sources plus the two CDR sources. */
function detectWith(text: string, sources: readonly SourceDef[] = SOURCES): { id: string; score: number }[] {
  const delimiter = sniffDelimiter(text);
  const sample: Sample = { name: "sample", text, delimiter, rows: sampleRows(text, delimiter) };
  return rankSources(sources, sample).map((x) => ({ id: x.source.id, score: x.score }));
}

/** readInput from a temp file with the CDR sources registered; contact ids deduped as the engine does. */
async function readWith(data: string | Buffer, o: { format?: string; zone?: string; name?: string } = {}) {
  const dir = tempDir();
  const path = join(dir, o.name ?? "input.csv");
  try {
    writeFileSync(path, data);
    const rejects: RejectRow[] = [];
    const tally = new Tally("skip", null, (x) => rejects.push(x));
    const contacts: Contact[] = [];
    const seen = new Set<string>();
    const warnings: string[] = [];
    const result = await readInput(
      { name: path, path, bytes: null },
      {
        sources: SOURCES, format: o.format ?? null, delimiter: null, encoding: null, fallbackEncoding: "gb18030",
        zone: TimeZone.of(o.zone ?? "UTC"), agentAliases: null, dims: [], warn: (m) => warnings.push(m),
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
    return { result, tally, contacts, rejects, warnings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const count = (cs: readonly Contact[], f: (c: Contact) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const c of cs) out[f(c)] = (out[f(c)] ?? 0) + 1;
  return out;
};

describe("asterisk-cdr: Master.csv (fixtures/asterisk-cdr/Master.csv, 21 fields)", () => {
  const r = run(readFileSync(fixture("asterisk-cdr", "Master.csv"), "utf8"));

  it("one contact per row, every outcome, ledger balanced", () => {
    expect(r.rejects).toEqual([]);
    expect(r.ledger).toEqual({ read: 6, used: 6, rejected: 0, filtered: 0, duplicates: 0 });
    expect(balanced(r.ledger)).toBe(true);
    expect(r.contacts.map((c) => [c.line, c.queue, c.outcome, c.disposition])).toEqual([
      [1, "support", "answered", "ANSWERED"],
      [2, "support", "abandoned", "NO ANSWER"],
      [3, "sales", "not_joined", "BUSY"],
      [4, "sales", "not_joined", "FAILED"],
      [5, "sales", "not_joined", "CONGESTION"],
      [6, "sales", "answered", "ANSWERED"],
    ]);
  });

  it("reads every column of an answered row", () => {
    // start 09:00:00, answer 09:00:20, end 09:05:20; duration 320, billsec 300 -> wait 20, talk 300
    expect(r.contacts[0]).toEqual({
      contactId: "1772460000.1#1",
      callId: "1772460000.1",
      queue: "support",
      agent: "1001", // PJSIP/1001-00000002
      customer: "+12125550101",
      arrivedMs: T0,
      answeredMs: T0 + 20 * S,
      endedMs: T0 + 320 * S,
      outcome: "answered",
      waitSeconds: 20,
      talkSeconds: 300,
      holdSeconds: 0,
      acwSeconds: 0,
      transferred: false,
      disposition: "ANSWERED",
      rating: null,
      resolved: null,
      dims: null,
      file: "test-input",
      line: 1,
      rowCount: 1,
    });
  });

  it("unanswered rows: no agent, wait = duration - billsec, ended = end", () => {
    const [, bob, carol, dave, erin, transfer] = r.contacts;
    // NO ANSWER: 09:10:00 -> 09:10:45 (answer empty and unquoted)
    expect(bob).toMatchObject({ agent: "", answeredMs: null, arrivedMs: T0 + 600 * S, endedMs: T0 + 645 * S, waitSeconds: 45, talkSeconds: 0 });
    // BUSY: the dstchannel is there but nobody answered: no agent
    expect(carol).toMatchObject({ agent: "", arrivedMs: T0 + 1200 * S, endedMs: T0 + 1202 * S, waitSeconds: 2 });
    // FAILED with an empty src: customer from clid's <...>
    expect(dave).toMatchObject({ customer: "2125550104", arrivedMs: T0 + 1800 * S, endedMs: T0 + 1800 * S, waitSeconds: 0 });
    expect(erin).toMatchObject({ outcome: "not_joined", waitSeconds: 1 });
    // Second leg of call 1 (linkedid 1772460000.1): 09:05:20 -> answer 09:05:30 -> 09:08:30
    expect(transfer).toMatchObject({
      contactId: "1772460320.8#8", callId: "1772460000.1", agent: "1003", arrivedMs: T0 + 320 * S,
      answeredMs: T0 + 330 * S, endedMs: T0 + 510 * S, waitSeconds: 10, talkSeconds: 180,
    });
  });

  it("keeps named columns as dimensions when asked for", () => {
    const d = run(readFileSync(fixture("asterisk-cdr", "Master.csv"), "utf8"), { dims: ["dst", "lastapp", "region"] });
    expect(d.contacts.map((c) => c.dims)).toEqual([
      { dst: "500", lastapp: "Queue" }, { dst: "500", lastapp: "Queue" }, { dst: "600", lastapp: "Dial" },
      { dst: "600", lastapp: "Dial" }, { dst: "600", lastapp: "Dial" }, { dst: "700", lastapp: "Queue" },
    ]);
  });
});

describe("asterisk-cdr: optional Master.csv tails are told apart by the field count", () => {
  const base = '"acct","2125550101","500","support","""A"" <2125550101>","SIP/trunk-1","SIP/1001-2","Queue","support","2026-03-02 09:00:00","2026-03-02 09:00:05","2026-03-02 09:01:05",65,60,"ANSWERED","DOCUMENTATION"';
  it.each([
    [16, "", "test-input:1", "test-input:1"],
    [17, ',"1772460000.1"', "1772460000.1", "1772460000.1"], // loguniqueid
    [17, ',"some note"', "test-input:1", "test-input:1"], // loguserfield only
    [18, ',"1772460000.1","note"', "1772460000.1", "1772460000.1"],
    [19, ',"","1772459990.0",4', "test-input:1", "1772459990.0"], // newcdrcolumns only: no uniqueid
    [20, ',"pbx-1772460000.1","","1772459990.0",4', "pbx-1772460000.1#4", "1772459990.0"],
    [21, ',"1772460000.1","note","","1772459990.0",4', "1772460000.1#4", "1772459990.0"],
  ])("%i fields (%s)", (n, tail, contactId, callId) => {
    const r = run(lines(base + tail));
    expect(r.rejects).toEqual([]);
    expect(r.contacts).toHaveLength(1);
    expect(r.contacts[0]).toMatchObject({ contactId, callId, agent: "1001", waitSeconds: 5, talkSeconds: 60, arrivedMs: T0, answeredMs: T0 + 5 * S, endedMs: T0 + 65 * S });
    expect(base.split(",").length + (tail.match(/,/g)?.length ?? 0)).toBe(n); // the row really has n fields (no commas inside the fields)
  });

  it("rejects bad rows with codes and lines; the ledger balances", () => {
    const ok = (disp: string, start = "2026-03-02 09:00:00", dur = "65", bill = "60"): string =>
      `"","2125550101","500","support","x","SIP/t-1","SIP/1001-2","Queue","q","${start}","","2026-03-02 09:01:05",${dur},${bill},"${disp}","DOCUMENTATION","1.1"`;
    const r = run(lines(
      ok("ANSWERED"), //                                     1 ok
      ok("HUNGUP"), //                                       2 unknown disposition
      '"","2125550101","500","support","x"', //              3 five fields
      ok("ANSWERED", "03/02/2026 09:00:00"), //              4 m/d/Y is never guessed
      ok("NO ANSWER", "2026-03-08 02:30:00"), //             5 skipped by spring-forward in New York
      ok("NO ANSWER", "2026-11-01 01:30:00"), //             6 happens twice
      ok("ANSWERED", "2026-03-02 09:00:00", "6x"), //        7
      ok("ANSWERED", "2026-03-02 09:00:00", "65", "-1"), //  8
      ok("no answer"), //                                    9 ok: any case
      ok("ANSWERED", "2026-03-02 09:02:00"), //             10 end before start
      ok("ANSWERED").replace('"support"', '""'), //          11 empty dcontext
    ));
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([
      [2, "BAD_OUTCOME"], [3, "RAGGED_ROW"], [4, "BAD_TIMESTAMP"], [5, "DST_GAP"], [6, "DST_AMBIGUOUS"],
      [7, "BAD_NUMBER"], [8, "BAD_NUMBER"], [10, "BAD_TIMESTAMP"], [11, "MISSING_VALUE"],
    ]);
    expect(r.rejects[1]!.raw).toBe('"","2125550101","500","support","x"');
    // Line 1: answer empty -> answered = start + 65 - 60; line 9: NO ANSWER with billsec 60 keeps wait = 5 (duration - billsec)
    expect(r.contacts.map((c) => [c.line, c.outcome, c.answeredMs, c.waitSeconds])).toEqual([[1, "answered", T0 + 5 * S, 5], [9, "abandoned", null, 5]]);
    expect(r.ledger).toEqual({ read: 11, used: 2, rejected: 9, filtered: 0, duplicates: 0 });
  });

  it("a first row that is no CDR stops the file with MISSING_COLUMN", () => {
    expect(() => run(lines("a,b,c", "1,2,3"))).toThrow(expect.objectContaining({ code: "MISSING_COLUMN" }));
  });
});

describe("asterisk-cdr: CDR table with a header (fixtures/asterisk-cdr/cdr-table.csv, PBXware columns)", () => {
  const text = readFileSync(fixture("asterisk-cdr", "cdr-table.csv"), "utf8");

  it("columns by name; NULL is empty; answered/ended from the durations", () => {
    const r = run(text);
    expect(r.ledger).toEqual({ read: 5, used: 4, rejected: 0, filtered: 1, duplicates: 0 });
    expect(r.filters).toEqual([{ line: 1, reason: "header", rows: 1 }]);
    const T = T0 + 3600 * S; // 10:00:00
    expect(r.contacts.map((c) => [c.contactId, c.callId, c.queue, c.agent, c.customer, c.outcome, c.arrivedMs - T, c.answeredMs && c.answeredMs - T, c.endedMs! - T, c.waitSeconds, c.talkSeconds])).toEqual([
      // 130 s, billsec 118: answered at +12, ended at +130
      ["1772463600.10#10", "1772463600.10", "IT", "1109", "+13135550111", "answered", 0, 12 * S, 130 * S, 12, 118],
      ["1772463900.12#12", "1772463900.12", "IT", "", "+13135550112", "abandoned", 300 * S, null, 361 * S, 61, 0],
      ["1772464200.13#13", "1772464200.13", "IT", "", "", "not_joined", 600 * S, null, 600 * S, 0, 0], // clid and src NULL
      ["1772464500.14#14", "1772464500.14", "IT", "", "+13135550114", "not_joined", 900 * S, null, 900 * S, 0, 0],
    ]);
  });

  it("repeated headers are filtered; ragged rows rejected; a header without dcontext stops the file", () => {
    const [head, ...rows] = text.trimEnd().split("\n");
    const r = run(lines(head!, rows[0]!, `\uFEFF${head!}`, rows[1]!, "1,NULL,x"));
    expect(r.filters.map((f) => [f.line, f.reason])).toEqual([[1, "header"], [3, "repeated header"]]);
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[5, "RAGGED_ROW"]]);
    expect(r.ledger).toEqual({ read: 5, used: 2, rejected: 1, filtered: 2, duplicates: 0 });
    expect(() => run(lines("calldate,src,dst,duration,billsec,disposition", "2026-03-02 09:00:00,1,2,3,3,ANSWERED"))).toThrow(
      expect.objectContaining({ code: "MISSING_COLUMN", message: expect.stringContaining("dcontext") }),
    );
  });
});

describe("asterisk-cdr: FreePBX cdr dump (25 fields, d/m/Y calldate)", () => {
  const row = (calldate: string, disp = "ANSWERED"): string =>
    `"${calldate}","""User 6"" <110>","110","105","from-internal","SIP/110-00000073","SIP/105-00000074","Dial","SIP/105,60","30","25","${disp}","3",,"1504524607.135",,,,"110","User 6",,,,"0",`;
  it("d/m/Y is read day first only in this layout; ISO works too", () => {
    const r = run(lines(row("4/9/2017 12:30:07"), row("2017-09-04 12:30:07"), row("13/9/2017 08:00:00", "NO ANSWER"), row("9/13/2017 08:00:00")), { zone: "Europe/Lisbon" });
    // 4 September 2017 12:30:07 WEST (UTC+1) = 11:30:07Z; wait 5, talk 25
    const t = Date.UTC(2017, 8, 4, 11, 30, 7);
    expect(r.contacts.map((c) => [c.line, c.arrivedMs, c.answeredMs, c.agent, c.customer, c.callId])).toEqual([
      [1, t, t + 5 * S, "105", "110", "1504524607.135"],
      [2, t, t + 5 * S, "105", "110", "1504524607.135"],
      [3, Date.UTC(2017, 8, 13, 7, 0, 0), null, "", "110", "1504524607.135"],
    ]);
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[4, "BAD_TIMESTAMP"]]); // month 13
    // Master.csv never reads d/m/Y
    const m = run(lines('"","1","2","ctx","x","SIP/a-1","","Hangup","","4/9/2017 12:30:07","","4/9/2017 12:30:17",10,0,"NO ANSWER","DOCUMENTATION"'));
    expect(m.rejects.map((x) => x.code)).toEqual(["BAD_TIMESTAMP"]);
  });
});

describe("asterisk-cdr: detection", () => {
  it("Master.csv, FreePBX dumps and CDR tables are asterisk-cdr", () => {
    expect(detectWith(readFileSync(fixture("asterisk-cdr", "Master.csv"), "utf8"))).toEqual([{ id: "asterisk-cdr", score: 0.9 }]);
    expect(detectWith(readFileSync(fixture("asterisk-cdr", "cdr-table.csv"), "utf8"))).toEqual([{ id: "asterisk-cdr", score: 0.9 }]);
  });

  it("the fixtures of other formats and the texts of detect.test.ts keep their source", () => {
    const texts = [
      lines("1772460000|1772460000.1|sales|NONE|ENTERQUEUE||+12125550101|1"),
      lines("time,callid,queuename,agent,event,data1,data2,data3,data4,data5", "1772460000,c1,sales,NONE,ENTERQUEUE,,+1,1,,"),
      lines("queue,arrived_at,outcome", "sales,2026-03-02 09:00:00,answered"),
      lines("level,interval_start,interval_minutes,queue,agent,offered", "contact,2026-03-02T09:00:00-05:00,30,sales,,3"),
      lines("hello world", "this is not an export"),
      lines("date,calls,agents", "2026-03-02,100,5"),
      readFileSync(fixture("asterisk", "queue_log"), "utf8"),
      readFileSync(fixture("contacts", "calls.csv"), "utf8"),
    ];
    for (const t of texts) expect(detectWith(t)[0]?.id).toBe(detectWith(t, BASE)[0]?.id);
  });

  it("through readInput: detected and forced give the same contacts", async () => {
    const data = readFileSync(fixture("asterisk-cdr", "Master.csv"));
    const a = await readWith(data, { zone: NY });
    const b = await readWith(data, { zone: NY, format: "asterisk-cdr" });
    expect(a.result.source.id).toBe("asterisk-cdr");
    expect(a.contacts).toHaveLength(6);
    expect(b.contacts.map((c) => c.contactId)).toEqual(a.contacts.map((c) => c.contactId));
    expect(a.tally.toJSON()).toMatchObject({ read: 6, used: 6, rejected: 0, filtered: 0, duplicates: 0 });
  });

  it("a file read twice (overlapping exports) counts each CDR once", async () => {
    const text = readFileSync(fixture("asterisk-cdr", "Master.csv"), "utf8");
    const o = await readWith(text + text, { zone: NY });
    expect(o.tally.toJSON()).toMatchObject({ read: 12, used: 6, duplicates: 6 });
  });
});

/** Every file under a folder, recursively. */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe.skipIf(!hasShared)("real CDR samples (../shared/data/real)", () => {
  sharedNote();

  it("detection: the CDR samples go to the CDR sources; every other shared file keeps its source", () => {
    const cdr: Record<string, string> = {
      "asterisk-cdr-csv/mineevburyat/Master.csv": "asterisk-cdr",
      "freepbx-g9telecom/cdr.csv": "asterisk-cdr",
      "freepbx-g9telecom/cdr__1504525205ucoip.g9telecom.pt.csv": "asterisk-cdr",
      "pbxware-voipreports1/cdr.csv": "asterisk-cdr",
      "freeswitch-cdr-csv/amitsrepo/Master.csv": "freeswitch-cdr",
      "freeswitch-cdr-csv/nimatel/Master.csv": "freeswitch-cdr",
      "freeswitch-cdr-csv/kxingyunliushui/Master.csv": "freeswitch-cdr",
    };
    const files = [...walk(shared("real")), ...walk(shared("csv-edge"))];
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const text = readFileSync(f).subarray(0, 64 * 1024).toString("latin1");
      const rel = f.slice(shared("real").length + 1);
      const want = cdr[rel] ?? detectWith(text, BASE)[0]?.id;
      expect([rel, detectWith(text)[0]?.id]).toEqual([rel, want]);
    }
  });

  it("asterisk-cdr-csv/mineevburyat/Master.csv: 84 CDRs (21 fields, UTC), NO ANSWER 46, ANSWERED 37, BUSY 1", async () => {
    for (const format of [undefined, "asterisk-cdr"]) {
      const o = await readWith(readFileSync(shared("real", "asterisk-cdr-csv", "mineevburyat", "Master.csv")), { zone: "UTC", ...(format ? { format } : {}) });
      expect(o.result.source.id).toBe("asterisk-cdr");
      expect(o.tally.toJSON()).toMatchObject({ read: 84, used: 84, rejected: 0, filtered: 0, duplicates: 0 });
      expect(count(o.contacts, (c) => c.disposition)).toEqual({ "NO ANSWER": 46, ANSWERED: 37, BUSY: 1 });
      expect(count(o.contacts, (c) => c.outcome)).toEqual({ abandoned: 46, answered: 37, not_joined: 1 });
      // Read as UTC, no CDR starts before its channel's epoch uniqueid (prefixed ones included); 78 start with it.
      const uid = (c: Contact): number => Math.trunc(+c.contactId.replace(/^.*-/, "").split("#")[0]!);
      expect(o.contacts.filter((c) => c.arrivedMs / S < uid(c))).toEqual([]);
      expect(o.contacts.filter((c) => c.arrivedMs / S === uid(c))).toHaveLength(78);
      expect(o.contacts[0]).toMatchObject({ arrivedMs: 1706368044 * S, queue: "stadion-pstn", outcome: "answered", talkSeconds: 27, waitSeconds: 0 });
      // ring-all legs share a linkedid: 84 legs, fewer calls
      expect(new Set(o.contacts.map((c) => c.callId)).size).toBe(36);
      expect(o.contacts.some((c) => c.contactId.startsWith("mainserverdss-"))).toBe(true);
    }
  });

  it("freepbx-g9telecom/cdr.csv: 856 CDRs, ANSWERED 747, NO ANSWER 64, FAILED 44, BUSY 1; d/m/Y agrees with the uniqueid epochs", async () => {
    for (const format of [undefined, "asterisk-cdr"]) {
      const o = await readWith(readFileSync(shared("real", "freepbx-g9telecom", "cdr.csv")), { zone: "Europe/Lisbon", ...(format ? { format } : {}) });
      expect(o.result.source.id).toBe("asterisk-cdr");
      expect(o.tally.toJSON()).toMatchObject({ read: 856, used: 856, rejected: 0, filtered: 0, duplicates: 0 });
      expect(count(o.contacts, (c) => c.disposition)).toEqual({ ANSWERED: 747, "NO ANSWER": 64, FAILED: 44, BUSY: 1 });
      expect(count(o.contacts, (c) => c.outcome)).toEqual({ answered: 747, abandoned: 64, not_joined: 45 });
      // Read day first in Europe/Lisbon (WEST, UTC+1), every calldate is its uniqueid's epoch: d/m is right.
      for (const c of o.contacts) expect(c.arrivedMs / S).toBe(Math.trunc(+c.contactId));
    }
  });

  it("pbxware-voipreports1/cdr.csv as exported (clid quotes unescaped): 1,000 contacts, ANSWERED 646, NO ANSWER 250, FAILED 92, BUSY 12", async () => {
    const data = readFileSync(shared("real", "pbxware-voipreports1", "cdr.csv"));
    for (const format of [undefined, "asterisk-cdr"]) {
      const o = await readWith(data, { zone: NY, ...(format ? { format } : {}) });
      expect(o.result.source.id).toBe("asterisk-cdr");
      // phpMyAdmin wrote clid `"Name" <1115>` as `""Name" <1115>"`; the scanner reads the inner quotes as literal.
      expect(o.tally.toJSON()).toMatchObject({ read: 1001, used: 1000, rejected: 0, filtered: 1, duplicates: 0 });
      expect(count(o.contacts, (c) => c.disposition)).toEqual({ ANSWERED: 646, "NO ANSWER": 250, FAILED: 92, BUSY: 12 });
    }
  });

  it("pbxware-voipreports1/cdr.csv with the clid quotes escaped: 1,000 contacts, ANSWERED 646, NO ANSWER 250, FAILED 92, BUSY 12", () => {
    // Test-side repair only (RFC 4180 doubling of the clid's inner quotes); nothing is written anywhere.
    const text = readFileSync(shared("real", "pbxware-voipreports1", "cdr.csv"), "utf8").replace(/,""([^"\n]*)" <([^>\n]*)>",/g, ',"""$1"" <$2>",');
    const r = run(text);
    expect(r.ledger).toEqual({ read: 1001, used: 1000, rejected: 0, filtered: 1, duplicates: 0 });
    expect(count(r.contacts, (c) => c.disposition)).toEqual({ ANSWERED: 646, "NO ANSWER": 250, FAILED: 92, BUSY: 12 });
    expect(count(r.contacts, (c) => c.outcome)).toEqual({ answered: 646, abandoned: 250, not_joined: 104 });
    expect(new Set(r.contacts.map((c) => c.contactId)).size).toBe(1000);
    // Line 2: calldate 2018-11-29 20:19:34 EST = uniqueid 1543540774; 37 s, billsec 32; dstchannel NULL -> no agent
    expect(r.contacts[0]).toMatchObject({
      contactId: "1543540774.0#0", callId: "1543540774.0", queue: "default", agent: "", customer: "1115",
      arrivedMs: 1543540774 * S, answeredMs: 1543540779 * S, endedMs: 1543540811 * S, waitSeconds: 5, talkSeconds: 32,
    });
    // Line 3: agent from dstchannel PJSIP/VIOrig-00000002 (a trunk: an outbound call, kept as a contact)
    expect(r.contacts[1]).toMatchObject({ agent: "VIOrig", queue: "default", talkSeconds: 20, waitSeconds: 1 });
    // calldate is local (UTC-5): read in New York time no CDR starts before its channel's epoch uniqueid; 672 start with it.
    const uid = (c: Contact): number => Math.trunc(+c.contactId.split("#")[0]!);
    expect(r.contacts.filter((c) => c.arrivedMs / S < uid(c))).toEqual([]);
    expect(r.contacts.filter((c) => c.arrivedMs / S === uid(c))).toHaveLength(672);
    expect(filteredBy(r)).toEqual({ header: 1 });
  });

  it("freepbx-g9telecom CDR report download: header read, rows with an unquoted `\"User 10\" <114>` clid refused by the scanner", async () => {
    const o = await readWith(readFileSync(shared("real", "freepbx-g9telecom", "cdr__1504525205ucoip.g9telecom.pt.csv")), { zone: "Europe/Lisbon" });
    expect(o.result.source.id).toBe("asterisk-cdr");
    expect(o.tally.toJSON()).toMatchObject({ read: 101, used: 0, rejected: 100, filtered: 1 });
  });
});
