/**
 * asterisk-queue-log: the text dialect, the realtime-table CSV dialect and three
 * real samples. Every expectation below is worked out by hand from the lines and
 * mission-anchors §5.1 (data fields per event); the comments show the arithmetic.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Contact } from "../../src/model/contact.js";
import queueLog from "../../src/sources/asterisk-queue-log.js";
import { fixture, hasShared, shared, sharedNote } from "../helpers.js";
import { balanced, filteredBy, lines, readText, runSource, type Ran } from "./run-source.js";

const S = 1000; // ms per second
const OPEN = "call still open at the end of the data";

const run = (text: string, o: Parameters<typeof runSource>[2] = {}): Ran => runSource(queueLog, text, o);

function byCall(r: Ran, callId: string, queue?: string): Contact {
  const c = r.contacts.find((x) => x.callId === callId && (queue === undefined || x.queue === queue));
  if (!c) throw new Error(`no contact for ${callId}${queue ? ` in ${queue}` : ""}`);
  return c;
}

describe("queue_log through the record view and through field strings alike", () => {
  // readInput hands text lines to rowView (offsets, time read from characters); row
  // takes the other dialects and odd lines. Both must give the same result, line for line.
  const texts: [string, string][] = [
    ["fixture queue_log", readFileSync(fixture("asterisk", "queue_log"), "utf8")],
    ["fixture queue_log_agents", readFileSync(fixture("asterisk", "queue_log_agents"), "utf8")],
    // Data fields read in place on the view path (numbers from the characters), as strings on the other.
    ["odd data fields", [
      "1772459400|d1|sales|NONE|ENTERQUEUE|| 5551234 |1", "1772459412|d1|sales|SIP/1001|CONNECT| 12 |d1.1|2",
      "1772459500|d1|sales|SIP/1001|COMPLETEAGENT|12.|88.5|1", "1772459410|d2|sales|NONE|ENTERQUEUE||556|1",
      "1772459420|d2|sales|SIP/1002|CONNECT|.5|d2.1|1", "1772459600|d2|sales|SIP/1002|COMPLETECALLER|1e1|0x10|1",
      "1772459430|d3|sales|NONE|ENTERQUEUE||557|1", "1772459440|d3|sales|NONE|ABANDON|1|1|abc",
      "1772459450|d4|sales|NONE|ENTERQUEUE||558|1", "1772459460|d4|sales|NONE|EXITWITHKEY|5|1|1| 7",
      "1772459470|d5|sales|NONE|ENTERQUEUE||559|1", "1772459480|d5|sales|NONE|EXITWITHTIMEOUT|1|1|",
      "1772459485|d6|sales|NONE|ENTERQUEUE||560|1", "1772459486|d6|sales|SIP/1004|CONNECT|-3|d6.1|1",
      "1772459490|NONE|sales|SIP/1003|PAUSE| lunch", "1772459495|NONE|NONE|Agent/1003|AGENTLOGOFF|SIP/1003| 600",
    ].join("\n") + "\n"],
    // Keys read in place (hashed and compared in the text) or as strings: spaces around them,
    // events in lower case or unknown, names whose hashes collide, a callid renamed by a transfer.
    ["spaced keys, odd events, colliding names", [
      "1772460000| k1 |sales|NONE|ENTERQUEUE||551|1", "1772460005|k1| sales |SIP/1001 |CONNECT|5|k1.1|1",
      "1772460010|k1|sales|SIP/1001| completecaller |5|5|1", "1772460020|k2|c1062789|NONE|enterqueue||552|1",
      "1772460021|k2|c1279192|NONE|ENTERQUEUE||553|1", "1772460030|k2|c1062789|c1062789|CONNECT|10|k2.1|1",
      "1772460031|k2|c1279192|c1279192|CONNECT|10|k2.2|1", "1772460040|k2|c1279192|c1279192|COMPLETEAGENT|10|9|1",
      "1772460041|k2|c1062789|c1062789|COMPLETEAGENT|10|11|1", "1772460050|1772460012440.24|sales|NONE|ENTERQUEUE||554|1",
      "1772460051|1772460013187.92|sales|NONE|ENTERQUEUE||555|1", "1772460060|1772460013187.92|sales|NONE|ABANDON|1|1|9",
      "1772460070|1772460012440.24|sales|SIP/1002|CONNECT|20|x.1|1", "1772460071|k3|sales|NONE|MYEVENT|x",
      "1772460080|k4|sales|NONE|ENTERQUEUE||556|1", "1772460090|k4|sales|SIP/1002|CONNECT|10|k4.1|1",
      "1772460100|k5|sales|SIP/1002|ATTENDEDTRANSFER|k5|2|10|10|1", "1772460101|k5|sales|NONE|ENTERQUEUE||557|1",
      "1772460190|1772460012440.24|sales|SIP/1002|COMPLETECALLER|20|120|1",
    ].join("\n") + "\n"],
    ["odd lines", "1772459400|c1|sales|NONE|ENTERQUEUE||555|1\n 1772459401 |c1|sales|SIP/1001|CONNECT|1|c1.1|2\n1772459402|c1|sales|SIP/1001|COMPLETECALLER|1|x|1\n1772459403|c2||NONE|ENTERQUEUE||556\n1772459404|c3|sales\n1772459405.5|c4|sales|NONE|FULL||557\n"],
    ...(hasShared
      ? ([
          ["real asterisk-queue_log-small", readFileSync(shared("real", "asterisk-queue_log-small", "queue_log"), "utf8")],
          ["real pbxware table", readFileSync(shared("real", "pbxware-voipreports1", "queue_log.csv"), "utf8")],
        ] as [string, string][])
      : []),
  ];
  it.each(texts)("%s", (_name, text) => {
    expect(run(text, { via: "view" })).toEqual(run(text, { via: "row" }));
  });
});

describe("queue_log text dialect", () => {
  it("answered: wait is CONNECT's holdtime, talk is COMPLETE*'s calltime", () => {
    const r = run(lines(
      "1772460000|c1|sales|NONE|ENTERQUEUE||+12125550101|1",
      "1772460015|c1|sales|PJSIP/1001|CONNECT|12|c1.2|3", //   15 s after ENTERQUEUE, but holdtime says 12
      "1772460317|c1|sales|PJSIP/1001|COMPLETECALLER|12|300|1", // 302 s after CONNECT, calltime says 300
      "1772460400|c2|support|NONE|ENTERQUEUE||+12125550102|1",
      "1772460405|c2|support|SIP/1002|CONNECT|5|c2.2|1",
      "1772460495|c2|support|SIP/1002|COMPLETEAGENT|5|90|1",
    ));
    expect(r.contacts).toHaveLength(2);
    expect(byCall(r, "c1")).toMatchObject({
      contactId: "c1@sales@1772460000000",
      queue: "sales",
      agent: "1001",
      customer: "+12125550101",
      arrivedMs: 1772460000 * S,
      answeredMs: 1772460015 * S,
      endedMs: 1772460317 * S,
      outcome: "answered",
      waitSeconds: 12,
      talkSeconds: 300,
      holdSeconds: 0,
      acwSeconds: 0,
      transferred: false,
      line: 1,
      rowCount: 3,
    });
    expect(byCall(r, "c2")).toMatchObject({ agent: "1002", outcome: "answered", waitSeconds: 5, talkSeconds: 90, endedMs: 1772460495 * S, rowCount: 3, line: 4 });
    expect(r.ledger).toEqual({ read: 6, used: 6, rejected: 0, filtered: 0, duplicates: 0 });
  });

  it("unanswered ends: ABANDON, EXITWITHTIMEOUT, EXITEMPTY (3rd field), EXITWITHKEY (4th field), WITHDRAW", () => {
    const r = run(lines(
      "1772461000|u1|sales|NONE|ENTERQUEUE||+12125550103|1",
      "1772461004|u1|sales|NONE|ABANDON|1|1|3", // waittime 3 (4 s elapsed: the field wins)
      "1772461100|u2|sales|NONE|ENTERQUEUE||+12125550104|2",
      "1772461400|u2|sales|NONE|EXITWITHTIMEOUT|1|2|300",
      "1772461500|u3|support|NONE|ENTERQUEUE||anonymous|1",
      "1772461530|u3|support|NONE|EXITWITHKEY|5|2|1|29", // key 5, position 2, origposition 1, waittime 29
      "1772461600|u4|support|NONE|ENTERQUEUE||+12125550106|1",
      "1772461601|u4|support|NONE|EXITEMPTY|1|1|1",
      "1772461700|u5|support|NONE|ENTERQUEUE||+12125550107|1",
      "1772461720|u5|support|NONE|WITHDRAW|1|1|20|callback",
    ));
    expect(r.contacts.map((c) => [c.callId, c.outcome, c.waitSeconds])).toEqual([
      ["u1", "abandoned", 3],
      ["u2", "timeout", 300],
      ["u3", "exit_key", 29],
      ["u4", "exit_empty", 1],
      ["u5", "exit_key", 20],
    ]);
    for (const c of r.contacts) {
      expect(c).toMatchObject({ answeredMs: null, agent: "", talkSeconds: 0, transferred: false, rowCount: 2 });
    }
    expect(byCall(r, "u1")).toMatchObject({ arrivedMs: 1772461000 * S, endedMs: 1772461004 * S, customer: "+12125550103" });
    expect(byCall(r, "u3")).toMatchObject({ arrivedMs: 1772461500 * S, endedMs: 1772461530 * S, customer: "anonymous" });
    expect(r.ledger).toEqual({ read: 10, used: 10, rejected: 0, filtered: 0, duplicates: 0 });
  });

  it("TRANSFER / BLINDTRANSFER: talk is data4 (calltime), the stint is transferred, both stints share the call id", () => {
    const r = run(lines(
      "1772462000|t1|sales|NONE|ENTERQUEUE||+12125550101|1",
      "1772462008|t1|sales|PJSIP/1001|CONNECT|8|t1.2|2",
      "1772462070|t1|sales|PJSIP/1001|BLINDTRANSFER|support|from-queue|8|60|1", // 62 s elapsed, calltime 60
      "1772462070|t1|support|NONE|ENTERQUEUE||+12125550101|1",
      "1772462085|t1|support|PJSIP/1002|CONNECT|15|t1.3|4",
      "1772462205|t1|support|PJSIP/1002|TRANSFER|2000|from-internal|15|118|1", // 120 s elapsed, calltime 118
    ));
    expect(r.contacts).toHaveLength(2);
    expect(byCall(r, "t1", "sales")).toMatchObject({
      outcome: "answered", agent: "1001", waitSeconds: 8, talkSeconds: 60, transferred: true,
      arrivedMs: 1772462000 * S, answeredMs: 1772462008 * S, endedMs: 1772462070 * S, rowCount: 3,
    });
    expect(byCall(r, "t1", "support")).toMatchObject({
      outcome: "answered", agent: "1002", waitSeconds: 15, talkSeconds: 118, transferred: true,
      arrivedMs: 1772462070 * S, answeredMs: 1772462085 * S, endedMs: 1772462205 * S, rowCount: 3,
    });
    expect(new Set(r.contacts.map((c) => c.contactId)).size).toBe(2);
    expect(r.ledger).toEqual({ read: 6, used: 6, rejected: 0, filtered: 0, duplicates: 0 });
  });

  it("exact duplicate lines and a second ending event for a closed stint are duplicates", () => {
    const r = run(lines(
      "1772463000|d1|sales|NONE|ENTERQUEUE||+12125550111|1",
      "1772463010|d1|sales|PJSIP/1001|CONNECT|10|d1.2|1",
      "1772463010|d1|sales|PJSIP/1001|CONNECT|10|d1.2|1", //            3: same text
      "1772463070|d1|sales|PJSIP/1001|COMPLETECALLER|10|60|1",
      "1772463070|d1|sales|PJSIP/1001|COMPLETECALLER|10|60|1", //       5: same text
      "1772463070|d1|sales|PJSIP/1001|COMPLETEAGENT|10|60|4", //        6: second end, other text
      "1772463000|d1|sales|NONE|ENTERQUEUE||+12125550111|2", //         7: ENTERQUEUE again, before the end
      "1772463080|d1|sales|NONE|ABANDON|1|1|80", //                     8: another end after the close
      "1772463100|NONE|sales|PJSIP/1001|PAUSE|lunch",
      "1772463100|NONE|sales|PJSIP/1001|PAUSE|lunch", //               10: same text, whatever the event
    ));
    expect(r.contacts).toHaveLength(1);
    expect(r.contacts[0]).toMatchObject({ callId: "d1", waitSeconds: 10, talkSeconds: 60, endedMs: 1772463070 * S, rowCount: 3 });
    expect(r.duplicates.map((d) => d.line)).toEqual([3, 5, 6, 7, 8, 10]);
    // Line 9 opens a pause (still open at the end: no end), line 10 is its duplicate.
    expect(r.filters).toEqual([]);
    expect(r.states.filter((x) => x.layer === "pause")).toEqual([
      { agent: "1001", layer: "pause", category: "paused", reason: "lunch", startMs: 1772463100 * S, endMs: null, file: "test-input", line: 9, rowCount: 1 },
    ]);
    expect(r.ledger).toEqual({ read: 10, used: 4, rejected: 0, filtered: 0, duplicates: 6 });
  });

  it("a closed stint is remembered 6 h of data time (swept every 10,000 lines), out-of-order ends too", () => {
    // d1 ends at T + 70 s; d2 ends at T + 3,670 s but is written after traffic up to T + 2 h 48 min (its end goes
    // back in time). Filler: abandoned calls of 2 lines, call i entering at T + 60 + 5i s.
    const T = 1772463000;
    const filler = (from: number, to: number): string[] =>
      Array.from({ length: to - from }, (_, k) => k + from).flatMap((i) => [`${T + 60 + i * 5}|f${i}|sales|NONE|ENTERQUEUE||+1212555${i}|1`, `${T + 62 + i * 5}|f${i}|sales|NONE|ABANDON|1|1|2`]);
    const d1 = ["1772463000|d1|sales|NONE|ENTERQUEUE||+12125550111|1", `${T + 10}|d1|sales|PJSIP/1001|CONNECT|10|d1.2|1`, `${T + 70}|d1|sales|PJSIP/1001|COMPLETECALLER|10|60|1`];
    const d2 = [`${T + 3600}|d2|sales|NONE|ENTERQUEUE||+12125550112|1`, `${T + 3610}|d2|sales|PJSIP/1001|CONNECT|10|d2.2|1`, `${T + 3670}|d2|sales|PJSIP/1001|COMPLETECALLER|10|60|1`];
    const late = (id: string, at: number): string => `${at}|${id}|sales|PJSIP/1001|COMPLETEAGENT|10|60|1`;
    // Before any sweep both are remembered: their second ends are duplicates.
    const early = run(lines(...d1, ...filler(0, 100), ...d2, late("d1", T + 70), late("d2", T + 3670)));
    expect(early.duplicates.map((d) => d.line)).toEqual([207, 208]);
    // Lines 1-3 d1, 4-4,003 filler 0-1,999, 4,004-4,006 d2, 4,007-10,006 filler 2,000-4,999. The sweep after line
    // 10,000 (filler 4,996's ABANDON, data at T + 25,042 s) forgets d1 (24,972 s > 21,600 s since its end) and keeps
    // d2 (21,372 s): at 10,007 d1's late end is a new contact, at 10,008 d2's is a duplicate. Lines 10,009-20,008 are
    // filler 5,000-9,999; the sweep after line 20,000 (data at T + 50,037 s) forgets d2: at 20,009 its late end is new.
    const r = run(lines(...d1, ...filler(0, 2000), ...d2, ...filler(2000, 5000), late("d1", T + 70), late("d2", T + 3670), ...filler(5000, 10000), late("d2", T + 3670)));
    expect(r.duplicates.map((d) => d.line)).toEqual([10008]);
    expect(r.contacts.filter((c) => c.callId === "d1").map((c) => c.line)).toEqual([1, 10007]);
    expect(r.contacts.filter((c) => c.callId === "d2").map((c) => c.line)).toEqual([4004, 20009]);
    expect(r.contacts).toHaveLength(2 + 2 + 10000);
    expect(balanced(r.ledger)).toBe(true);
  });

  it("a stint closed again later is remembered from its later end (the earlier end, swept, forgets nothing)", () => {
    // r1 visits sales twice: ends at T + 70 s and, entering again at T + 3 h, at T + 10,870 s. Filler as above.
    const T = 1772463000;
    const filler = (from: number, to: number): string[] =>
      Array.from({ length: to - from }, (_, k) => k + from).flatMap((i) => [`${T + 60 + i * 5}|f${i}|sales|NONE|ENTERQUEUE||+1212555${i}|1`, `${T + 62 + i * 5}|f${i}|sales|NONE|ABANDON|1|1|2`]);
    const visit = (at: number): string[] => [`${at}|r1|sales|NONE|ENTERQUEUE||+12125550111|1`, `${at + 10}|r1|sales|PJSIP/1001|CONNECT|10|r1.2|1`, `${at + 70}|r1|sales|PJSIP/1001|COMPLETECALLER|10|60|1`];
    // Lines 1-3 the first visit, 4-4,323 filler 0-2,159, 4,324-4,326 the second visit, 4,327-10,006 filler 2,160-4,999.
    // The sweep after line 10,000 (data at T + 25,042 s, cutoff T + 3,442 s) reaches the first end, T + 70 s, but
    // the stint's end is now T + 10,870 s: kept, so the late end at line 10,007 is a duplicate.
    const r = run(lines(...visit(T), ...filler(0, 2160), ...visit(T + 10_800), ...filler(2160, 5000), `${T + 10_870}|r1|sales|PJSIP/1001|COMPLETEAGENT|10|60|1`));
    expect(r.duplicates.map((d) => d.line)).toEqual([10007]);
    expect(r.contacts.filter((c) => c.callId === "r1").map((c) => c.line)).toEqual([1, 4324]);
    expect(r.contacts).toHaveLength(2 + 5000);
    expect(balanced(r.ledger)).toBe(true);
  });

  it("CONNECT before its ENTERQUEUE: one stint, the ENTERQUEUE's arrival and caller id kept", () => {
    const r = run(lines(
      "1772464012|o1|sales|SIP/1003|CONNECT|12|o1.2|1",
      "1772464000|o1|sales|NONE|ENTERQUEUE||+12125550108|1",
      "1772464100|o1|sales|SIP/1003|COMPLETEAGENT|12|88|1",
    ));
    expect(r.contacts).toHaveLength(1);
    expect(r.contacts[0]).toMatchObject({
      callId: "o1", agent: "1003", customer: "+12125550108", outcome: "answered",
      arrivedMs: 1772464000 * S, answeredMs: 1772464012 * S, endedMs: 1772464100 * S, waitSeconds: 12, talkSeconds: 88, rowCount: 3,
    });
    expect(r.ledger).toEqual({ read: 3, used: 3, rejected: 0, filtered: 0, duplicates: 0 });
  });

  it("COMPLETE before its ENTERQUEUE/CONNECT: rebuilt from holdtime + calltime; the late lines of the ended stint count as duplicates", () => {
    const r = run(lines(
      "1772465100|o2|sales|PJSIP/1001|COMPLETECALLER|20|80|1", // answered at 5100 - 80 = 5020, arrived 5020 - 20 = 5000
      "1772465000|o2|sales|NONE|ENTERQUEUE||+12125550109|1",
      "1772465020|o2|sales|PJSIP/1001|CONNECT|20|o2.2|1",
    ));
    expect(r.contacts).toHaveLength(1);
    expect(r.contacts[0]).toMatchObject({
      arrivedMs: 1772465000 * S, answeredMs: 1772465020 * S, endedMs: 1772465100 * S, waitSeconds: 20, talkSeconds: 80, agent: "1001", rowCount: 1, line: 1,
    });
    // Documented rule: lines for a stint already ended at a later time are duplicates (the caller id is lost).
    expect(r.duplicates.map((d) => d.line)).toEqual([2, 3]);
    expect(balanced(r.ledger)).toBe(true);
  });

  it("ending events with no ENTERQUEUE at all are rebuilt from their own fields", () => {
    const r = run(lines(
      "1772466300|o3|support|Agent/1004|COMPLETECALLER|25|275|1", // answered 6300 - 275 = 6025, arrived 6025 - 25 = 6000
      "1772466400|o4|support|NONE|ABANDON|3|3|45", //                  arrived 6400 - 45 = 6355
    ));
    expect(byCall(r, "o3")).toMatchObject({
      outcome: "answered", agent: "1004", customer: "", arrivedMs: 1772466000 * S, answeredMs: 1772466025 * S, endedMs: 1772466300 * S,
      waitSeconds: 25, talkSeconds: 275, rowCount: 1,
    });
    expect(byCall(r, "o4")).toMatchObject({ outcome: "abandoned", arrivedMs: 1772466355 * S, endedMs: 1772466400 * S, waitSeconds: 45, rowCount: 1 });
    expect(r.ledger).toEqual({ read: 2, used: 2, rejected: 0, filtered: 0, duplicates: 0 });
  });

  it("calls still open at the end are filtered (not guessed) and warned about", () => {
    const r = run(lines(
      "1772467000|x1|sales|NONE|ENTERQUEUE||+12125550112|1",
      "1772467010|x1|sales|PJSIP/1001|CONNECT|10|x1.2|1", // connected, never ended
      "1772467400|x2|sales|NONE|ENTERQUEUE||+12125550113|1", // still waiting
      "1772467500|x3|sales|NONE|ENTERQUEUE||+12125550114|1",
      "1772467530|x3|sales|NONE|ABANDON|1|1|30",
    ), { file: "ql" });
    expect(r.contacts.map((c) => c.callId)).toEqual(["x3"]);
    expect(r.filters).toEqual([
      { line: 1, reason: OPEN, rows: 2 },
      { line: 3, reason: OPEN, rows: 1 },
    ]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^ql: 2 queue visit\(s\) still open at the end of the data/);
    expect(r.ledger).toEqual({ read: 5, used: 2, rejected: 0, filtered: 3, duplicates: 0 });
  });

  it("an attended transfer under a new callid, with two stints of its agent connected at the same instant, goes to the one opened first", () => {
    const r = run(lines(
      "1772468000|t1|sales|NONE|ENTERQUEUE||+12125550116|1",
      "1772468001|t2|sales|NONE|ENTERQUEUE||+12125550117|1",
      "1772468010|t2|sales|SIP/1001|CONNECT|9|t2.1|1",
      "1772468010|t1|sales|SIP/1001|CONNECT|10|t1.1|1",
      "1772468100|x9|sales|SIP/1001|ATTENDEDTRANSFER|x9|2|10|90|1",
    ));
    expect(r.contacts).toHaveLength(1);
    expect(r.contacts[0]).toMatchObject({ callId: "t1", customer: "+12125550116", talkSeconds: 90, transferred: true, rowCount: 3 });
    expect(r.filters).toEqual([{ line: 2, reason: "call still open at the end of the data", rows: 2 }]);
    expect(balanced(r.ledger)).toBe(true);
  });

  it("callids, queues and agents whose hashes collide stay apart (they are looked up by hash and compared as text)", () => {
    // hashString("c1062789") === hashString("c1279192"); the two callids collide as stint keys in queue sales.
    const r = run(lines(
      "1772460020|k2|c1062789|NONE|ENTERQUEUE||552|1",
      "1772460021|k2|c1279192|NONE|ENTERQUEUE||553|1",
      "1772460030|k2|c1062789|c1062789|CONNECT|10|k2.1|1",
      "1772460031|k2|c1279192|c1279192|CONNECT|10|k2.2|1",
      "1772460040|k2|c1279192|c1279192|COMPLETEAGENT|10|9|1",
      "1772460041|k2|c1062789|c1062789|COMPLETEAGENT|10|11|1",
      "1772460050|1772460012440.24|sales|NONE|ENTERQUEUE||554|1",
      "1772460051|1772460013187.92|sales|NONE|ENTERQUEUE||555|1",
      "1772460060|1772460013187.92|sales|NONE|ABANDON|1|1|9",
      "1772460070|1772460012440.24|sales|SIP/1002|CONNECT|20|x.1|1",
      "1772460190|1772460012440.24|sales|SIP/1002|COMPLETECALLER|20|120|1",
    ));
    expect(r.contacts.map((c) => [c.callId, c.queue, c.agent, c.customer, c.outcome, c.waitSeconds, c.talkSeconds])).toEqual([
      ["k2", "c1279192", "c1279192", "553", "answered", 10, 9],
      ["k2", "c1062789", "c1062789", "552", "answered", 10, 11],
      ["1772460013187.92", "sales", "", "555", "abandoned", 9, 0],
      ["1772460012440.24", "sales", "1002", "554", "answered", 20, 120],
    ]);
    expect(r.ledger).toEqual({ read: 11, used: 11, rejected: 0, filtered: 0, duplicates: 0 });
  });

  it("a re-entry while the earlier visit never ended leaves the earlier one out", () => {
    const r = run(lines(
      "1772468000|r1|sales|NONE|ENTERQUEUE||+12125550115|1",
      "1772468100|r1|sales|NONE|ENTERQUEUE||+12125550115|1",
      "1772468110|r1|sales|NONE|ABANDON|1|1|10",
    ));
    expect(r.contacts).toHaveLength(1);
    expect(r.contacts[0]).toMatchObject({ arrivedMs: 1772468100 * S, waitSeconds: 10, outcome: "abandoned", rowCount: 2 });
    expect(r.filters).toEqual([{ line: 1, reason: "queue visit without an ending event", rows: 1 }]);
    expect(r.warnings[0]).toMatch(/1 queue visit\(s\) still open/);
    expect(balanced(r.ledger)).toBe(true);
  });

  it("normalizes agents: SIP/1001, PJSIP/1001, Local/1001@from-queue/n, Agent/1001 are all 1001; aliases apply after", () => {
    const text = lines(
      "1772469100|a1|sales|SIP/1001|COMPLETECALLER|5|60|1",
      "1772469200|a2|sales|PJSIP/1001|COMPLETECALLER|5|60|1",
      "1772469300|a3|sales|Local/1001@from-queue/n|COMPLETECALLER|5|60|1",
      "1772469400|a4|sales|Agent/1001|COMPLETECALLER|5|60|1",
      "1772469500|a5|sales|Paty Marin|COMPLETECALLER|5|60|1",
    );
    expect(run(text).contacts.map((c) => c.agent)).toEqual(["1001", "1001", "1001", "1001", "Paty Marin"]);
    const aliased = run(text, { aliases: new Map([["1001", "alice"]]) });
    expect(aliased.contacts.map((c) => c.agent)).toEqual(["alice", "alice", "alice", "alice", "Paty Marin"]);
  });

  it("member events become agent states; system, ring, outbound and annotation events are filtered with their reasons", () => {
    const r = run(lines(
      "1772470000|NONE|sales|PJSIP/1001|ADDMEMBER|",
      "1772470001|NONE|sales|PJSIP/1001|PAUSE|lunch",
      "1772470002|NONE|NONE|PJSIP/1001|PAUSEALL|lunch",
      "1772470003|NONE|sales|PJSIP/1001|UNPAUSE|",
      "1772470004|MANAGER|NONE|Agent/1001|AGENTLOGIN|SIP/1001",
      "1772470005|NONE|sales|PJSIP/1001|REMOVEMEMBER|",
      "1772470006|NONE|NONE|NONE|QUEUESTART|",
      "1772470007|NONE|NONE|NONE|CONFIGRELOAD|",
      "1772470010|f1|sales|NONE|DID|+15556667775",
      "1772470010|f1|sales|NONE|ENTERQUEUE||+12125550120|1",
      "1772470020|f1|sales|PJSIP/1002|RINGNOANSWER|10000",
      "1772470025|f1|sales|PJSIP/1002|RINGCANCELED|5000",
      "1772470026|f1|sales|NONE|ABANDON|1|1|16",
      "1772470030|NONE|NONE|PJSIP/1001|OUTCALL|ANSWER|60|x",
    ));
    expect(r.contacts).toHaveLength(1);
    expect(r.contacts[0]).toMatchObject({ callId: "f1", outcome: "abandoned", waitSeconds: 16, rowCount: 2 });
    // Lines 1-6 are agent state: ADDMEMBER sales opens 1001's session, AGENTLOGIN and
    // REMOVEMEMBER sales are its rows (still logged in at the end); PAUSE, PAUSEALL, UNPAUSE make one pause.
    const st = r.states.filter((x) => x.layer !== "work").map((x) => [x.layer, x.agent, x.reason, x.startMs / S, x.endMs === null ? null : x.endMs / S, x.line, x.rowCount]);
    expect(st.sort()).toEqual([
      ["pause", "1001", "lunch", 1772470001, 1772470003, 2, 3],
      ["session", "1001", "", 1772470000, null, 1, 3],
    ]);
    expect(r.filters.map((f) => [f.line, f.reason])).toEqual([
      [7, "system event"],
      [8, "system event"],
      [9, "annotation or unknown event (DID)"],
      [11, "ring attempt"],
      [12, "ring attempt"],
      [14, "outbound call event"],
    ]);
    expect(r.ledger).toEqual({ read: 14, used: 8, rejected: 0, filtered: 6, duplicates: 0 });
  });

  it("FULL / JOINEMPTY / JOINUNAVAIL are not-joined contacts", () => {
    const r = run(lines(
      "1772471000|j1|sales|NONE|FULL||+12125550130",
      "1772471001|j2|sales|NONE|JOINEMPTY||+12125550131",
    ));
    expect(r.contacts.map((c) => [c.callId, c.outcome, c.waitSeconds, c.endedMs])).toEqual([
      ["j1", "not_joined", 0, 1772471000 * S],
      ["j2", "not_joined", 0, 1772471001 * S],
    ]);
    expect(r.ledger).toEqual({ read: 2, used: 2, rejected: 0, filtered: 0, duplicates: 0 });
  });

  it("rejects bad numbers (BAD_NUMBER), short lines (RAGGED_ROW), bad times and missing queues at their lines", () => {
    const r = run(lines(
      "1772472000|b1|sales|NONE|ENTERQUEUE||+12125550140|1",
      "1772472010|b1|sales|PJSIP/1001|CONNECT|ten|b1.2|1", //          2: holdtime not a number
      "1772472100|b2|sales|PJSIP/1001|COMPLETECALLER|5|abc|1", //      3: calltime not a number
      "1772472200|b3|sales|NONE|ABANDON|1|1|-4", //                    4: negative waittime, nothing to rebuild from
      "1772472300|b4|sales|NONE", //                                  5: 4 fields
      "1772472400|b5|sales|NONE|ENTERQUEUE||+12125550141|1",
      "1772472410|b5|sales|NONE|ABANDON|1|1|-4", //                    7: negative waittime on an open stint
      "notatime|b6|sales|NONE|ABANDON|1|1|4", //                       8
      "1772472500|b7|NONE|NONE|ENTERQUEUE||+12125550142|1", //        9: no queue
      "1772472600|b8|sales|NONE|ENTERQUEUE||+12125550143|1",
      "1772472700|b8|sales|PJSIP/1001|COMPLETECALLER|-5|60|1", //     11: negative holdtime, stint never connected
    ));
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([
      [2, "BAD_NUMBER"],
      [3, "BAD_NUMBER"],
      [4, "BAD_NUMBER"],
      [5, "RAGGED_ROW"],
      [7, "BAD_NUMBER"],
      [8, "BAD_TIMESTAMP"],
      [9, "MISSING_VALUE"],
      [11, "BAD_NUMBER"],
    ]);
    expect(r.rejects[3]!.raw).toBe("1772472300|b4|sales|NONE");
    expect(r.contacts).toHaveLength(0);
    // b1, b5 and b8 keep only their ENTERQUEUE: open at the end.
    expect(r.filters).toEqual([
      { line: 1, reason: OPEN, rows: 1 },
      { line: 6, reason: OPEN, rows: 1 },
      { line: 10, reason: OPEN, rows: 1 },
    ]);
    expect(r.ledger).toEqual({ read: 11, used: 0, rejected: 8, filtered: 3, duplicates: 0 });
  });

  it("balances through readInput too, blank lines and CRLF included", async () => {
    const text = [
      "1772473000|c1|sales|NONE|ENTERQUEUE||+12125550101|1",
      "",
      "1772473010|c1|sales|PJSIP/1001|CONNECT|10|c1.2|1",
      "1772473010|c1|sales|PJSIP/1001|CONNECT|10|c1.2|1",
      "1772473070|c1|sales|PJSIP/1001|COMPLETEAGENT|10|60|1",
      "1772473100|NONE|sales|PJSIP/1001|PAUSE|",
      "",
      "1772473200|c2|sales|NONE|ENTERQUEUE||+12125550102|1",
      "",
    ].join("\r\n");
    const o = await readText(text);
    expect(o.result.source.id).toBe("asterisk-queue-log");
    expect(o.result.delimiter).toBe("|");
    expect(o.contacts).toHaveLength(1);
    expect(o.contacts[0]).toMatchObject({ waitSeconds: 10, talkSeconds: 60, rowCount: 3 });
    // 8 rows: used 3 + the PAUSE (an open pause span), duplicate 1, filtered: 2 blank + c2 open
    expect(o.states.filter((x) => x.layer === "pause").map((x) => [x.startMs / 1000, x.endMs, x.rowCount])).toEqual([[1772473100, null, 1]]);
    expect(o.tally.toJSON()).toMatchObject({ read: 8, used: 4, rejected: 0, filtered: 3, duplicates: 1 });
    expect(o.tally.balanced()).toBe(true);
    expect(o.warnings.some((w) => w.includes("1 queue visit(s) still open"))).toBe(true);
  });
});

describe("queue_log realtime table as CSV", () => {
  it("reads time as epoch or as local datetime in the source zone", () => {
    const r = run(lines(
      "time,callid,queuename,agent,event,data1,data2,data3,data4,data5",
      "1772460000,r1,sales,NONE,ENTERQUEUE,,+12125550101,1,,",
      "2026-03-02 09:00:12,r1,sales,PJSIP/1001,CONNECT,12,r1.2,3,,", // 09:00:12 EST = 14:00:12Z = 1772460012
      "2026-03-02 09:05:12,r1,sales,PJSIP/1001,COMPLETECALLER,12,300,1,,",
      "2026-03-02 09:10:00,r2,support,NONE,EXITWITHKEY,2,1,1,40,", // no ENTERQUEUE: arrived 09:09:20 EST
    ), { zone: "America/New_York" });
    expect(r.contacts).toHaveLength(2);
    expect(byCall(r, "r1")).toMatchObject({
      arrivedMs: 1772460000 * S, answeredMs: 1772460012 * S, endedMs: 1772460312 * S, waitSeconds: 12, talkSeconds: 300,
      agent: "1001", customer: "+12125550101", rowCount: 3, line: 2,
    });
    expect(byCall(r, "r2")).toMatchObject({ outcome: "exit_key", waitSeconds: 40, arrivedMs: 1772460560 * S, endedMs: 1772460600 * S });
    expect(r.filters).toEqual([{ line: 1, reason: "header", rows: 1 }]);
    expect(r.ledger).toEqual({ read: 5, used: 4, rejected: 0, filtered: 1, duplicates: 0 }); // r1 from 3 rows, r2 from 1
  });

  it("the same local time means another instant in another zone; an id column is allowed; short rows are RAGGED_ROW", () => {
    const text = lines(
      "id,time,callid,queuename,agent,event,data1,data2,data3,data4,data5",
      "1,2026-03-02 09:10:00,r2,support,NONE,ABANDON,1,1,40,,",
      "2,2026-03-02 09:11:00,r3,support,NONE,ABANDON,1,1",
    );
    const ny = run(text, { zone: "America/New_York" });
    const sh = run(text, { zone: "Asia/Shanghai" });
    // 09:10 EST = 14:10Z = 1772460600; 09:10 CST(+08) = 01:10Z, 13 h earlier
    expect(ny.contacts[0]).toMatchObject({ endedMs: 1772460600 * S, arrivedMs: 1772460560 * S, waitSeconds: 40 });
    expect(sh.contacts[0]!.endedMs).toBe((1772460600 - 13 * 3600) * S);
    expect(ny.rejects.map((x) => [x.line, x.code])).toEqual([[3, "RAGGED_ROW"]]);
    expect(ny.ledger).toEqual({ read: 3, used: 1, rejected: 1, filtered: 1, duplicates: 0 });
  });

  it("rejects a local time in a DST gap and a header that lacks a column", () => {
    const r = run(lines(
      "time,callid,queuename,agent,event,data1,data2,data3,data4,data5",
      "2026-03-08 02:30:00,g1,sales,NONE,ABANDON,1,1,5,,",
    ), { zone: "America/New_York" });
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[2, "DST_GAP"]]);
    expect(() => run(lines("time,callid,queuename,event,data1", "1772460000,c,q,ENTERQUEUE,"))).toThrow(expect.objectContaining({ code: "MISSING_COLUMN" }));
  });
  it("a repeated header from concatenated exports is filtered, also behind a BOM", () => {
    const header = "time,callid,queuename,agent,event,data1,data2,data3,data4,data5";
    const r = run(lines(
      header,
      "1772460000,r1,sales,NONE,ENTERQUEUE,,+12125550101,1,,",
      "1772460003,r1,sales,NONE,ABANDON,1,1,3,,",
      `\uFEFF${header}`,
      "1772460100,r2,sales,NONE,ENTERQUEUE,,+12125550102,1,,",
      "1772460104,r2,sales,NONE,ABANDON,1,1,4,,",
    ));
    expect(r.contacts.map((c) => [c.callId, c.waitSeconds])).toEqual([["r1", 3], ["r2", 4]]);
    expect(r.filters).toEqual([
      { line: 1, reason: "header", rows: 1 },
      { line: 4, reason: "repeated header", rows: 1 },
    ]);
    expect(r.ledger).toEqual({ read: 6, used: 4, rejected: 0, filtered: 2, duplicates: 0 });
  });

  it("PBXware table: fields mapped from param/htime/ttime; a repeated header is filtered", () => {
    const header = "uid,date_time,callid,queue_name,type,event,param1,param2,param3,entpos,expos,htime,ttime,time";
    const r = run(lines(
      header,
      '1,1772460000,p1,IT,NONE,ENTERQUEUE,12125550101,,,1,0,0,0,"2026-03-02 09:00:00"',
      '2,1772460009,p1,IT,Agent/1126,CONNECT,,p1.2,4,0,0,9,0,"2026-03-02 09:00:09"',
      header,
      '3,1772460109,p1,IT,Agent/1126,COMPLETECALLER,12125550101,,,1,0,9,100,"2026-03-02 09:01:49"',
      '4,1772460200,p2,IT,NONE,ENTERQUEUE,12125550102,,,1,0,0,0,"2026-03-02 09:03:20"',
      '5,1772460230,p2,IT,NONE,EXITWITHKEY,1,,,1,1,30,0,"2026-03-02 09:03:50"',
    ));
    // p1: wait = CONNECT htime 9, talk = COMPLETECALLER ttime 100; p2: EXITWITHKEY htime 30
    expect(r.contacts.map((c) => [c.callId, c.outcome, c.agent, c.customer, c.waitSeconds, c.talkSeconds, c.endedMs! / S])).toEqual([
      ["p1", "answered", "1126", "12125550101", 9, 100, 1772460109],
      ["p2", "exit_key", "", "12125550102", 30, 0, 1772460230],
    ]);
    expect(r.filters.map((f) => [f.line, f.reason])).toEqual([[1, "header"], [4, "repeated header"]]);
    expect(r.ledger).toEqual({ read: 7, used: 5, rejected: 0, filtered: 2, duplicates: 0 });
  });
});

describe("queue_log agent states (sessions, pauses, talking)", () => {
  const B = 1772546400; // 2026-03-03 14:00:00Z (09:00 America/New_York), the fixture's first line
  type Row = [string, string, string, number, number | null, number, number];
  /** [layer, agent, reason, start s after B, end s after B (null: open), line, rowCount], sorted. */
  const spans = (r: Ran): Row[] =>
    r.states.map((x): Row => [x.layer, x.agent, x.reason, x.startMs / S - B, x.endMs === null ? null : x.endMs / S - B, x.line, x.rowCount]).sort((a, b) => (a.join() < b.join() ? -1 : 1));

  it("fixtures/asterisk/queue_log_agents: exact spans per layer, every line accounted for", () => {
    const r = run(readFileSync(fixture("asterisk", "queue_log_agents"), "utf8"));
    expect(r.states.every((x) => x.file === "test-input")).toBe(true);
    expect(r.states.every((x) => x.category === ({ session: "available", pause: "paused", work: "talking" } as Record<string, string>)[x.layer])).toBe(true);
    expect(spans(r)).toEqual([
      // 2001: paused at +1800 (PAUSE sales, line 10; PAUSE support while paused, line 11) until UNPAUSE sales at +3600
      // (line 14; UNPAUSE support at the same instant, line 15, joins it): 4 rows, the first reason.
      ["pause", "2001", "Lunch", 1800, 3600, 10, 4],
      // 2001: ADDMEMBER sales +0 (line 1), ADDMEMBER support +5 (2), REMOVEMEMBER sales +7200 (22), REMOVEMEMBER
      // support +7205 (23): one session while a member of at least one queue. The MANAGER re-add (line 4) is filtered.
      ["session", "2001", "", 0, 7205, 1, 4],
      // 2002: no start in the data; AGENTCALLBACKLOGOFF at +1000 (line 9) with logintime 3000 -> from +1000 - 3000 = -2000;
      // the REMOVEMEMBER at +1000 (line 8) is covered by it: 2 rows.
      ["session", "2002", "", -2000, 1000, 9, 2],
      // 2002: AGENTCALLBACKLOGIN +2000 (line 12, Agent/2002) and ADDMEMBER support +2001 (line 13, Local/2002@from-queue/n):
      // one agent, still logged in at the end.
      ["session", "2002", "", 2000, null, 12, 2],
      // c1: CONNECT +612 .. COMPLETECALLER +900 (contact line 5); c2: CONNECT +4010 .. COMPLETEAGENT +4130 (line 16).
      ["work", "2001", "", 612, 900, 5, 0],
      ["work", "2002", "", 4010, 4130, 16, 0],
    ]);
    expect(r.contacts.map((c) => [c.callId, c.agent, c.answeredMs! / S - B, c.endedMs! / S - B, c.rowCount])).toEqual([
      ["c1", "2001", 612, 900, 3],
      ["c2", "2002", 4010, 4130, 3],
    ]);
    expect(r.filters.map((f) => [f.line, f.reason, f.rows])).toEqual([
      [3, "system event", 1],
      [4, "repeated ADDMEMBER: already a member", 1],
      [19, "UNPAUSE without a PAUSE in the data", 1],
      [20, "member setting (PENALTY, RINGINUSE)", 1],
      [21, "session end without a start in the data", 1], // SIP/2003 REMOVEMEMBER, no session, no login time
    ]);
    // used: contacts 3 + 3, sessions 4 + 2 + 2, pause 4 = 18; filtered 5
    expect(r.ledger).toEqual({ read: 23, used: 18, rejected: 0, filtered: 5, duplicates: 0 });
  });

  it("a logoff's login time moves a later-seen start back (never before the previous session); a pause ends with its session", () => {
    const T = 1772550000;
    const r = run(lines(
      `${T}|MANAGER|sales|Local/3001@from-queue/n|ADDMEMBER|`, //         1: the data begins mid-session (a re-add)
      `${T + 50}|NONE|sales|Local/3001@from-queue/n|PAUSE|`, //           2: pause, no reason
      `${T + 100}|x|sales|Local/3001@from-queue/n|REMOVEMEMBER|`, //      3: set empty: session and pause end at +100
      `${T + 100}|x|NONE|Agent/3001|AGENTCALLBACKLOGOFF|3001@default|500|`, // 4: joins; logged in since +100 - 500 = -400
      `${T + 200}|NONE|sales|Local/3001@from-queue/n|UNPAUSE|`, //        5: the pause ended at +100: filtered
      `${T + 300}|NONE|NONE|Agent/3001|AGENTLOGIN|SIP/3001`, //           6: a new session
      `${T + 301}|NONE|NONE|Agent/3001|AGENTLOGIN|SIP/3001`, //           7: already logged in: filtered
      `${T + 400}|NONE|NONE|Agent/3001|AGENTLOGOFF|SIP/3001|1000`, //     8: 1000 s reaches -600, clipped at the previous end +100
    ), { aliases: new Map([["3001", "carol"]]) });
    expect(r.states.map((x) => [x.layer, x.agent, x.reason, x.startMs / S - T, x.endMs! / S - T, x.line, x.rowCount])).toEqual(
      expect.arrayContaining([
        ["session", "carol", "", -400, 100, 1, 3],
        ["pause", "carol", "", 50, 100, 2, 1],
        ["session", "carol", "", 100, 400, 6, 2],
      ]),
    );
    expect(r.states).toHaveLength(3);
    expect(r.filters.map((f) => [f.line, f.reason])).toEqual([
      [5, "UNPAUSE without a PAUSE in the data"],
      [7, "repeated login: already logged in"],
    ]);
    expect(r.ledger).toEqual({ read: 8, used: 6, rejected: 0, filtered: 2, duplicates: 0 });
  });

  it("reads as --agents input: the source offers agent states, spans reach readInput's sink", async () => {
    expect(queueLog.records).toBe("contacts and agent states");
    const o = await readText(readFileSync(fixture("asterisk", "queue_log_agents")));
    expect(o.result.source.id).toBe("asterisk-queue-log");
    expect(o.states).toHaveLength(6);
    expect(o.tally.toJSON()).toMatchObject({ read: 23, used: 18, rejected: 0, filtered: 5, duplicates: 0 });
    expect(o.tally.balanced()).toBe(true);
  });
});

