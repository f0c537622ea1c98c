/**
 * Metric test harness: build contacts by hand, run them through the real engine
 * (IntervalBuilder -> rollup) with one metric, and read values back. Times are
 * UTC; the zone is UTC unless given, so interval maths stay visible in tests.
 */
import { IntervalBuilder } from "../../src/engine/builder.js";
import { contactOf, type Contact } from "../../src/model/contact.js";
import type { AgentStateSpan, ScheduleCategory, ScheduleSpan, StateCategory, StateLayer } from "../../src/model/agent.js";
import { TimeZone } from "../../src/model/time.js";
import { resolveMetrics } from "../../src/config/load.js";
import type { Config } from "../../src/config/schema.js";
import { builtinMetrics } from "../../src/metrics/index.js";
import { allFacts } from "../../src/report/instances.js";
import { rollup, type ReportTable } from "../../src/report/rollup.js";

export const T0 = Date.UTC(2026, 2, 2, 9, 0, 0); // 2026-03-02 09:00 UTC
let seq = 0;

/** A contact with sensible defaults: answered at T0 + wait, talk 60 s, queue "q1". */
export function contact(p: Partial<Contact> & { at?: number } = {}): Contact {
  const id = `c${++seq}`;
  const arrivedMs = p.arrivedMs ?? T0 + (p.at ?? 0) * 1000;
  const outcome = p.outcome ?? "answered";
  const wait = p.waitSeconds ?? 10;
  const talk = p.talkSeconds ?? (outcome === "answered" ? 60 : 0);
  const answeredMs = outcome === "answered" ? (p.answeredMs ?? arrivedMs + wait * 1000) : null;
  const endedMs = p.endedMs !== undefined ? p.endedMs : outcome === "answered" ? answeredMs! + talk * 1000 + (p.holdSeconds ?? 0) * 1000 : arrivedMs + wait * 1000;
  // contactOf fills hold, ACW, transfer, disposition, survey and dims from `p` or their defaults.
  return contactOf({
    ...p,
    contactId: p.contactId ?? id,
    callId: p.callId ?? p.contactId ?? id,
    queue: p.queue ?? "q1",
    agent: p.agent ?? (outcome === "answered" ? "1001" : ""),
    customer: p.customer ?? "",
    arrivedMs,
    answeredMs,
    endedMs,
    outcome,
    waitSeconds: wait,
    talkSeconds: talk,
    file: "test",
    line: seq,
    rowCount: 1,
  });
}

export interface ComputeOptions {
  /** Options for the metric (as under config `metrics.<id>`). */
  options?: Record<string, unknown>;
  /** Per-queue overrides (as under config `queues.<q>.metrics.<id>`). */
  perQueue?: Record<string, Record<string, unknown>>;
  by?: string[];
  zone?: string;
  intervalMinutes?: number;
  attribution?: "arrival" | "end";
  fromMs?: number | null;
  toMs?: number | null;
  /** Agent state and schedule spans (see `state()` and `shift()`). */
  states?: AgentStateSpan[];
  schedule?: ScheduleSpan[];
  teams?: Record<string, string>;
  activities?: Record<string, ScheduleCategory>;
  /** Record buckets (default intervals, as `cckpi intervals` keeps them). */
  bucket?: "interval" | "day" | "period";
}

let spanLine = 0;

/**
 * An agent state span from minute `fromMin` to `toMin` after T0 (09:00 UTC);
 * `toMin` null leaves it open. Layer presence unless given.
 */
export function state(
  agent: string,
  category: StateCategory,
  fromMin: number,
  toMin: number | null,
  p: { reason?: string; layer?: StateLayer; busyShare?: number; base?: number } = {},
): AgentStateSpan {
  const base = p.base ?? T0;
  const span: AgentStateSpan = {
    agent,
    layer: p.layer ?? "presence",
    category,
    reason: p.reason ?? "",
    startMs: base + fromMin * 60_000,
    endMs: toMin === null ? null : base + toMin * 60_000,
    file: "states",
    line: ++spanLine,
    rowCount: 1,
  };
  if (p.busyShare !== undefined) span.busyShare = p.busyShare;
  return span;
}

/** A schedule span from minute `fromMin` to `toMin` after T0 (or `base`). */
export function shift(agent: string, category: ScheduleCategory, fromMin: number, toMin: number, p: { activity?: string; base?: number } = {}): ScheduleSpan {
  const base = p.base ?? T0;
  return { agent, activity: p.activity ?? category, category, startMs: base + fromMin * 60_000, endMs: base + toMin * 60_000, file: "schedule", line: ++spanLine, rowCount: 1 };
}

export function table(ids: string[], contacts: Contact[], o: ComputeOptions = {}): ReportTable {
  const config: Config = {
    metrics: o.options ? Object.fromEntries(ids.map((id) => [id, o.options!])) : {},
    queues: o.perQueue
      ? Object.fromEntries(Object.entries(o.perQueue).map(([q, opts]) => [q, { metrics: Object.fromEntries(ids.map((id) => [id, opts])) }]))
      : {},
  };
  const instances = resolveMetrics(ids, builtinMetrics, config, null);
  const zone = TimeZone.of(o.zone ?? "UTC");
  const by = o.by ?? ["period"];
  const b = new IntervalBuilder({
    zone,
    intervalMinutes: o.intervalMinutes ?? 30,
    attribution: o.attribution ?? "arrival",
    fromMs: o.fromMs ?? null,
    toMs: o.toMs ?? null,
    facts: allFacts(instances),
    keepQueue: true,
    keepAgent: by.includes("agent"),
    dims: by.filter((d) => !["interval", "day", "week", "month", "period", "queue", "agent"].includes(d)),
    teamOf: (a) => o.teams?.[a] ?? "",
    activities: o.activities ? new Map(Object.entries(o.activities)) : null,
    bucket: o.bucket ?? "interval",
  });
  for (const c of contacts) b.add(c);
  for (const sp of o.states ?? []) b.addState(sp);
  for (const sp of o.schedule ?? []) b.addSchedule(sp);
  return rollup(b.finish(), instances, { zone, by, total: true });
}

