/**
 * avaya-cms: CMS External Call History call records and split/skill interval
 * data. No real sample exists here: fixtures/avaya-cms/call_rec.csv and
 * interval.csv follow the CMS database item names (mission-anchors §5.7).
 * Expected values are worked out by hand: 2026-03-02 09:00:00 in New York (EST,
 * UTC-5) is 14:00:00Z = 1772460000 s.
 *
 * The interval shape hands each row over twice (contact level, then a call-level
 * copy with rows = 0, so the row is used once). `counting()` plays the part of a
 * context that honours that row count; see the note in src/sources/avaya-cms.ts.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IntervalBuilder } from "../../src/engine/builder.js";
import { facts as F, type FactDef } from "../../src/engine/facts.js";
import type { IntervalRecordRow, RecordStore } from "../../src/engine/records.js";
import { sniffDelimiter } from "../../src/ingest/dialect.js";
import { readInput, sampleRows, type ReadResult } from "../../src/ingest/read.js";
import { Tally } from "../../src/ingest/tally.js";
import { TimeZone } from "../../src/model/time.js";
import aht from "../../src/metrics/aht.js";
import asa from "../../src/metrics/asa.js";
import serviceLevel from "../../src/metrics/service-level.js";
import avaya from "../../src/sources/avaya-cms.js";
import cucm from "../../src/sources/cisco-cucm-cdr.js";
import type { Sample, SourceDef } from "../../src/sources/define.js";
import { builtinSources } from "../../src/sources/index.js";
import { fixture } from "../helpers.js";
import { balanced, lines, runSource, tempDir, type Ran } from "./run-source.js";

const S = 1000;
const T0 = 1772460000 * S; // 2026-03-02 09:00:00 America/New_York
const NY = "America/New_York";
const CALLS = readFileSync(fixture("avaya-cms", "call_rec.csv"), "utf8");
const INTERVALS = readFileSync(fixture("avaya-cms", "interval.csv"), "utf8");

const sampleOf = (text: string): Sample => {
  const delimiter = sniffDelimiter(text);
  return { name: "sample", text, delimiter, rows: sampleRows(text, delimiter) };
};

/** The source behind a context whose emitRecord takes a row count: rows-0 copies go to `copy`, uncounted. */
function counting(def: SourceDef, copy: (r: IntervalRecordRow) => void, seen?: [string, number | undefined][]): SourceDef {
  return {
    ...def,
    create: (ctx) =>
      def.create({
        ...ctx,
        emitRecord: (r: IntervalRecordRow, line: number, rows?: number) => {
          seen?.push([r.level, rows]);
          if (rows === 0) copy(r);
          else ctx.emitRecord(r, line);
        },
      }),
  };
}

const run = (text: string, o: Parameters<typeof runSource>[2] = {}): Ran & { copies: IntervalRecordRow[] } => {
  const copies: IntervalRecordRow[] = [];
  const r = runSource(counting(avaya, (c) => copies.push(c)), text, { zone: NY, ...o });
  return { ...r, copies };
};

