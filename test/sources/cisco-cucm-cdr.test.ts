/**
 * cisco-cucm-cdr: CUCM CDR files. No real sample exists here: the fixture
 * (fixtures/cisco-cucm-cdr/cdr_sample) follows the column list of the CUCM CDR
 * Administration Guide. Expected contacts are worked out by hand from its rows:
 * T0 = 1772460000 s = 2026-03-02T14:00:00Z (09:00 in New York); call 1-1003 is
 * transferred from sales (5000) to support (5100), so it makes two contacts.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IntervalBuilder } from "../../src/engine/builder.js";
import { facts as F, type FactDef } from "../../src/engine/facts.js";
import type { RecordStore } from "../../src/engine/records.js";
import { sniffDelimiter } from "../../src/ingest/dialect.js";
import { readInput, sampleRows, type ReadResult } from "../../src/ingest/read.js";
import { Tally } from "../../src/ingest/tally.js";
import { TimeZone } from "../../src/model/time.js";
import avayaCms from "../../src/sources/avaya-cms.js";
import cucm from "../../src/sources/cisco-cucm-cdr.js";
import type { Sample, SourceDef } from "../../src/sources/define.js";
import { builtinSources } from "../../src/sources/index.js";
import { fixture } from "../helpers.js";
import { balanced, filteredBy, lines, runSource, tempDir } from "./run-source.js";

const S = 1000;
const T0 = 1772460000 * S;
const FIXTURE = readFileSync(fixture("cisco-cucm-cdr", "cdr_sample"), "utf8");

const sampleOf = (text: string): Sample => {
  const delimiter = sniffDelimiter(text);
  return { name: "sample", text, delimiter, rows: sampleRows(text, delimiter) };
};

/** A small CDR file: the required columns plus the optional ones this test sets. */
const COLS = [
  "cdrRecordType", "globalCallID_callManagerId", "globalCallID_callId", "origLegCallIdentifier", "destLegIdentifier",
  "dateTimeOrigination", "dateTimeConnect", "dateTimeDisconnect", "callingPartyNumber", "finalCalledPartyNumber",
  "origCause_value", "destCause_value", "destDeviceName", "huntPilotDN", "wasCallQueued", "totalWaitTimeInQueue",
] as const;
const HEADER = COLS.map((c) => `"${c}"`).join(",");
const TYPES = "INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,INTEGER,VARCHAR(50),VARCHAR(50),INTEGER,INTEGER,VARCHAR(129),VARCHAR(50),INTEGER,INTEGER";
type Row = Partial<Record<(typeof COLS)[number], string | number>>;
const E = 1772460000; // epoch seconds
const row = (r: Row): string =>
  COLS.map((c) => {
    const defaults: Row = {
      cdrRecordType: 1, globalCallID_callManagerId: 1, globalCallID_callId: 9, origLegCallIdentifier: 11, destLegIdentifier: 12,
      dateTimeOrigination: E, dateTimeConnect: 0, dateTimeDisconnect: E + 30, callingPartyNumber: "2125550100",
      finalCalledPartyNumber: "5000", origCause_value: 16, destCause_value: 0, destDeviceName: "", huntPilotDN: "5000",
      wasCallQueued: 0, totalWaitTimeInQueue: 0,
    };
    const v = r[c] ?? defaults[c] ?? "";
    return typeof v === "number" ? String(v) : `"${v}"`;
  }).join(",");