describe.skipIf(!hasShared)("real queue_log agent sessions (../shared/data/real)", () => {
  sharedNote();

  it("The PBXware queue_log sample yields agent sessions that match its LOGOFF login-time fields", () => {
    const text = hasShared ? readFileSync(shared("real", "pbxware-voipreports1", "queue_log.csv"), "utf8") : "";
    const r = run(text);
    // Every AGENTCALLBACKLOGOFF row (date_time, type = Agent/NNNN, param2 = seconds logged in), read straight from the CSV.
    const logoffs = text.split(/\r?\n/).slice(1).map((l) => l.split(",")).filter((f) => f[5] === "AGENTCALLBACKLOGOFF")
      .map((f) => ({ agent: f[4]!.replace(/^Agent\//, ""), at: Number(f[1]), seconds: Number(f[7]) }));
    expect(logoffs).toHaveLength(10);
    const sessions = r.states.filter((x) => x.layer === "session");
    for (const lo of logoffs) {
      const s = sessions.filter((x) => x.agent === lo.agent && x.endMs === lo.at * S);
      expect(s, `${lo.agent} at ${lo.at}`).toHaveLength(1);
      expect((s[0]!.endMs! - s[0]!.startMs) / S, `${lo.agent} at ${lo.at}`).toBe(lo.seconds);
    }
    // e.g. 1141 logs off at 1543625964 after 25195 s: its session began at its first ADDMEMBER (uid 7, line 8);
    // rows: ADDMEMBER, AGENTCALLBACKLOGIN, REMOVEMEMBER, AGENTCALLBACKLOGOFF (the MANAGER re-adds are filtered).
    expect(sessions.find((x) => x.agent === "1141" && x.endMs === 1543625964 * S)).toMatchObject({ startMs: 1543600769 * S, line: 8, rowCount: 4 });
    // 14 logins: 10 sessions ended by these logoffs, 4 still open at the truncation point.
    expect(sessions).toHaveLength(14);
    expect(sessions.filter((x) => x.endMs === null).map((x) => [x.agent, x.startMs / S]).sort()).toEqual([
      ["1109", 1543829345], ["1126", 1543911296], ["1127", 1543940942], ["1141", 1543940699],
    ]);
    // Talking: one span per answered contact, with the contact's answer and end.
    const answered = r.contacts.filter((c) => c.outcome === "answered");
    expect(r.states.filter((x) => x.layer === "work")).toHaveLength(answered.length);
    expect(r.states.filter((x) => x.layer === "pause")).toHaveLength(0); // the sample has no PAUSE events
    expect(balanced(r.ledger)).toBe(true);
    expect(r.ledger).toEqual({ read: 1001, used: 347, rejected: 0, filtered: 654, duplicates: 0 });
  });
});

describe.skipIf(!hasShared)("real queue_log samples (../shared/data/real)", () => {
  sharedNote();

  it("asterisk-queue_log-small/queue_log: 3 contacts, 9 duplicates, 8 filtered, all 23 lines accounted for", () => {
    const r = run(readFileSync(shared("real", "asterisk-queue_log-small", "queue_log"), "utf8"));
    // Line by line:
    //  1 DID -> filtered; 2 ENTERQUEUE .757927; 3-5 RINGNOANSWER -> filtered; 6 CONNECT (hold 10);
    //  7 COMPLETECALLER (talk 122) -> contact 1 from lines 2, 6, 7;
    //  8-13 the ENTERQUEUE of line 2 again, same text -> 6 duplicates;
    // 14 ENTERQUEUE .761192 + 15 CONNECT, never completed -> 2 rows filtered (open at the end);
    // 16 CONNECT .760296 (hold 6) with no ENTERQUEUE (arrived 1546023976 - 6 = 1546023970);
    // 17 COMPLETECALLER .760166 alone -> rebuilt: answered 1546024020 - 406 = 1546023614, arrived - 10 = 1546023604;
    // 18 COMPLETEAGENT .760296 (talk 228) -> contact 3 from lines 16, 18;
    // 19, 23 blank -> filtered; 20-22 COMPLETEAGENT again (other origposition) -> 3 duplicates.
    expect(r.ledger).toEqual({ read: 23, used: 6, rejected: 0, filtered: 8, duplicates: 9 });
    expect(filteredBy(r)).toEqual({ "annotation or unknown event (DID)": 1, "ring attempt": 3, [OPEN]: 2, "blank line": 2 });
    expect(r.duplicates.map((d) => d.line)).toEqual([8, 9, 10, 11, 12, 13, 20, 21, 22]);
    expect(r.contacts.map((c) => [c.callId, c.agent, c.arrivedMs / S, c.answeredMs! / S, c.endedMs! / S, c.waitSeconds, c.talkSeconds, c.rowCount])).toEqual([
      ["1546015415.757927", "Paty Marin", 1546015415, 1546015425, 1546015547, 10, 122, 3],
      ["1546023604.760166", "Vanessa Flores", 1546023604, 1546023614, 1546024020, 10, 406, 1],
      ["1546023970.760296", "Paty Marin", 1546023970, 1546023976, 1546024204, 6, 228, 2],
    ]);
    expect(r.contacts[0]!.customer).toBe("+13238679471");
    expect(r.contacts.every((c) => c.queue === "201" && c.outcome === "answered")).toBe(true);
    expect(r.warnings.some((w) => w.includes("1 queue visit(s) still open"))).toBe(true);
  });

  it("asterisk-issue-759 excerpt: the ATTENDEDTRANSFER under the new callid closes the 1501 stint; the 1509 stint joins the call", () => {
    const r = run(readFileSync(shared("real", "asterisk-queue_log-small", "asterisk-issue-759_queue_log_excerpt.txt"), "utf8"));
    expect(r.contacts).toHaveLength(2);
    const [a, b] = [byCall(r, "1717397243.239826", "1501"), byCall(r, "1717397243.239826", "1509")];
    // 1501: ENTERQUEUE 1717397259, CONNECT 1717397271 (hold 12), ATTENDEDTRANSFER 1717397391 (hold 12, calltime 120)
    expect(a).toMatchObject({
      agent: "7009", customer: "9031396745", outcome: "answered", transferred: true,
      arrivedMs: 1717397259 * S, answeredMs: 1717397271 * S, endedMs: 1717397391 * S, waitSeconds: 12, talkSeconds: 120, rowCount: 3,
    });
    // 1509: ENTERQUEUE under .239830 at 1717397390, CONNECT 1717397397 (hold 7), COMPLETEAGENT 1717397570 (calltime 173)
    expect(b).toMatchObject({
      agent: "7051", customer: "7009", outcome: "answered", transferred: false,
      arrivedMs: 1717397390 * S, answeredMs: 1717397397 * S, endedMs: 1717397570 * S, waitSeconds: 7, talkSeconds: 173, rowCount: 3,
    });
    expect(new Set(r.contacts.map((c) => c.callId))).toEqual(new Set(["1717397243.239826"]));
    expect(r.ledger).toEqual({ read: 8, used: 6, rejected: 0, filtered: 2, duplicates: 0 });
    expect(filteredBy(r)).toEqual({ "annotation or unknown event (DID)": 2 });
  });

  describe("pbxware-voipreports1/queue_log.csv (PBXware table, 1,000 rows + header)", () => {
    const path = hasShared ? shared("real", "pbxware-voipreports1", "queue_log.csv") : "";
    const r = hasShared ? run(readFileSync(path, "utf8")) : null;

    it("108 queued calls: 91 ended answered (+2 connected but still talking), 12 abandoned, 1 timed out, 2 still waiting", () => {
      const out = r!;
      const count = (o: string): number => out.contacts.filter((c) => c.outcome === o).length;
      expect(out.contacts).toHaveLength(104);
      expect([count("answered"), count("abandoned"), count("timeout")]).toEqual([91, 12, 1]);
      // Open at the truncation point, by the line of their ENTERQUEUE: two connected (ENTERQUEUE + CONNECT), two waiting.
      expect(out.filters.filter((f) => f.reason === OPEN).map((f) => [f.line, f.rows])).toEqual([
        [968, 2], // 1543942189.2194
        [970, 2], // 1543942358.2226
        [993, 1], // 1543942788.2389
        [1001, 1], // 1543942842.2438
      ]);
      // 93 connected = 91 ended + 2 open; 108 = 93 + 12 + 1 + 2.
      expect(out.contacts.filter((c) => c.outcome === "answered").length + 2).toBe(93);
      expect(out.contacts.filter((c) => c.transferred).map((c) => c.callId).sort()).toEqual(["1543833609.335", "1543938872.1743"]);
    });

    it("every row accounted for", () => {
      // used: contacts 91 x 3 + 13 x 2 = 299 rows + agent sessions 48 = 347.
      // Member rows 60 (ADDMEMBER 26, REMOVEMEMBER 10, AGENTCALLBACKLOGIN 14, AGENTCALLBACKLOGOFF 10):
      // 10 closed sessions x 4 rows (ADDMEMBER, LOGIN, REMOVEMEMBER, LOGOFF) + 4 open x 2 = 48 used;
      // 12 MANAGER re-adds after QUEUESTART (lines 94-95, 120-121, 774-777, 779-782) of members: filtered.
      // filtered: header 1 + open 6 + RINGNOANSWER 360
      // + outbound 257 (OUTDIAL 128, OUTANSWER 77, OUTCANCEL 24, OUTCHANUNAVAIL 18, OUTCONGESTION 9, OUTTRANSFER 1)
      // + repeated ADDMEMBER 12 + system 18 (CONFIGRELOAD 11, QUEUESTART 7) = 654
      expect(r!.ledger).toEqual({ read: 1001, used: 347, rejected: 0, filtered: 654, duplicates: 0 });
      expect(filteredBy(r!)).toEqual({
        header: 1,
        [OPEN]: 6,
        "ring attempt": 360,
        "outbound call event": 257,
        "repeated ADDMEMBER: already a member": 12,
        "system event": 18,
      });
    });

    it("sums and single calls match the file", () => {
      const out = r!;
      const answered = out.contacts.filter((c) => c.outcome === "answered");
      const sum = (cs: Contact[], f: (c: Contact) => number): number => cs.reduce((s, c) => s + f(c), 0);
      // ttime of the 89 COMPLETE* + 2 transfers; htime of their CONNECT rows (3599 over all 93 CONNECTs - 6 - 23 open)
      expect(sum(answered, (c) => c.talkSeconds)).toBe(23913);
      expect(sum(answered, (c) => c.waitSeconds)).toBe(3570);
      expect(sum(out.contacts.filter((c) => c.outcome === "abandoned"), (c) => c.waitSeconds)).toBe(1141);
      const perAgent: Record<string, number> = {};
      for (const c of answered) perAgent[c.agent] = (perAgent[c.agent] ?? 0) + 1;
      expect(perAgent).toEqual({ "1109": 16, "1126": 13, "1127": 17, "1128": 13, "1141": 22, "1144": 10 });
      // Lines 115/118/119: ENTERQUEUE 1543618410, CONNECT 1543618437 htime 27, COMPLETEAGENT 1543618594 htime 28 ttime 156.
      // Wait is CONNECT's 27 (not COMPLETE's 28); talk 156 (the end is 1 s after CONNECT + 156).
      expect(byCall(out, "1543618399.120")).toMatchObject({
        contactId: "1543618399.120@IT@1543618410000", queue: "IT", agent: "1141", customer: "19728522772", outcome: "answered",
        arrivedMs: 1543618410 * S, answeredMs: 1543618437 * S, endedMs: 1543618594 * S, waitSeconds: 27, talkSeconds: 156, rowCount: 3, line: 115,
      });
      // Lines 175/176/178: ATTENDEDTRANSFER after 30 s of talk (PBXware logs it under the same callid).
      expect(byCall(out, "1543833609.335")).toMatchObject({
        agent: "1128", transferred: true, arrivedMs: 1543833617 * S, answeredMs: 1543833623 * S, endedMs: 1543833653 * S, waitSeconds: 6, talkSeconds: 30,
      });
      // Lines 981/998: ENTERQUEUE 1543942639, ABANDON 1543942840 htime 201.
      expect(byCall(out, "1543942628.2322")).toMatchObject({
        outcome: "abandoned", agent: "", customer: "16786664403", arrivedMs: 1543942639 * S, endedMs: 1543942840 * S, waitSeconds: 201, rowCount: 2,
      });
      // Lines 501/527: EXITWITHTIMEOUT after 300 s.
      expect(byCall(out, "1543860451.3324")).toMatchObject({ outcome: "timeout", arrivedMs: 1543860463 * S, endedMs: 1543860763 * S, waitSeconds: 300 });
    });

    it("reads the same through readInput (detected, comma, ledger balanced)", async () => {
      const o = await readText(readFileSync(path));
      expect(o.result.source.id).toBe("asterisk-queue-log");
      expect(o.result.delimiter).toBe(",");
      expect(o.contacts).toHaveLength(104);
      expect(o.tally.toJSON()).toMatchObject({ read: 1001, used: 347, rejected: 0, filtered: 654, duplicates: 0 });
      expect(o.warnings.some((w) => w.includes("4 queue visit(s) still open"))).toBe(true);
    });
  });
});