describe("avaya-cms call records (ECH call_rec)", () => {
  it("reads the fixture: one contact per segment", () => {
    const r = run(CALLS);
    expect(r.rejects).toEqual([]);
    expect(r.contacts[0]).toEqual({
      contactId: `7001/1@${T0}`,
      callId: "7001",
      queue: "10", // dispsplit
      agent: "4001", // anslogin
      customer: "2125550101", // calling_pty
      arrivedMs: T0, // segstart, local
      answeredMs: T0 + 20 * S, // segstart + disptime
      endedMs: T0 + 250 * S, // + talk 200 + hold 30 = segstop 09:04:10
      outcome: "answered",
      waitSeconds: 16, // queuetime 12 + ringtime 4
      talkSeconds: 200,
      holdSeconds: 30,
      acwSeconds: 45,
      transferred: false,
      disposition: "",
      rating: null,
      resolved: null,
      dims: null,
      file: "test-input",
      line: 2,
      rowCount: 1,
    });
    expect(r.contacts.map((c) => [c.line, c.callId, c.queue, c.agent, c.outcome, c.waitSeconds, c.talkSeconds, c.holdSeconds, c.acwSeconds, c.transferred])).toEqual([
      [2, "7001", "10", "4001", "answered", 16, 200, 30, 45, false],
      [3, "7002", "10", "", "abandoned", 40, 0, 0, 0, false],
      [4, "7003", "10", "4002", "answered", 8, 120, 0, 20, true], //  transferred to split 20...
      [5, "7003", "20", "4101", "answered", 30, 300, 60, 30, false], // ...the same call's second segment
      [6, "7004", "20", "", "timeout", 180, 0, 0, 0, false], //        4 IFLOW
      [7, "7005", "20", "", "not_joined", 0, 0, 0, 0, false], //       5 FBUSY
      [10, "7008", "20", "4101", "answered", 6, 90, 0, 10, false], //  no queue time, rang 6 s
      [11, "7009", "10", "", "not_joined", 0, 0, 0, 0, false], //      6 FDISC; dispsplit 0: split1
    ]);
    expect(r.contacts.map((c) => [c.arrivedMs, c.answeredMs, c.endedMs])).toEqual([
      [T0, T0 + 20 * S, T0 + 250 * S],
      [T0 + 300 * S, null, T0 + 344 * S],
      [T0 + 600 * S, T0 + 610 * S, T0 + 730 * S],
      [T0 + 730 * S, T0 + 760 * S, T0 + 1120 * S],
      [T0 + 1200 * S, null, T0 + 1385 * S],
      [T0 + 1500 * S, null, T0 + 1502 * S],
      [T0 + 1860 * S, T0 + 1866 * S, T0 + 1956 * S],
      [T0 + 2400 * S, null, T0 + 2520 * S],
    ]);
    expect(r.contacts[3]!.contactId).toBe(`7003/2@${T0 + 730 * S}`);
    expect(r.filters.map((f) => [f.line, f.reason])).toEqual([
      [1, "header"],
      [8, "disposition 1 CONN (non-ACD call, not a queue contact)"],
      [9, "no split (VDN/vector-only call, never queued)"],
    ]);
    expect(r.ledger).toEqual({ read: 11, used: 8, rejected: 0, filtered: 3, duplicates: 0 });
    expect(balanced(r.ledger)).toBe(true);
  });

  const HEAD = "callid,segment,segstart,queuetime,ringtime,talktime,ansholdtime,acwtime,call_disp,dispsplit,anslogin,calling_pty,transferred";

  it("maps every disposition code; unknown codes are BAD_OUTCOME", () => {
    const codes = ["1", "2", "3", "4", "5", "6", "7", "02", "0", "8", "", "ANS"];
    const r = run(lines(HEAD, ...codes.map((d, i) => `${800 + i},1,2026-03-02 10:00:00,10,2,60,0,5,${d},30,4001,555,0`)));
    expect(r.contacts.map((c) => [c.line, c.outcome])).toEqual([
      [3, "answered"], [4, "abandoned"], [5, "timeout"], [6, "not_joined"], [7, "not_joined"], [9, "answered"],
    ]);
    expect(r.filters.map((f) => [f.line, f.reason.slice(0, 13)])).toEqual([[1, "header"], [2, "disposition 1"], [8, "disposition 7"]]);
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[10, "BAD_OUTCOME"], [11, "BAD_OUTCOME"], [12, "BAD_OUTCOME"], [13, "BAD_OUTCOME"]]);
    // Without disptime: answered = segstart + wait (12 s); abandoned ends at segstart + wait.
    expect(r.contacts[0]).toMatchObject({ waitSeconds: 12, answeredMs: T0 + 3600 * S + 12 * S, endedMs: T0 + 3600 * S + 72 * S, agent: "4001", acwSeconds: 5 });
    expect(r.contacts[1]).toMatchObject({ waitSeconds: 12, endedMs: T0 + 3600 * S + 12 * S, agent: "", talkSeconds: 0, acwSeconds: 0 });
    expect(r.ledger).toEqual({ read: 13, used: 6, rejected: 4, filtered: 3, duplicates: 0 });
  });

  it("prefers segstart_utc when present (a blank cell falls back to segstart in --tz)", () => {
    const r = run(lines(
      "callid,segment,segstart,segstart_utc,queuetime,disposition,dispsplit",
      "1,1,2026-03-02 09:00:00,2026-03-02 14:00:05,5,3,10",
      "2,1,2026-03-02 09:00:00,,5,3,10",
    ));
    expect(r.contacts.map((c) => c.arrivedMs)).toEqual([T0 + 5 * S, T0]);
  });

  it("rejects bad rows at their lines; filters repeated headers (behind a BOM too) and blank lines", () => {
    const r = run(lines(
      HEAD,
      "1,1,2026-03-02 09:00:00,10,2,60,0,5,2,30,4001,555,1", //     2 ok
      "2,1,2026-03-02 09:00:00,10,2,60,0,5,2,30", //                3 ragged
      "3,1,03/02/2026 09:00,10,2,60,0,5,2,30,4001,555,0", //        4 not ISO
      "4,1,2026-11-01 01:30:00,10,2,60,0,5,2,30,4001,555,0", //     5 happens twice in New York
      "5,1,2026-03-02 09:00:00,10,2,1:20,0,5,2,30,4001,555,0", //   6 talktime not seconds
      "6,1,2026-03-02 09:00:00,-3,2,60,0,5,2,30,4001,555,0", //     7 negative
      "7,1,2026-03-02 09:00:00,10,2,60,0,5,2,30,4001,555,maybe", // 8
      ",1,2026-03-02 09:00:00,10,2,60,0,5,2,30,4001,555,0", //      9 no callid
      "", //                                                       10
      `\uFEFF${HEAD}`, //                                          11
      "8,1,2026-03-02 09:00:00,10,2,60,0,5,2,30,PJSIP/4002,555,y", // 12 ok
    ));
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([
      [3, "RAGGED_ROW"], [4, "BAD_TIMESTAMP"], [5, "DST_AMBIGUOUS"], [6, "BAD_NUMBER"], [7, "BAD_NUMBER"], [8, "BAD_FLAG"], [9, "MISSING_VALUE"],
    ]);
    expect(r.filters.map((f) => [f.line, f.reason])).toEqual([[1, "header"], [10, "blank line"], [11, "repeated header"]]);
    expect(r.contacts.map((c) => [c.line, c.agent, c.transferred])).toEqual([[2, "4001", true], [12, "4002", true]]);
    expect(r.ledger).toEqual({ read: 12, used: 2, rejected: 7, filtered: 3, duplicates: 0 });
  });

  it("keeps --by columns as dimensions and applies agent aliases", () => {
    const r = run(CALLS, { dims: ["dispvdn", "nosuch"], aliases: new Map([["4001", "alice"]]) });
    expect(r.contacts[0]).toMatchObject({ agent: "alice", dims: { dispvdn: "3001" } });
  });

  it("a call header without dispsplit is MISSING_COLUMN", () => {
    expect(() => run(lines("callid,segstart,disposition,queuetime", "1,2026-03-02 09:00:00,2,5"))).toThrow(
      expect.objectContaining({ code: "MISSING_COLUMN", message: expect.stringContaining("dispsplit") }),
    );
  });
});

