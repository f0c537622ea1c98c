/**
 * cckpi-contacts: cckpi's own one-row-per-contact CSV. Expected instants are
 * worked out by hand: 2026-03-02 09:00:00 in America/New_York (EST, UTC-5) is
 * 14:00:00Z = 1772460000 s; 2026-03-08 02:00-03:00 does not exist there and
 * 2026-11-01 01:00-02:00 happens twice.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import contactsSource from "../../src/sources/cckpi-contacts.js";
import { cli, fixture, parseCsv } from "../helpers.js";
import { lines, readText, runSource, tempDir, type Ran } from "./run-source.js";

const S = 1000;
const T0 = 1772460000 * S; // 2026-03-02 09:00:00 America/New_York
const NY = "America/New_York";

const run = (text: string, o: Parameters<typeof runSource>[2] = {}): Ran => runSource(contactsSource, text, { zone: NY, ...o });

const FULL = lines(
  "contact_id,call_id,queue,agent,customer,arrived_at,answered_at,ended_at,outcome,wait_seconds,talk_seconds,hold_seconds,acw_seconds,transferred,disposition,rating,resolved,channel",
  "k1,call1,sales,PJSIP/1001,+1 212 555 0101,2026-03-02T09:00:00,2026-03-02T09:00:12,2026-03-02T09:05:42,answered,12,300,30,45,yes,billing,4,true,phone",
  "k2,,sales,,,2026-03-02 09:10:00,2026-03-02 09:10:20,2026-03-02 09:14:20,Answered,,,40,,,,,,web",
  "k3,,support,,,2026-03-02T09:20:00-05:00,,2026-03-02T09:20:45-05:00,ABANDON,,,,,,,,,",
  "k4,,support,,,2026-03-02T14:30:00Z,,,exitwithtimeout,300,,,,no,,,0,",
  "k5,,sales,Agent/1002,,2026-03-02 09:40:00,,,answered,5,100,,,,,,,",
  "k6,,sales,,,2026-03-02 09:50:00,,,not_joined,,,,,,,,,",
);

describe("cckpi-contacts through the record view and through field strings alike", () => {
  // readInput hands rows to rowView (numbers, timestamps and 0/1 flags read from the
  // characters); row() builds a view from strings. Refusals included, both must agree.
  const HEAD = "contact_id,call_id,queue,agent,customer,arrived_at,answered_at,ended_at,outcome,wait_seconds,talk_seconds,hold_seconds,acw_seconds,transferred,disposition,rating,resolved,channel";
  const odd = [
    HEAD,
    "c1,k1,sales,SIP/1001,+15550001,2026-03-02T09:00:00,2026-03-02T09:00:07,2026-03-02T09:03:00,answered,7,173,0,20,0,ok,5,1,voice",
    'c2,k2," sales ",1002,,2026-03-02 09:01:00-05:00,,,abandoned, 12 ,,,,,,,,chat',
    "c3,k3,sales,1003,x,2026-03-02T09:02:00.250Z,,2026-03-02T09:02:30Z,timeout,1e1,,,,yes,,4.5,TRUE,voice",
    "c4,k4,sales,1003,x,2026-03-08T02:30:00,,,abandoned,3,,,,,,,,voice",
    "c5,k5,sales,1003,x,2026-03-02T09:00:00+0100,,,abandoned,3,,,,2,,,,voice",
    "c6,k6,sales,1003,x,2026-02-30T09:00:00,,,abandoned,3,,,,,,,,voice",
    "c7,k7,sales,1003,x,2026-03-02T09:00:00,,,abandoned,-3,,,,,,,,voice",
    'c8,k8,"sa""les",1003,x,"2026-03-02T09:00:00",,,abandoned,"3",,,,"1",,,,voice',
    "c9,k9,sales,1003,x,2026-03-02T09:00:00,,,abandoned,3,,,,,,,",
    HEAD,
    "",
    "c10,k10,sales,1003,x, 2026-03-02T09:00:00 ,,,answered,,,,,,,,,voice",
  ].join("\n");
  it.each([
    ["fixture calls.csv", readFileSync(fixture("contacts", "calls.csv"), "utf8")],
    ["odd rows", odd],
  ])("%s", (_name, text) => {
    const o = { zone: "America/New_York", dims: ["channel"] };
    const view = runSource(contactsSource, text, { ...o, via: "view" });
    expect(view).toEqual(runSource(contactsSource, text, { ...o, via: "row" }));
    expect(view.ledger.read).toBeGreaterThan(2);
  });
});

describe("cckpi-contacts", () => {
  it("reads every column", () => {
    const r = run(FULL);
    expect(r.rejects).toEqual([]);
    expect(r.contacts[0]).toEqual({
      contactId: "k1",
      callId: "call1",
      queue: "sales",
      agent: "1001",
      customer: "+1 212 555 0101",
      arrivedMs: T0,
      answeredMs: T0 + 12 * S,
      endedMs: T0 + 342 * S, // 09:05:42
      outcome: "answered",
      waitSeconds: 12,
      talkSeconds: 300,
      holdSeconds: 30,
      acwSeconds: 45,
      transferred: true,
      disposition: "billing",
      rating: 4,
      resolved: true,
      dims: null, // channel not asked for
      file: "test-input",
      line: 2,
      rowCount: 1,
    });
    expect(r.ledger).toEqual({ read: 7, used: 6, rejected: 0, filtered: 1, duplicates: 0 });
    expect(r.filters).toEqual([{ line: 1, reason: "header", rows: 1 }]);
  });

  it("derives wait, talk and ended when blank", () => {
    const [, k2, k3, k4, k5, k6] = run(FULL).contacts;
    // k2: wait = 09:10:20 - 09:10:00 = 20; talk = (09:14:20 - 09:10:20) - hold 40 = 200; call id = contact id
    expect(k2).toMatchObject({
      contactId: "k2", callId: "k2", agent: "", outcome: "answered", arrivedMs: T0 + 600 * S, answeredMs: T0 + 620 * S, endedMs: T0 + 860 * S,
      waitSeconds: 20, talkSeconds: 200, holdSeconds: 40, acwSeconds: 0, transferred: false, resolved: null, rating: null, disposition: "",
    });
    // k3: explicit offset; wait = ended - arrived = 45
    expect(k3).toMatchObject({ outcome: "abandoned", arrivedMs: T0 + 1200 * S, answeredMs: null, endedMs: T0 + 1245 * S, waitSeconds: 45, talkSeconds: 0 });
    // k4: 14:30Z; ended = arrived + wait 300
    expect(k4).toMatchObject({ outcome: "timeout", arrivedMs: T0 + 1800 * S, endedMs: T0 + 2100 * S, waitSeconds: 300, transferred: false, resolved: false });
    // k5: answered = arrived + wait 5; ended = answered + talk 100
    expect(k5).toMatchObject({ agent: "1002", arrivedMs: T0 + 2400 * S, answeredMs: T0 + 2405 * S, endedMs: T0 + 2505 * S, waitSeconds: 5, talkSeconds: 100 });
    // k6: not joined, no times: wait 0, ended = arrived
    expect(k6).toMatchObject({ outcome: "not_joined", arrivedMs: T0 + 3000 * S, endedMs: T0 + 3000 * S, waitSeconds: 0, answeredMs: null });
  });

  it("keeps extra columns as dimensions only when asked for", () => {
    expect(run(FULL).contacts.map((c) => c.dims)).toEqual([null, null, null, null, null, null]);
    expect(run(FULL, { dims: ["channel"] }).contacts.map((c) => c.dims)).toEqual([
      { channel: "phone" }, { channel: "web" }, { channel: "" }, { channel: "" }, { channel: "" }, { channel: "" },
    ]);
    expect(run(FULL, { dims: ["Channel"] }).contacts[0]!.dims).toEqual({ Channel: "phone" });
    expect(run(FULL, { dims: ["region"] }).contacts[0]!.dims).toBeNull();
  });

  it("reads outcome words, any case", () => {
    const words = ["answered", "ANSWERED", "abandoned", "abandon", "timeout", "ExitWithTimeout", "exit_key", "exitwithkey", "exit_empty", "exitempty", "not_joined", "hungup"];
    const r = run(lines("queue,arrived_at,outcome,wait_seconds", ...words.map((w, i) => `q,2026-03-02 10:${String(i).padStart(2, "0")}:00,${w},10`)));
    expect(r.contacts.map((c) => c.outcome)).toEqual([
      "answered", "answered", "abandoned", "abandoned", "timeout", "timeout", "exit_key", "exit_key", "exit_empty", "exit_empty", "not_joined",
    ]);
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[13, "BAD_OUTCOME"]]);
    expect(r.ledger).toEqual({ read: 13, used: 11, rejected: 1, filtered: 1, duplicates: 0 });
  });

  it("reads flags: 1/0, true/false, yes/no, y/n, t/f, blank = unknown; anything else is BAD_FLAG", () => {
    const r = run(lines(
      "queue,arrived_at,outcome,wait_seconds,transferred,resolved",
      "q,2026-03-02 10:00:00,answered,1,1,0",
      "q,2026-03-02 10:01:00,answered,1,TRUE,false",
      "q,2026-03-02 10:02:00,answered,1,yes,No",
      "q,2026-03-02 10:03:00,answered,1,Y,n",
      "q,2026-03-02 10:04:00,answered,1,t,F",
      "q,2026-03-02 10:05:00,answered,1,,",
      "q,2026-03-02 10:06:00,answered,1,maybe,1",
      "q,2026-03-02 10:07:00,answered,1,1,perhaps",
    ));
    expect(r.contacts.map((c) => [c.transferred, c.resolved])).toEqual([
      [true, false], [true, false], [true, false], [true, false], [true, false], [false, null],
    ]);
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[8, "BAD_FLAG"], [9, "BAD_FLAG"]]);
  });

  it("rejects ragged rows, bad and DST-ambiguous times, CST, bad numbers at their lines; filters repeated headers", () => {
    const r = run(lines(
      "queue,arrived_at,answered_at,ended_at,outcome,wait_seconds,talk_seconds",
      "sales,2026-03-02 09:00:00,,,answered,10,60", //                               2 ok
      "sales,2026-03-02 09:01:00,,,answered,10", //                                  3 six fields
      "queue,arrived_at,answered_at,ended_at,outcome,wait_seconds,talk_seconds", //  4 header again (concatenated file)
      "sales,03/02/2026 09:00,,,answered,10,60", //                                  5
      "sales,2026-03-02 09:00:00,2026-03-02 9:00:10,,answered,,60", //               6 answered_at without the hour's 0
      "sales,2026-03-08 02:30:00,,,abandoned,5,", //                                 7 skipped by spring-forward
      "sales,2026-11-01 01:30:00,,,abandoned,5,", //                                 8 happens twice
      "sales,2026-11-01 01:30:00-04:00,,,abandoned,5,", //                           9 ok: the offset says which
      "sales,2026-11-01 01:30:00 CST,,,abandoned,5,", //                            10
      "sales,2026-03-02 09:00:00,,2026-03-02 09:00:30,abandoned,,", //              11 ok: wait 30
      "sales,2026-03-02 09:00:00,,,answered,,60", //                                12 no wait, no answered_at
      "sales,2026-03-02 09:00:00,2026-03-02 08:59:00,,answered,,60", //             13 answered before arrival
      "sales,2026-03-02 09:00:00,,,answered,12s,60", //                             14
      ",2026-03-02 09:00:00,,,answered,1,60", //                                    15 no queue
      "sales,2026-03-02 09:00:00,,2026-03-02 09:00:99,abandoned,,", //              16 ended_at second 99
      "sales,2026-02-30 09:00:00,,,abandoned,4,", //                                17 no 30 February
    ));
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([
      [3, "RAGGED_ROW"],
      [5, "BAD_TIMESTAMP"],
      [6, "BAD_TIMESTAMP"],
      [7, "DST_GAP"],
      [8, "DST_AMBIGUOUS"],
      [10, "TZ_ABBREVIATION"],
      [12, "MISSING_VALUE"],
      [13, "BAD_TIMESTAMP"],
      [14, "BAD_NUMBER"],
      [15, "MISSING_VALUE"],
      [16, "BAD_TIMESTAMP"],
      [17, "BAD_TIMESTAMP"],
    ]);
    expect(r.rejects[0]!.raw).toBe("sales,2026-03-02 09:01:00,,,answered,10");
    expect(r.filters).toEqual([
      { line: 1, reason: "header", rows: 1 },
      { line: 4, reason: "repeated header", rows: 1 },
    ]);
    expect(r.contacts.map((c) => [c.line, c.arrivedMs, c.waitSeconds])).toEqual([
      [2, T0, 10],
      [9, Date.UTC(2026, 10, 1, 5, 30), 5], // 01:30 EDT = 05:30Z
      [11, T0, 30],
    ]);
    expect(r.ledger).toEqual({ read: 17, used: 3, rejected: 12, filtered: 2, duplicates: 0 });
  });

  it("a repeated header behind a BOM of its own (concatenated files) is filtered too", () => {
    const r = run(lines("queue,arrived_at,outcome,wait_seconds", "sales,2026-03-02 09:00:00,answered,10", "\uFEFFqueue,arrived_at,outcome,wait_seconds", "sales,2026-03-02 09:01:00,answered,11"));
    expect(r.filters.map((f) => [f.line, f.reason])).toEqual([[1, "header"], [3, "repeated header"]]);
    expect(r.contacts.map((c) => c.waitSeconds)).toEqual([10, 11]);
    expect(r.ledger).toEqual({ read: 4, used: 2, rejected: 0, filtered: 2, duplicates: 0 });
  });

  it("a header without a required column stops the file with MISSING_COLUMN (exit 1), naming what lacks", () => {
    expect(() => run(lines("contact_id,queue,outcome,wait_seconds", "k1,sales,answered,10"))).toThrow(
      expect.objectContaining({ code: "MISSING_COLUMN", message: expect.stringContaining("arrived_at") }),
    );
  });

  it("is detected through readInput with a BOM and semicolons, and the ledger balances", async () => {
    const text = `\uFEFF${lines("contact_id;queue;arrived_at;outcome;wait_seconds", "a;sales;2026-03-02 09:00:00;answered;10", "", "b;sales;2026-03-02 09:00:00;abandoned")}`;
    const o = await readText(text, { zone: NY, name: "contacts.csv" });
    expect(o.result.source.id).toBe("cckpi-contacts");
    expect(o.result.delimiter).toBe(";");
    expect(o.contacts.map((c) => [c.contactId, c.arrivedMs, c.waitSeconds])).toEqual([["a", T0, 10]]);
    expect(o.rejects.map((x) => [x.line, x.code])).toEqual([[4, "RAGGED_ROW"]]);
    expect(o.tally.toJSON()).toMatchObject({ read: 4, used: 1, rejected: 1, filtered: 2, duplicates: 0 });
  });

  it("through the CLI: a repeated contact_id is counted once, as a duplicate", async () => {
    const dir = tempDir();
    try {
      const f = join(dir, "contacts.csv");
      writeFileSync(f, lines(
        "contact_id,queue,arrived_at,outcome,wait_seconds,talk_seconds",
        "a,sales,2026-03-02 09:00:00,answered,10,100",
        "b,sales,2026-03-02 09:05:00,abandoned,30,",
        "a,sales,2026-03-02 09:00:00,answered,10,100",
      ));
      const r = await cli(["report", f, "--tz", NY, "--by", "day,queue", "--metrics", "offered,answered", "-f", "csv", "--no-total"]);
      expect(r.code).toBe(0);
      expect(parseCsv(r.stdout)).toEqual([{ day: "2026-03-02", queue: "sales", offered: "2", answered: "1" }]);
      expect(r.stderr).toContain("rows read 4 = used 2 + rejected 0 + filtered 1 + duplicates 1");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
