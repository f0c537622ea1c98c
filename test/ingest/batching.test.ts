/**
 * Reading in batches (recorded, then replayed chunk by chunk) hands the sinks and
 * the tally exactly what reading directly does: every item in the same order,
 * with the sinks' answers landing in the same ledger, rejections and warnings at
 * their place, and the same error at the same point. Over every fixture file and
 * a file of bad rows, with sinks that answer "duplicate" and "out-of-range" too,
 * and with sinks that take the contacts packed.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AddResult } from "../../src/engine/builder.js";
import type { IntervalRecordRow } from "../../src/engine/records.js";
import { BatchRecorder, BatchReplayer, readInputBatched } from "../../src/ingest/batching.js";
import { readInput, type ReadOptions, type ReadSinks } from "../../src/ingest/read.js";
import { Tally, type RejectRow } from "../../src/ingest/tally.js";
import { talkSpan, type AgentStateSpan } from "../../src/model/agent.js";
import { contactOf, type Contact } from "../../src/model/contact.js";
import { TimeZone } from "../../src/model/time.js";
import { builtinSources } from "../../src/sources/index.js";
import { fixture } from "../helpers.js";

const fixtures = readdirSync(fixture())
  .filter((d) => statSync(fixture(d)).isDirectory())
  .flatMap((d) => readdirSync(fixture(d)).map((f) => fixture(d, f)));

interface Outcome {
  log: string[];
  tally: unknown;
  /** The filter reasons in the order they were first counted (the summary on stderr lists them so). */
  filterOrder: string[];
  rejects: RejectRow[];
  error: string | null;
}

type Reader = typeof readInput;

/** Read `path` with sinks that log every call and answer by position (some duplicates, some out of range). */
async function run(read: Reader, path: string, o: { packed?: boolean; onError?: "fail" | "skip"; maxErrors?: number } = {}): Promise<Outcome> {
  const log: string[] = [];
  const rejects: RejectRow[] = [];
  const tally = new Tally(o.onError ?? "skip", o.maxErrors ?? null, (r) => rejects.push(r));
  let n = 0;
  const answer = (): AddResult => (++n % 7 === 0 ? "out-of-range" : n % 5 === 0 ? "duplicate" : "used");
  const contact = (c: Contact, checkDuplicate: boolean): AddResult => {
    log.push(`contact ${checkDuplicate} ${c.contactId} ${JSON.stringify(c)}`); // the id apart: a StintContact makes it when read
    return answer();
  };
  const sinks: ReadSinks = {
    contact,
    ...(o.packed ? { packed: (b, i, checkDuplicate) => contact(b.contact(i), checkDuplicate) } : {}),
    record: (r, rows) => (log.push(`record ${rows} ${JSON.stringify(r)}`), answer()),
    state: (s) => (log.push(`state ${JSON.stringify(s)}`), answer()),
    schedule: (s) => (log.push(`schedule ${JSON.stringify(s)}`), answer()),
  };
  const options: ReadOptions = {
    sources: builtinSources, format: null, delimiter: null, encoding: null, fallbackEncoding: "gb18030", zone: TimeZone.of("America/New_York"),
    agentAliases: null, dims: [], warn: (m) => log.push(`warn ${m}`), progress: (bytes) => log.push(`progress ${bytes}`),
  };
  let error: string | null = null;
  try {
    await read({ name: path, path, bytes: null }, options, tally, sinks);
  } catch (e) {
    error = (e as Error).message;
  }
  // A run that stops on an error prints no ledger; rows read are added per batch, so they are left out then.
  const { read: rowsRead, ...rest } = tally.toJSON();
  return { log, tally: error === null ? { read: rowsRead, ...rest } : rest, filterOrder: [...tally.filteredBy.keys()], rejects, error };
}