const facts10at9 = {
  offered: 20, answered: 17, abandoned: 3, handled: 17, wait_answered_s: 170, wait_abandoned_s: 75, talk_s: 5100, acw_s: 680,
  hold_s: 300, wait_max_s: 55, answered_within_20s: 14,
};

describe("avaya-cms split/skill intervals", () => {
  it("reads the fixture: one record per row, and a call-level copy of it", () => {
    const seen: [string, number | undefined][] = [];
    const copies: IntervalRecordRow[] = [];
    const r = runSource(counting(avaya, (c) => copies.push(c), seen), INTERVALS, { zone: NY });
    expect(r.rejects).toEqual([]);
    expect(r.records).toEqual([
      { line: 2, record: { level: "contact", startMs: T0, minutes: 30, queue: "10", agent: "", dims: {}, facts: facts10at9 } },
      {
        line: 3,
        record: {
          level: "contact", startMs: T0 + 1800 * S, minutes: 30, queue: "10", agent: "", dims: {},
          facts: { offered: 12, answered: 12, abandoned: 0, handled: 12, wait_answered_s: 60, wait_abandoned_s: 0, talk_s: 3000, acw_s: 400, hold_s: 0, wait_max_s: 9, answered_within_20s: 12 },
        },
      },
      {
        line: 4,
        record: {
          level: "contact", startMs: T0, minutes: 30, queue: "20", agent: "", dims: {},
          // split 20's SERVICELEVEL is 30 s: ACCEPTABLE is answered within 30 s
          facts: { offered: 8, answered: 6, abandoned: 1, handled: 6, wait_answered_s: 150, wait_abandoned_s: 20, talk_s: 1800, acw_s: 240, hold_s: 120, wait_max_s: 62, answered_within_30s: 4 },
        },
      },
      {
        line: 5,
        record: {
          level: "contact", startMs: T0 + 1800 * S, minutes: 30, queue: "20", agent: "", dims: {},
          facts: { offered: 0, answered: 0, abandoned: 0, handled: 0, wait_answered_s: 0, wait_abandoned_s: 0, talk_s: 0, acw_s: 0, hold_s: 0, wait_max_s: 0, answered_within_30s: 0 },
        },
      },
    ]);
    expect(copies).toEqual(r.records.map((x) => ({ ...x.record, level: "call" })));
    // Each row: the contact-level record counted, its call-level copy handed over with rows = 0.
    expect(seen).toEqual([["contact", undefined], ["call", 0], ["contact", undefined], ["call", 0], ["contact", undefined], ["call", 0], ["contact", undefined], ["call", 0]]);
    expect(r.filters).toEqual([{ line: 1, reason: "header", rows: 1 }]);
    expect(r.ledger).toEqual({ read: 5, used: 4, rejected: 0, filtered: 1, duplicates: 0 });
  });

  it("reads interval_start / skill / interval headers, start times 0930, 09:30, 0 and SQL dates", () => {
    const a = run(lines("interval_start,skill,interval,callsoffered,acdcalls", "2026-03-02T09:00:00,7,15,3,2", "2026-03-02T14:15:00Z,7,15,1,1"));
    expect(a.records.map((x) => [x.record.startMs, x.record.minutes, x.record.queue, x.record.facts])).toEqual([
      [T0, 15, "7", { offered: 3, answered: 2, handled: 2 }],
      [T0 + 900 * S, 15, "7", { offered: 1, answered: 1, handled: 1 }],
    ]);
    const b = run(lines(
      "ROW_DATE;STARTTIME;INTRVL;SPLIT;CALLSOFFERED;ABNCALLS",
      "2026-03-02;0930;30;1;4;1",
      "2026-03-02;09:30;30;1;4;1",
      "2026-03-02 00:00:00;0;30;1;;",
      "2026-03-02;2400;30;1;1;0", //  5: no such time
      "2026-03-08;230;30;1;1;0", //   6: skipped by spring-forward in New York
      "3/2/2026;900;30;1;1;0", //     7
      "2026-03-02;900;0;1;1;0", //    8: 0 minutes
      "2026-03-02;900;30;1;x;0", //   9
      "2026-03-02;900;30;;1;0", //   10: no split
      "Totals;;;;25;3", //           11
      "2026-03-02;900;30;1;1", //    12: ragged
    ));
    expect(b.records.map((x) => [x.line, x.record.startMs, x.record.facts])).toEqual([
      [2, T0 + 1800 * S, { offered: 4, abandoned: 1 }],
      [3, T0 + 1800 * S, { offered: 4, abandoned: 1 }],
      [4, T0 - 9 * 3600 * S, { offered: 0, abandoned: 0 }], // midnight; blank cells are 0
    ]);
    expect(b.rejects.map((x) => [x.line, x.code])).toEqual([
      [5, "BAD_TIMESTAMP"], [6, "DST_GAP"], [7, "BAD_TIMESTAMP"], [8, "BAD_NUMBER"], [9, "BAD_NUMBER"], [10, "MISSING_VALUE"], [12, "RAGGED_ROW"],
    ]);
    expect(b.filters.map((f) => [f.line, f.reason])).toEqual([[1, "header"], [11, "totals row"]]);
    expect(b.ledger).toEqual({ read: 12, used: 3, rejected: 7, filtered: 2, duplicates: 0 });
    expect(b.copies).toHaveLength(3);
  });

  it("ACCEPTABLE needs SERVICELEVEL: blank threshold and no calls gives no SL fact, a count without one is rejected", () => {
    const r = run(lines(
      "row_date,starttime,intrvl,split,acdcalls,acceptable,servicelevel",
      "2026-03-02,900,30,1,5,4,20",
      "2026-03-02,930,30,1,0,0,", //   no threshold, nothing answered: no answered_within fact (not made up)
      "2026-03-02,1000,30,1,5,4,", //  4
      "2026-03-02,1030,30,1,5,4,x", // 5
      "2026-03-02,1100,30,1,5,4,15.5",
      "row_date,starttime,intrvl,split,acdcalls,acceptable,servicelevel", // 7
    ));
    expect(r.records.map((x) => x.record.facts)).toEqual([
      { answered: 5, handled: 5, answered_within_20s: 4 },
      { answered: 0, handled: 0 },
      { answered: 5, handled: 5, answered_within_15_5s: 4 },
    ]);
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[4, "MISSING_VALUE"], [5, "BAD_NUMBER"]]);
    expect(r.filters.map((f) => [f.line, f.reason])).toEqual([[1, "header"], [7, "repeated header"]]);

    const w = run(lines("row_date,starttime,intrvl,split,acdcalls,acceptable", "2026-03-02,900,30,1,5,4"));
    expect(w.records[0]!.record.facts).toEqual({ answered: 5, handled: 5 });
    expect(w.warnings).toEqual([expect.stringContaining("ACCEPTABLE without SERVICELEVEL")]);
  });

  it("an interval header without the interval length is MISSING_COLUMN; a header of neither shape too", () => {
    expect(() => run(lines("row_date,starttime,split,callsoffered,acdcalls", "2026-03-02,900,1,3,2"))).toThrow(
      expect.objectContaining({ code: "MISSING_COLUMN", message: expect.stringContaining("intrvl") }),
    );
    expect(() => run(lines("queue,arrived_at,outcome", "sales,2026-03-02 09:00:00,answered"))).toThrow(expect.objectContaining({ code: "MISSING_COLUMN" }));
  });
});