/**
 * The value of one metric over all contacts. With the default `by` (period), rows
 * read call-level records: give each contact its own call id (the default) to
 * test contact semantics.
 */
export function value(id: string, contacts: Contact[], o: ComputeOptions = {}): number | null {
  const t = table([id], contacts, o);
  const col = t.columns.findIndex((c) => c.id === id.replace(/-/g, "_"));
  return (t.rows[0]?.[col] ?? null) as number | null;
}

/** Rows of one metric by a dimension: label -> value (the total row under "Total"). */
export function valuesBy(id: string, contacts: Contact[], by: string[], o: ComputeOptions = {}): Record<string, number | null> {
  const t = table([id], contacts, { ...o, by });
  const col = t.columns.findIndex((c) => c.id === id.replace(/-/g, "_"));
  const out: Record<string, number | null> = {};
  for (const r of [...t.rows, ...(t.total ? [t.total] : [])]) out[r.slice(0, by.filter((d) => d !== "period").length || 1).join("|")] = r[col] as number | null;
  return out;
}

export const MIN = 60;
export const HOUR = 3600;

/** Every row (and the total) of a table as objects keyed by column id, by row label. */
export function rowObjects(ids: string[], contacts: Contact[], o: ComputeOptions = {}): Record<string, Record<string, string | number | null>> {
  const t = table(ids, contacts, o);
  const n = (o.by ?? ["period"]).filter((d) => d !== "period").length || 1;
  const out: Record<string, Record<string, string | number | null>> = {};
  for (const r of [...t.rows, ...(t.total ? [t.total] : [])]) {
    out[r.slice(0, n).join("|")] = Object.fromEntries(t.columns.map((c, i) => [c.id, r[i] ?? null]));
  }
  return out;
}

/**
 * One contact of every outcome (several of some), each its own call, all in the
 * 09:00 interval of queue q1. Hand counts (METRICS.md §1):
 *   answered  waits 5, 20, 40                   -> 3  (wait sum 65)
 *   abandoned waits 0, 3, 5, 8, 15              -> 5  (wait sum 31; short <= 5 s: 0, 3, 5 = 3)
 *   timeout   wait 300                          -> 1
 *   exit_key  wait 10                           -> 1
 *   exit_empty wait 0                           -> 1
 *   not_joined x2 (wait 0)                      -> 2, not offered
 *   offered = 3 + 5 + 1 + 1 + 1 = 11; wait of offered = 65 + 31 + 300 + 10 + 0 = 406
 */
export function mixedOutcomes(): Contact[] {
  return [
    contact({ waitSeconds: 5 }),
    contact({ waitSeconds: 20 }),
    contact({ waitSeconds: 40 }),
    ...[0, 3, 5, 8, 15].map((w) => contact({ outcome: "abandoned", waitSeconds: w })),
    contact({ outcome: "timeout", waitSeconds: 300 }),
    contact({ outcome: "exit_key", waitSeconds: 10 }),
    contact({ outcome: "exit_empty", waitSeconds: 0 }),
    contact({ outcome: "not_joined", waitSeconds: 0 }),
    contact({ outcome: "not_joined", waitSeconds: 0 }),
  ];
}

/**
 * Two multi-queue calls and a refused one (METRICS.md §2, "cross-queue totals count a call once"):
 *   call A: q1 answered (wait 10, transferred) -> q2 answered (wait 5)
 *   call B: q1 timeout (wait 300)             -> q2 abandoned (wait 20)
 *   call C: q2 not_joined
 * By queue (contacts): q1 offered 2 (answered 1, timeout 1); q2 offered 2 (answered 1, abandoned 1), not_joined 1.
 * Across queues (calls, outcome of the last contact): offered 2 (A answered, B abandoned), timeout 0, not_joined 1.
 */
export function multiQueueCalls(): Contact[] {
  return [
    contact({ callId: "A", queue: "q1", at: 0, waitSeconds: 10, transferred: true }),
    contact({ callId: "A", queue: "q2", at: 75, waitSeconds: 5 }),
    contact({ callId: "B", queue: "q1", outcome: "timeout", at: 100, waitSeconds: 300 }),
    contact({ callId: "B", queue: "q2", outcome: "abandoned", at: 400, waitSeconds: 20 }),
    contact({ callId: "C", queue: "q2", outcome: "not_joined", at: 500, waitSeconds: 0 }),
  ];
}

/* FCR helpers. Times in seconds from T0. */

/** An answered contact of `customer` arriving at `atSec`: wait 10 s, talk 60 s, so it ends at atSec + 70. */
export function answeredBy(customer: string, atSec: number, p: Partial<Contact> = {}): Contact {
  return contact({ customer, at: atSec, ...p });
}

/** An abandoned contact of `customer` arriving at `atSec` (a potential repeat, never eligible). */
export function abandonedBy(customer: string, atSec: number, p: Partial<Contact> = {}): Contact {
  return contact({ customer, at: atSec, outcome: "abandoned", waitSeconds: 10, ...p });
}

/** A keyless contact whose last timestamp is `endSec`: it moves the data end (latest timestamp read) there. */
export function dataEndAt(endSec: number, p: Partial<Contact> = {}): Contact {
  return contact({ customer: "", at: endSec - 10, outcome: "abandoned", waitSeconds: 10, ...p });
}