describe("cisco-cucm-cdr: the fixture", () => {
  const r = runSource(cucm, FIXTURE);

  it("maps each CDR to one contact", () => {
    expect(r.rejects).toEqual([]);
    expect(r.contacts[0]).toEqual({
      contactId: "1-1001-16777301-16777302",
      callId: "1-1001",
      queue: "5000", // huntPilotDN
      agent: "SEP00AABBCC2001", // destDeviceName
      customer: "2125550101",
      arrivedMs: T0,
      answeredMs: T0 + 15 * S,
      endedMs: T0 + 195 * S,
      outcome: "answered",
      waitSeconds: 12, // totalWaitTimeInQueue (wasCallQueued = 1), not connect - origination (15)
      talkSeconds: 180, // disconnect - connect
      holdSeconds: 0,
      acwSeconds: 0,
      transferred: false,
      disposition: "",
      rating: null,
      resolved: null,
      dims: null,
      file: "test-input",
      line: 3,
      rowCount: 1,
    });
    expect(r.contacts.map((c) => [c.line, c.callId, c.queue, c.agent, c.customer, c.outcome, c.waitSeconds, c.talkSeconds, c.transferred])).toEqual([
      [3, "1-1001", "5000", "SEP00AABBCC2001", "2125550101", "answered", 12, 180, false],
      [4, "1-1002", "5000", "", "2125550102", "abandoned", 45, 0, false], //       queued, caller hung up (16)
      [5, "1-1003", "5000", "SEP00AABBCC2002", "2125550103", "answered", 8, 240, true], // not queued: 128 - 120; on behalf of 10 = transfer
      [6, "1-1003", "5100", "SEP00AABBCC2101", "2125550103", "answered", 20, 300, false], // the same call in support
      [7, "1-1004", "2003", "", "2125550104", "not_joined", 0, 0, false], //       no hunt pilot: final called number; busy (17)
      [8, "1-1005", "2999", "", "2125550105", "not_joined", 0, 0, false], //       unallocated number (1)
      [9, "1-1006", "5100", "", "2125550106", "abandoned", 30, 0, false], //       no answer (19): 630 - 600
      [10, "1-1007", "5000", "SEP00AABBCC2001", "", "answered", 25, 35, false], // anonymous caller
      [11, "1-1008", "5100", "", "2125550108", "abandoned", 3, 0, false],
    ]);
    expect(r.contacts.map((c) => c.contactId)).toEqual([
      "1-1001-16777301-16777302", "1-1002-16777303-16777304", "1-1003-16777305-16777306", "1-1003-16777305-16777310",
      "1-1004-16777311-16777312", "1-1005-16777313-0", "1-1006-16777315-16777316", "1-1007-16777317-16777318", "1-1008-16777319-16777320",
    ]);
    expect(r.contacts[3]).toMatchObject({ arrivedMs: T0 + 368 * S, answeredMs: T0 + 392 * S, endedMs: T0 + 692 * S });
    expect(r.contacts[1]).toMatchObject({ arrivedMs: T0 + 60 * S, answeredMs: null, endedMs: T0 + 105 * S });
  });

  it("filters the header and the type row; the ledger balances", () => {
    expect(r.filters).toEqual([
      { line: 1, reason: "header", rows: 1 },
      { line: 2, reason: "type row", rows: 1 },
    ]);
    expect(r.ledger).toEqual({ read: 11, used: 9, rejected: 0, filtered: 2, duplicates: 0 });
    expect(balanced(r.ledger)).toBe(true);
  });
});