describe("readInputBatched gives the sinks and the tally what readInput gives", () => {
  it.each(fixtures.map((f) => [f.slice(fixture().length + 1), f]))("%s", async (_name, path) => {
    const direct = await run(readInput, path);
    expect(await run(readInputBatched, path)).toEqual(direct);
    expect(await run(readInputBatched, path, { packed: true })).toEqual(direct);
  });

  describe("bad rows: rejections at their place, and the same error at the same point", () => {
    const dir = mkdtempSync(join(tmpdir(), "cckpi-batching-"));
    const path = join(dir, "bad.csv");
    const rows = ["contact_id,queue,arrived_at,outcome,wait_seconds,talk_seconds"];
    // 3,000 rows (several chunks' worth of text would need more: the point is the order within one).
    for (let i = 0; i < 3000; i++) {
      const bad = i % 97 === 13;
      rows.push(`c${i % 2900},q${i % 3},2026-03-02T09:${String(i % 60).padStart(2, "0")}:00-05:00,${i % 4 ? "answered" : "abandoned"},${bad ? "soon" : i % 40},${i % 4 ? 60 + (i % 300) : 0}`);
    }
    writeFileSync(path, `${rows.join("\n")}\n`);
    it.each([
      ["skip", {}],
      ["--max-errors 5", { maxErrors: 5 }],
      ["--on-error fail", { onError: "fail" as const }],
    ])("%s", async (_name, o) => {
      try {
        const direct = await run(readInput, path, o);
        expect(direct.rejects.length).toBeGreaterThan(0);
        expect(direct.error === null).toBe(o === undefined || !("maxErrors" in o || "onError" in o));
        expect(await run(readInputBatched, path, o)).toEqual(direct);
        expect(await run(readInputBatched, path, { ...o, packed: true })).toEqual(direct);
      } finally {
        if (_name === "--on-error fail") rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe("filtered rows: one event per reason in a batch, the same counts and order as reading directly", () => {
  // A queue_log whose calls are interleaved with rows that are only counted: ring attempts, system
  // events, annotations. Every 7th contact is answered "out-of-range" by the sinks, a filter of the
  // ledger's own at the contact's place. `bad` puts a CONNECT with a holdtime that is not seconds
  // among them (a rejection, which stops the run under --on-error fail).
  function queueLog(bad: boolean): string {
    const lines: string[] = [];
    let t = 1772460000;
    for (let i = 0; i < 400; i++) {
      const id = `1772460000.${i}`;
      if (i === 3) lines.push(`${t}|NONE|NONE|NONE|QUEUESTART|`);
      lines.push(`${t}|${id}|support|NONE|ENTERQUEUE||5551000${i % 50}|1`);
      if (i % 3 === 0) lines.push(`${t + 2}|${id}|support|SIP/100${i % 4}|RINGNOANSWER|15000`);
      if (i % 11 === 5) lines.push(`${t + 3}|${id}|support|NONE|INFO|note ${i}`);
      lines.push(`${t + 5}|${id}|support|SIP/1001|CONNECT|${bad && i === 200 ? "soon" : 5}|${id}|2`);
      lines.push(`${t + 65}|${id}|support|SIP/1001|COMPLETECALLER|5|60|1`);
      t += 30;
    }
    return `${lines.join("\n")}\n`;
  }

  const dir = mkdtempSync(join(tmpdir(), "cckpi-filters-"));
  const good = join(dir, "queue_log");
  const bad = join(dir, "queue_log.bad");
  writeFileSync(good, queueLog(false));
  writeFileSync(bad, queueLog(true));

  it("a file of one batch: the same ledger, reasons in the same order", async () => {
    const direct = await run(readInput, good);
    expect(direct.filterOrder).toEqual(["ring attempt", "system event", "outside --from/--to", "annotation or unknown event (INFO)"]);
    expect(await run(readInputBatched, good)).toEqual(direct);
    expect(await run(readInputBatched, good, { packed: true })).toEqual(direct);
  });

  it.each([
    ["skip", {}],
    ["--on-error fail", { onError: "fail" as const }],
  ])("a rejection among them (%s): the tally at that row is the direct reader's", async (name, o) => {
    try {
      const direct = await run(readInput, bad, o);
      expect(direct.rejects.map((r) => r.code)).toEqual(["BAD_NUMBER"]);
      expect(direct.error !== null).toBe(name === "--on-error fail");
      expect(await run(readInputBatched, bad, o)).toEqual(direct);
      expect(await run(readInputBatched, bad, { ...o, packed: true })).toEqual(direct);
    } finally {
      if (name === "--on-error fail") rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a queue_log's talking span folds into its contact and is made again, the same, at its place", () => {
  const answered = (id: string, agent: string, answeredMs: number, endedMs: number, line: number): Contact =>
    contactOf({ contactId: id, callId: id, queue: "support", agent, customer: "5551000", arrivedMs: answeredMs - 5000, answeredMs, endedMs, outcome: "answered", waitSeconds: 5, talkSeconds: 60, file: "ql", line });

  /** Record what `feed` gives the recorder's sinks, then replay it: the state sink's spans in order, and the batch's state events. */
  function roundTrip(feed: (sinks: BatchRecorder["sinks"], tally: BatchRecorder["tally"]) => void): { log: string[]; stateEvents: number } {
    const recorder = new BatchRecorder();
    feed(recorder.sinks, recorder.tally);
    const batch = recorder.take()!;
    const log: string[] = [];
    const tally = new Tally("skip", null, null);
    const replayer = new BatchReplayer({ warn: () => {} }, tally, {
      contact: (c) => (log.push(`contact ${c.contactId}`), "used"),
      packed: (b, n) => (log.push(`contact ${b.contactId(n)}`), "used"),
      record: () => "used",
      state: (sp) => (log.push(`state ${JSON.stringify(sp)}`), "used"),
    });
    replayer.replay(batch);
    return { log, stateEvents: batch.events.filter((e) => e.k === "state").length };
  }

  it("each answered contact's span, an end before the answer too, comes back after its contact with no event sent", () => {
    const cs = [answered("a", "1001", 1_000_000, 1_060_000, 3), answered("b", "1002", 1_200_000, 1_150_000, 6)];
    const spans = cs.map((c) => talkSpan(c.agent, c.answeredMs!, c.endedMs!, c.file, c.line));
    expect(spans[1]!.endMs).toBe(1_200_000); // ended before it was answered (lines out of order): a span of no length
    const r = roundTrip((sinks) => cs.forEach((c, i) => (sinks.contact(c, false), sinks.state!(spans[i]!))));
    expect(r.stateEvents).toBe(0);
    expect(r.log).toEqual(["contact a", `state ${JSON.stringify(spans[0])}`, "contact b", `state ${JSON.stringify(spans[1])}`]);
  });

  it.each<[string, (c: Contact) => AgentStateSpan]>([
    ["another agent's", (c) => talkSpan("1009", c.answeredMs!, c.endedMs!, c.file, c.line)],
    ["another line's", (c) => talkSpan(c.agent, c.answeredMs!, c.endedMs!, c.file, c.line + 1)],
    ["a span with a reason", (c) => ({ ...talkSpan(c.agent, c.answeredMs!, c.endedMs!, c.file, c.line), reason: "x" })],
    ["a span with a busy share", (c) => ({ ...talkSpan(c.agent, c.answeredMs!, c.endedMs!, c.file, c.line), busyShare: 0.5 })],
    ["a span with a field of its own", (c) => ({ ...talkSpan(c.agent, c.answeredMs!, c.endedMs!, c.file, c.line), note: "x" }) as AgentStateSpan],
    ["a span that counts rows", (c) => ({ ...talkSpan(c.agent, c.answeredMs!, c.endedMs!, c.file, c.line), rowCount: 1 })],
    ["an acw span", (c) => ({ ...talkSpan(c.agent, c.answeredMs!, c.endedMs!, c.file, c.line), category: "acw" })],
  ])("%s stays an event", (_name, make) => {
    const c = answered("a", "1001", 1_000_000, 1_060_000, 3);
    const span = make(c);
    const r = roundTrip((sinks) => (sinks.contact(c, false), sinks.state!(span)));
    expect(r.stateEvents).toBe(1);
    expect(r.log).toEqual(["contact a", `state ${JSON.stringify(span)}`]);
  });

  it("a span after something else was recorded stays an event, in its place", () => {
    const c = answered("a", "1001", 1_000_000, 1_060_000, 3);
    const span = talkSpan(c.agent, c.answeredMs!, c.endedMs!, c.file, c.line);
    const r = roundTrip((sinks, tally) => (sinks.contact(c, false), tally.filter("ring attempt"), sinks.state!(span)));
    expect(r.stateEvents).toBe(1);
    expect(r.log).toEqual(["contact a", `state ${JSON.stringify(span)}`]);
  });
});

describe("interval records travel as runs of columns and come back the same, in their place", () => {
  const rec = (i: number, o: Partial<IntervalRecordRow> = {}): IntervalRecordRow => ({
    level: i % 3 === 0 ? "call" : "contact", startMs: 1_772_460_000_000 + (i % 5) * 1_800_000, minutes: 30,
    queue: `q${i % 4}`, agent: i % 2 ? `10${i % 7}` : "", dims: { team: `t${i % 3}`, site: "" }, facts: { offered: i, answered: i / 2, talk_s: 0 }, ...o,
  });
  const contact = (id: string): Contact =>
    contactOf({ contactId: id, callId: id, queue: "support", agent: "", customer: "", arrivedMs: 1_000_000, answeredMs: null, endedMs: null, outcome: "abandoned", waitSeconds: 5, talkSeconds: 0, file: "f", line: 1 });
  const hist = new Map([[12, 3], [15, 1]]);

  it("records of other shapes, histograms, rows of 0 and other items between them: one run per stretch of one shape", () => {
    const recorder = new BatchRecorder();
    const direct: string[] = [];
    const send = (r: IntervalRecordRow, rows = 1): void => {
      direct.push(`record ${rows} ${JSON.stringify(r)} ${JSON.stringify([...(r.hists ? Object.entries(r.hists).map(([k, h]) => [k, [...h]]) : [])])}`);
      recorder.sinks.record(r, rows);
    };
    for (let i = 0; i < 5; i++) send(rec(i)); // run 1
    send(rec(5, { hists: { wait_answered_hist: hist } })); // a histogram in the run: still run 1
    send(rec(6), 0); // run 1, a second record of a row already counted
    send(rec(7, { facts: { answered: 1, offered: 2, talk_s: 0 } })); // the same facts in another order: run 2
    send(rec(8, { dims: { team: "x" } })); // other dimensions: run 3
    recorder.sinks.contact(contact("c1"), true);
    direct.push("contact c1");
    send(rec(9, { dims: { team: "y" } })); // after a contact: run 4
    recorder.tally.reject({ file: "f", line: 9, code: "BAD_VALUE", message: "m", raw: "r" });
    direct.push("reject 9");
    send(rec(10, { dims: { team: "y" } })); // after a rejection: run 5
    send(rec(11, { dims: {}, facts: {} })); // no dims, no facts: run 6
    const batch = recorder.take()!;
    expect(batch.events.filter((e) => e.k === "records").map((e) => (e as { n: number }).n)).toEqual([7, 1, 1, 1, 1, 1]);

    const log: string[] = [];
    const tally = new Tally("skip", null, (r) => log.push(`reject ${r.line}`));
    const replayer = new BatchReplayer({ warn: () => {} }, tally, {
      contact: (c) => (log.push(`contact ${c.contactId}`), "used"),
      record: (r, rows) => (log.push(`record ${rows} ${JSON.stringify(r)} ${JSON.stringify([...(r.hists ? Object.entries(r.hists).map(([k, h]) => [k, [...h]]) : [])])}`), "used"),
    });
    replayer.replay(batch);
    expect(log).toEqual(direct);
    expect(tally.toJSON()).toMatchObject({ rejected: 1 });
  });
});
