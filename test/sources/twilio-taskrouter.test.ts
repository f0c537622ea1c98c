import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import ctrSource from "../../src/sources/amazon-connect-ctr.js";
import genesysSource from "../../src/sources/genesys-cloud.js";
import twilioSource from "../../src/sources/twilio-taskrouter.js";
import type { Sample } from "../../src/sources/define.js";
import { cli, fixture, parseCsv } from "../helpers.js";
import { detect, lines, readText } from "./run-source.js";

const at = (iso: string): number => Date.parse(iso);
const FIXTURE = fixture("twilio-taskrouter", "events.ndjson");
const TEXT = readFileSync(FIXTURE, "utf8");
const T = (n: number): string => `WT0000000000000000000000000000000${n}`;
const sample = (text: string): Sample => ({ name: "x", text: text.slice(0, 65536), delimiter: ",", rows: [] });

/** Every fixture file of the other formats. */
function otherFixtures(): string[] {
  const root = join(FIXTURE, "..", "..");
  const out: string[] = [];
  for (const d of readdirSync(root, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name === "twilio-taskrouter") continue;
    for (const f of readdirSync(join(root, d.name))) out.push(join(root, d.name, f));
  }
  return out;
}

describe("twilio-taskrouter", () => {
  it("reads the event fixture: one contact per task visit, every event accounted for", async () => {
    const r = await readText(TEXT, { format: "twilio-taskrouter", name: "events.ndjson" });
    expect(r.tally.balanced()).toBe(true);
    // 31 lines: 21 events consumed by 6 contacts, the broken line 23, a repeated
    // reservation.accepted (line 6), and 8 filtered: a worker event, 3 reservations never
    // accepted, a workflow event, and the 3 events of task 6, still open at the end.
    expect(r.tally.toJSON()).toMatchObject({
      read: 31, used: 21, rejected: 1, filtered: 8, duplicates: 1,
      filteredBy: {
        "worker event (agent-state data)": 1,
        "reservation not accepted (offer, reject, timeout...)": 3,
        "workspace, workflow or activity event": 1,
        "task still open at the end of the data": 3,
      },
    });
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[23, "BAD_JSON"]]);
    expect(r.warnings.some((w) => /1 task visit\(s\) still open/.test(w))).toBe(true);
    expect(r.contacts).toHaveLength(6);
    const byId = Object.fromEntries(r.contacts.map((c) => [c.contactId, c]));
    // created + entered + accepted + task.wrapup + reservation.wrapup + reservation.completed + task.completed.
    expect(byId[T(1)]).toMatchObject({
      callId: "CA00000000000000000000000000000001", queue: "Sales", agent: "alice", customer: "+14155550101", outcome: "answered",
      arrivedMs: at("2026-03-02T15:00:00Z"), answeredMs: at("2026-03-02T15:00:12Z"), endedMs: at("2026-03-02T15:04:12Z"),
      waitSeconds: 12, talkSeconds: 240, holdSeconds: 0, acwSeconds: 30, transferred: false, line: 1, rowCount: 7,
    });
    // Canceled (the caller hung up) 30 s after entering, after bob rejected the offer.
    expect(byId[T(2)]).toMatchObject({ queue: "Support", outcome: "abandoned", agent: "", waitSeconds: 30, endedMs: at("2026-03-02T15:05:30Z"), line: 11, rowCount: 3 });
    // Timed out of Sales after 120 s, then answered in Support by bob 20 s later: one call.
    expect(byId[T(3)]).toMatchObject({ callId: "CA00000000000000000000000000000003", queue: "Sales", outcome: "timeout", waitSeconds: 120, line: 16, rowCount: 3 });
    expect(byId[`${T(3)}:2`]).toMatchObject({
      callId: "CA00000000000000000000000000000003", queue: "Support", outcome: "answered", agent: "bob",
      waitSeconds: 20, talkSeconds: 180, acwSeconds: 0, line: 20, rowCount: 3,
    });
    // Task TTL exceeded (ISO timestamp) after 300 s; deleted by the application after 60 s.
    expect(byId[T(4)]).toMatchObject({ queue: "Support", outcome: "timeout", waitSeconds: 300, line: 24, rowCount: 2 });
    expect(byId[T(5)]).toMatchObject({ queue: "Sales", outcome: "exit_key", waitSeconds: 60, customer: "anonymous", line: 26, rowCount: 3 });
  });

  it("reads Event Streams CloudEvents (snake_case payload)", async () => {
    const ce = (type: string, time: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        specversion: "1.0", type: `com.twilio.taskrouter.${type}`, source: "x", id: `NO-${type}`, time,
        data: { payload: { eventtype: type, task_sid: "WT-ce", task_queue_name: "Billing", task_attributes: '{"from":"+14155550199"}', timestamp: time, ...extra } },
      });
    const r = await readText(lines(
      ce("task.created", "2026-03-02T16:00:00Z"),
      ce("reservation.accepted", "2026-03-02T16:00:09Z", { worker_name: "carol", reservation_sid: "WR-ce" }),
      ce("task.completed", "2026-03-02T16:02:09Z"),
    ), { format: "twilio-taskrouter", name: "ce.ndjson" });
    expect(r.tally.toJSON()).toMatchObject({ read: 3, used: 3 });
    expect(r.contacts[0]).toMatchObject({ queue: "Billing", agent: "carol", customer: "+14155550199", outcome: "answered", waitSeconds: 9, talkSeconds: 120 });
  });

  it("filters events after the task ended and events of unknown tasks", async () => {
    const ev = (e: string, ts: number, extra: Record<string, unknown> = {}) => JSON.stringify({ EventType: e, TaskSid: "WT-x", TaskQueueName: "Sales", Timestamp: ts, ...extra });
    const r = await readText(lines(
      ev("task-queue.entered", 1772463600),
      ev("task.canceled", 1772463605, { TaskCanceledReason: "hangup" }),
      ev("reservation.completed", 1772463606),
      JSON.stringify({ EventType: "task.updated", TaskSid: "WT-y", Timestamp: 1772463607 }),
      JSON.stringify({ EventType: "task.completed", Timestamp: 1772463607 }),
    ), { format: "twilio-taskrouter" });
    expect(r.tally.balanced()).toBe(true);
    expect(r.tally.toJSON()).toMatchObject({
      read: 5, used: 2, rejected: 1, filtered: 2,
      filteredBy: { "event after the task ended": 1, "task event outside a queue visit": 1 },
    });
    expect(r.contacts[0]).toMatchObject({ outcome: "abandoned", waitSeconds: 5 });
  });

  it("is detected on its fixture, scores 0 on the other formats' fixtures, and Connect scores 0 on it", () => {
    expect(detect(TEXT, "events.ndjson")[0]?.id).toBe("twilio-taskrouter");
    expect(ctrSource.detect(sample(TEXT))).toBe(0);
    expect(genesysSource.detect(sample(TEXT))).toBe(0);
    const others = otherFixtures();
    expect(others.length).toBeGreaterThan(5);
    for (const f of others) expect([f, twilioSource.detect(sample(readFileSync(f, "latin1")))]).toEqual([f, 0]);
  });

  it("reports through the CLI: the overflowed task counts once in the total", async () => {
    const r = await cli(["report", FIXTURE, "--tz", "UTC", "--by", "queue", "--metrics", "offered,answered,asa,aht", "-f", "csv"]);
    expect(r.code).toBe(0);
    // Sales: task 1 (12 s, 240 + 30), task 3 timeout, task 5 exit_key. Support: task 2 abandoned, task 3 (20 s, 180), task 4 timeout.
    expect(parseCsv(r.stdout)).toEqual([
      { queue: "Sales", offered: "3", answered: "1", asa: "12", aht: "270" },
      { queue: "Support", offered: "3", answered: "1", asa: "20", aht: "180" },
      // 5 calls; task 3 once, its waits summed (120 + 20): asa (12 + 140) / 2, aht (270 + 180) / 2.
      { queue: "Total", offered: "5", answered: "2", asa: "76", aht: "225" },
    ]);
  });
});