describe("cisco-cucm-cdr: outcomes from dateTimeConnect and Q.850 causes", () => {
  it("not connected: 0/16/18/19/31 only is an abandon, any other cause is not_joined; connected is answered whatever the cause", () => {
    const causes: [number, number][] = [[16, 0], [0, 16], [0, 18], [0, 19], [31, 0], [0, 0], [0, 17], [1, 0], [16, 17], [0, 21], [0, 34], [0, 41], [393216, 0]];
    const r = runSource(cucm, lines(
      HEADER, TYPES,
      ...causes.map(([o, d], i) => row({ globalCallID_callId: 100 + i, origCause_value: o, destCause_value: d })),
      row({ globalCallID_callId: 200, dateTimeConnect: E + 10, destCause_value: 17, destDeviceName: "SEP1" }),
    ));
    expect(r.rejects).toEqual([]);
    expect(r.contacts.map((c) => c.outcome)).toEqual([
      "abandoned", "abandoned", "abandoned", "abandoned", "abandoned", "abandoned",
      "not_joined", "not_joined", "not_joined", "not_joined", "not_joined", "not_joined", "not_joined",
      "answered",
    ]);
    // Abandons wait disconnect - origination (30 s here); not_joined waits 0 (not offered).
    expect(r.contacts.map((c) => c.waitSeconds)).toEqual([30, 30, 30, 30, 30, 30, 0, 0, 0, 0, 0, 0, 0, 10]);
    expect(r.contacts.at(-1)).toMatchObject({ answeredMs: T0 + 10 * S, talkSeconds: 20, agent: "SEP1" });
  });

  it("queue falls back to finalCalledPartyNumber, agent to finalCalledPartyNumber; aliases apply; --by columns become dimensions", () => {
    const r = runSource(cucm, lines(
      HEADER, TYPES,
      row({ huntPilotDN: "", finalCalledPartyNumber: "2001", dateTimeConnect: E + 5 }),
      row({ globalCallID_callId: 10, destDeviceName: "SEP00AABBCC2001", dateTimeConnect: E + 5 }),
    ), { aliases: new Map([["SEP00AABBCC2001", "alice"]]), dims: ["callingPartyNumber", "nosuch"] });
    expect(r.contacts.map((c) => [c.queue, c.agent, c.waitSeconds])).toEqual([["2001", "2001", 5], ["5000", "alice", 5]]);
    expect(r.contacts[0]!.dims).toEqual({ callingPartyNumber: "2125550100" });
  });
});

describe("cisco-cucm-cdr: traps", () => {
  it("filters start records, CMRs, repeated header + type row of concatenated files, blank lines", () => {
    const r = runSource(cucm, lines(
      HEADER, TYPES,
      row({ cdrRecordType: 0 }), //                      3
      row({ globalCallID_callId: 1 }), //                4 ok
      row({ cdrRecordType: 2 }), //                      5
      "", //                                             6
      `\uFEFF${HEADER}`, //                               7 second file, behind a BOM of its own
      TYPES, //                                          8
      row({ globalCallID_callId: 2 }), //                9 ok
      row({ cdrRecordType: 7 }), //                     10
    ));
    expect(r.filters.map((f) => [f.line, f.reason])).toEqual([
      [1, "header"], [2, "type row"], [3, "cdrRecordType 0 (start record)"], [5, "cdrRecordType 2 (CMR record)"],
      [6, "blank line"], [7, "repeated header"], [8, "type row"], [10, "cdrRecordType 7 (not a CDR)"],
    ]);
    expect(r.contacts.map((c) => c.line)).toEqual([4, 9]);
    expect(r.ledger).toEqual({ read: 10, used: 2, rejected: 0, filtered: 8, duplicates: 0 });
  });

  it("rejects bad rows at their lines with codes", () => {
    const r = runSource(cucm, lines(
      HEADER, TYPES,
      row({}), //                                                                   3 ok
      `1,1,2,${E}`, //                                                              4 ragged
      row({ cdrRecordType: "x" }), //                                               5
      row({ dateTimeOrigination: "abc" }), //                                       6
      row({ dateTimeOrigination: 0 }), //                                           7
      row({ dateTimeDisconnect: 0 }), //                                            8
      row({ dateTimeDisconnect: E - 1 }), //                                        9 before origination
      row({ dateTimeConnect: E + 31 }), //                                         10 after disconnect
      row({ dateTimeConnect: -5 }), //                                             11
      row({ destCause_value: "busy" }), //                                         12
      row({ wasCallQueued: 1, totalWaitTimeInQueue: "" }), //                      13 queued without a wait
      row({ wasCallQueued: 1, totalWaitTimeInQueue: -2 }), //                      14
      row({ huntPilotDN: "", finalCalledPartyNumber: "" }), //                     15
      row({ wasCallQueued: 1, totalWaitTimeInQueue: 7 }), //                       16 ok
    ));
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([
      [4, "RAGGED_ROW"],
      [5, "BAD_NUMBER"],
      [6, "BAD_NUMBER"],
      [7, "BAD_TIMESTAMP"],
      [8, "BAD_TIMESTAMP"],
      [9, "BAD_TIMESTAMP"],
      [10, "BAD_TIMESTAMP"],
      [11, "BAD_NUMBER"],
      [12, "BAD_NUMBER"],
      [13, "BAD_NUMBER"],
      [14, "BAD_NUMBER"],
      [15, "MISSING_VALUE"],
    ]);
    expect(r.rejects[0]!.raw).toBe(`1,1,2,${E}`);
    expect(r.contacts.map((c) => [c.line, c.waitSeconds])).toEqual([[3, 30], [16, 7]]);
    expect(r.ledger).toEqual({ read: 16, used: 2, rejected: 12, filtered: 2, duplicates: 0 });
    expect(filteredBy(r)).toEqual({ header: 1, "type row": 1 });
  });

  it("a header without the CDR columns (a CMR file) is MISSING_COLUMN", () => {
    const cmr = lines(
      '"cdrRecordType","globalCallID_callManagerId","globalCallID_callId","nodeId","directoryNum","callIdentifier","dateTimeStamp","numberPacketsLost","jitter","latency"',
      "INTEGER,INTEGER,INTEGER,INTEGER,VARCHAR(50),INTEGER,INTEGER,INTEGER,INTEGER,INTEGER",
    );
    expect(() => runSource(cucm, cmr)).toThrow(expect.objectContaining({ code: "MISSING_COLUMN", message: expect.stringContaining("dateTimeOrigination") }));
    expect(cucm.detect(sampleOf(cmr))).toBe(0);
  });
});