describe("avaya-cms detection", () => {
  const theirSamples: [string, string][] = [
    ["queue_log text", lines("1772460000|1772460000.1|sales|NONE|ENTERQUEUE||+12125550101|1", "1772460012|1772460000.1|sales|PJSIP/1001|CONNECT|12|x|3")],
    ["queue_log realtime CSV", lines("time,callid,queuename,agent,event,data1,data2,data3,data4,data5", "1772460000,c1,sales,NONE,ENTERQUEUE,,+1,1,,")],
    ["PBXware queue_log", lines("uid,date_time,callid,queue_name,type,event,param1,param2,param3,entpos,expos,htime,ttime,time", '1,1543527289,NONE,NONE,NONE,QUEUESTART,,,,0,0,0,0,"2018-11-29 16:34:49"')],
    ["cckpi contacts", readFileSync(fixture("contacts", "calls.csv"), "utf8")],
    ["cckpi intervals", lines("level,interval_start,interval_minutes,queue,agent,offered,answered", "contact,2026-03-02T09:00:00-05:00,30,sales,,3,2")],
    ["asterisk fixture", readFileSync(fixture("asterisk", "queue_log"), "utf8")],
    ["CUCM CDR", readFileSync(fixture("cisco-cucm-cdr", "cdr_sample"), "utf8")],
    ["asterisk Master.csv", readFileSync(fixture("asterisk-cdr", "Master.csv"), "utf8")],
    ["asterisk CDR table", readFileSync(fixture("asterisk-cdr", "cdr-table.csv"), "utf8")],
    ["freeswitch Master.csv", readFileSync(fixture("freeswitch-cdr", "Master.csv"), "utf8")],
    ["freeswitch callcenter", readFileSync(fixture("freeswitch-cdr", "callcenter.csv"), "utf8")],
  ];

  it.each(theirSamples)("scores 0 on %s", (_name, text) => {
    expect(avaya.detect(sampleOf(text))).toBe(0);
  });

  it.each([["call_rec.csv", CALLS], ["interval.csv", INTERVALS]])("wins on %s, above every other source", (_name, text) => {
    const mine = avaya.detect(sampleOf(text));
    expect(mine).toBeGreaterThanOrEqual(0.95);
    for (const s of [...builtinSources.filter((x) => x.id !== "avaya-cms" && x.id !== "cisco-cucm-cdr"), cucm]) expect(s.detect(sampleOf(text))).toBeLessThan(mine);
  });
});