describe("cisco-cucm-cdr: detection", () => {
  const others = builtinSources.filter((x) => x.id !== "cisco-cucm-cdr");
  const theirSamples: [string, string][] = [
    ["queue_log text", lines("1772460000|1772460000.1|sales|NONE|ENTERQUEUE||+12125550101|1", "1772460012|1772460000.1|sales|PJSIP/1001|CONNECT|12|x|3")],
    ["queue_log realtime CSV", lines("time,callid,queuename,agent,event,data1,data2,data3,data4,data5", "1772460000,c1,sales,NONE,ENTERQUEUE,,+1,1,,")],
    ["PBXware queue_log", lines("uid,date_time,callid,queue_name,type,event,param1,param2,param3,entpos,expos,htime,ttime,time", '1,1543527289,NONE,NONE,NONE,QUEUESTART,,,,0,0,0,0,"2018-11-29 16:34:49"')],
    ["cckpi contacts", readFileSync(fixture("contacts", "calls.csv"), "utf8")],
    ["cckpi intervals", lines("level,interval_start,interval_minutes,queue,agent,offered", "contact,2026-03-02T09:00:00-05:00,30,sales,,3")],
    ["asterisk fixture", readFileSync(fixture("asterisk", "queue_log"), "utf8")],
    ["avaya call_rec", readFileSync(fixture("avaya-cms", "call_rec.csv"), "utf8")],
    ["asterisk Master.csv", readFileSync(fixture("asterisk-cdr", "Master.csv"), "utf8")],
    ["asterisk CDR table", readFileSync(fixture("asterisk-cdr", "cdr-table.csv"), "utf8")],
    ["freeswitch Master.csv", readFileSync(fixture("freeswitch-cdr", "Master.csv"), "utf8")],
    ["freeswitch callcenter", readFileSync(fixture("freeswitch-cdr", "callcenter.csv"), "utf8")],
    ["avaya interval", readFileSync(fixture("avaya-cms", "interval.csv"), "utf8")],
  ];

  it.each(theirSamples)("scores 0 on %s", (_name, text) => {
    expect(cucm.detect(sampleOf(text))).toBe(0);
  });

  it("wins on its fixture, above every other source (and with a BOM)", () => {
    for (const text of [FIXTURE, `\uFEFF${FIXTURE}`]) {
      const mine = cucm.detect(sampleOf(text));
      expect(mine).toBeGreaterThan(0.96);
      for (const s of [...others, avayaCms]) expect(s.detect(sampleOf(text))).toBeLessThan(mine);
    }
  });
});