/* ---- through readInput and the engine ---- */

function partsOf(store: RecordStore, level: "contact" | "call", fs: Record<string, FactDef>, queue?: string): Record<string, number> {
  const p: Record<string, number> = {};
  store.keyList().forEach((k, r) => {
    if (k.level !== level || (queue !== undefined && k.queue !== queue)) return;
    for (const [name, f] of Object.entries(fs)) p[name] = (p[name] ?? 0) + store.valuesOf(r)[store.factIndex(f.key)]!;
  });
  return p;
}

async function readThrough(text: string, name: string, factDefs: FactDef[]) {
  const dir = tempDir();
  try {
    const zone = TimeZone.of(NY);
    const builder = new IntervalBuilder({ zone, intervalMinutes: 30, attribution: "arrival", fromMs: null, toMs: null, facts: factDefs, keepQueue: true, keepAgent: false, dims: [] });
    const tally = new Tally("skip", null, null);
    const path = join(dir, name);
    writeFileSync(path, text);
    // The real sources and the rows-0 copies straight to the builder, as readInput will once emitRecord takes a row count.
    const sources = [...builtinSources.filter((x) => x.id !== "avaya-cms" && x.id !== "cisco-cucm-cdr"), cucm, counting(avaya, (c) => builder.addRecord(c))];
    const result: ReadResult = await readInput(
      { name, path, bytes: null },
      { sources, format: null, delimiter: null, encoding: null, fallbackEncoding: "gb18030", zone, agentAliases: null, dims: [], warn: () => {} },
      tally,
      { contact: (c, check) => builder.add(c, check), record: (rec) => builder.addRecord(rec) },
    );
    return { result, tally, builder, store: builder.finish() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("avaya-cms through readInput and the engine", () => {
  const asaF = asa.facts({});
  const ahtF = aht.facts({});
  const slOpts = serviceLevel.options.parse({ formula: "answered-within/answered" });
  const slF = serviceLevel.facts(slOpts);

  it("intervals: ASA and AHT per split, call-level totals; the ledger balances", async () => {
    const { result, tally, builder, store } = await readThrough(INTERVALS, "interval.csv", [F.offered, ...Object.values(asaF), ...Object.values(ahtF)]);
    expect(result.source.id).toBe("avaya-cms");
    expect(tally.toJSON()).toMatchObject({ read: 5, used: 4, rejected: 0, filtered: 1, duplicates: 0 });
    expect(tally.balanced()).toBe(true);
    expect(builder.missingFacts.size).toBe(0);
    // split 10: ANSTIME (170 + 60) / ACDCALLS (17 + 12); AHT (ACDTIME 8100 + HOLDACDTIME 300 + ACWTIME 1080) / 29
    expect(asa.value(partsOf(store, "contact", asaF, "10"), {}, {})).toBeCloseTo(230 / 29, 12);
    expect(aht.value(partsOf(store, "contact", ahtF, "10"), {}, {})).toBeCloseTo(9480 / 29, 12);
    // split 20: 150 / 6 and (1800 + 120 + 240) / 6
    expect(asa.value(partsOf(store, "contact", asaF, "20"), {}, {})).toBe(25);
    expect(aht.value(partsOf(store, "contact", ahtF, "20"), {}, {})).toBe(360);
    // Rows across splits read the call-level copies: per-split counts summed.
    expect(partsOf(store, "call", { offered: F.offered, answered: F.answered })).toEqual({ offered: 40, answered: 35 });
    expect(asa.value(partsOf(store, "call", asaF), {}, {})).toBeCloseTo(380 / 35, 12);
  });

  it("a fact the file lacks is missing, not made up: SL at 20 s has no figure for split 20 (SERVICELEVEL 30), short abandons none at all", async () => {
    const { builder } = await readThrough(INTERVALS, "interval.csv", [...Object.values(slF), F.abandonedWithin(5)]);
    expect([...builder.missingFacts].sort()).toEqual(["abandoned_within_5s", "answered_within_20s"]);
    // Only split 10 (threshold 20 s): SL = ACCEPTABLE (14 + 12) / ACDCALLS (17 + 12).
    const only10 = INTERVALS.split("\n").filter((l, i) => i === 0 || l.includes(",1,10,")).join("\n");
    const r = await readThrough(only10, "interval.csv", Object.values(slF));
    expect(r.builder.missingFacts.size).toBe(0);
    expect(serviceLevel.value(partsOf(r.store, "contact", slF, "10"), slOpts, {})).toBeCloseTo(26 / 29, 12);
  });

  it("call records: detected, the ledger balances, a transfer counts once across splits", async () => {
    const want = [F.offered, F.answered, F.abandoned, F.timeout, F.notJoined, F.waitAnswered, F.talk, F.hold, F.acw, F.handled];
    const { result, tally, store } = await readThrough(CALLS, "call_rec.csv", want);
    expect(result.source.id).toBe("avaya-cms");
    expect(tally.toJSON()).toMatchObject({ read: 11, used: 8, rejected: 0, filtered: 3, duplicates: 0 });
    const q = (queue: string) => partsOf(store, "contact", { offered: F.offered, answered: F.answered, abandoned: F.abandoned, timeout: F.timeout, nj: F.notJoined, wait: F.waitAnswered, talk: F.talk, hold: F.hold, acw: F.acw }, queue);
    expect(q("10")).toEqual({ offered: 3, answered: 2, abandoned: 1, timeout: 0, nj: 1, wait: 24, talk: 320, hold: 30, acw: 65 });
    expect(q("20")).toEqual({ offered: 3, answered: 2, abandoned: 0, timeout: 1, nj: 1, wait: 36, talk: 390, hold: 60, acw: 40 });
    // Calls 7001, 7002, 7003 (once: answered in split 20, wait 8 + 30), 7004, 7008 offered.
    expect(partsOf(store, "call", { offered: F.offered, answered: F.answered, wait: F.waitAnswered })).toEqual({ offered: 5, answered: 3, wait: 16 + 38 + 6 });
  });
});