/** Sum of one fact over the records of a level (and queue, when given). */
function total(store: RecordStore, level: "contact" | "call", key: string, queue?: string): number {
  const i = store.factIndex(key);
  let n = 0;
  store.keyList().forEach((k, r) => {
    if (k.level === level && (queue === undefined || k.queue === queue)) n += store.valuesOf(r)[i]!;
  });
  return n;
}

async function readThrough(def: SourceDef, files: [string, string][], factDefs: FactDef[]) {
  const dir = tempDir();
  try {
    const builder = new IntervalBuilder({
      zone: TimeZone.of("America/New_York"), intervalMinutes: 30, attribution: "arrival", fromMs: null, toMs: null,
      facts: factDefs, keepQueue: true, keepAgent: false, dims: [],
    });
    const tally = new Tally("skip", null, null);
    const results: ReadResult[] = [];
    for (const [name, text] of files) {
      const path = join(dir, name);
      writeFileSync(path, text);
      results.push(await readInput(
        { name, path, bytes: null },
        {
          sources: [def], format: null, delimiter: null, encoding: null, fallbackEncoding: "gb18030",
          zone: TimeZone.of("America/New_York"), agentAliases: null, dims: [], warn: () => {},
        },
        tally,
        { contact: (c, check) => builder.add(c, check), record: (rec) => builder.addRecord(rec) },
      ));
    }
    return { store: builder.finish(), tally, results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("cisco-cucm-cdr: through readInput and the engine", () => {
  const want = [F.offered, F.answered, F.abandoned, F.notJoined, F.answeredWithin(20), F.waitAnswered, F.talk, F.handled];

  it("is detected among its peers, reads the file and the engine counts per queue and per call", async () => {
    const { store, tally, results } = await readThrough(cucm, [["cdr_StandAloneCluster_01_202603021400_1001", FIXTURE]], want);
    expect(results[0]!.source.id).toBe("cisco-cucm-cdr");
    expect(tally.toJSON()).toMatchObject({ read: 11, used: 9, rejected: 0, filtered: 2, duplicates: 0 });
    expect(tally.balanced()).toBe(true);
    // sales 5000: 1001 answered (12 s), 1002 abandoned, 1003 answered (8 s), 1007 answered (25 s)
    expect(["offered", "answered", "abandoned", "answered_within_20s", "wait_answered_s", "talk_s"].map((k) => total(store, "contact", k, "5000"))).toEqual([4, 3, 1, 2, 45, 455]);
    // support 5100: 1003 answered (20 s), 1006 and 1008 abandoned
    expect(["offered", "answered", "abandoned", "answered_within_20s", "wait_answered_s", "talk_s"].map((k) => total(store, "contact", k, "5100"))).toEqual([3, 1, 2, 1, 20, 300]);
    // 2003 busy, 2999 unallocated: not offered
    expect(total(store, "contact", "not_joined")).toBe(2);
    expect(total(store, "contact", "offered")).toBe(7);
    // Calls: 1-1003 counts once (its last contact: answered in support), wait summed 8 + 20.
    expect(total(store, "call", "offered")).toBe(6);
    expect(total(store, "call", "answered")).toBe(3);
    expect(total(store, "call", "wait_answered_s")).toBe(12 + 28 + 25);
  });

  it("the same CDRs in two overlapping files are counted once, as duplicates", async () => {
    const { store, tally } = await readThrough(cucm, [["cdr_a", FIXTURE], ["cdr_b", FIXTURE]], want);
    expect(tally.toJSON()).toMatchObject({ read: 22, used: 9, rejected: 0, filtered: 4, duplicates: 9 });
    expect(total(store, "contact", "offered")).toBe(7);
  });
});
