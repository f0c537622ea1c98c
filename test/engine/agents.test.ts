/**
 * The agent timeline on its own: what it reports (open spans, overlaps, names
 * matched or not, the schedule window), the schedule-change rule behind the
 * adherence tolerance, and --from/--to clipping. Metric values are tested per
 * metric in test/metrics/.
 */
import { describe, expect, it } from "vitest";
import { scheduleChanges } from "../../src/engine/agents.js";
import { IntervalBuilder } from "../../src/engine/builder.js";
import { facts, type FactDef } from "../../src/engine/facts.js";
import type { AgentStateSpan, ScheduleSpan } from "../../src/model/agent.js";
import { TimeZone } from "../../src/model/time.js";
import { contact, rowObjects, shift, state, T0 } from "../metrics/harness.js";

const MIN_MS = 60_000;

function run(states: AgentStateSpan[], schedule: ScheduleSpan[] = [], o: { fromMs?: number; toMs?: number; facts?: FactDef[]; zone?: string } = {}) {
  const fs = o.facts ?? [facts.stateTime("logged_in"), facts.stateTime("available"), facts.stateTime("paused"), facts.scheduleTime("scheduled"), facts.adherent(60)];
  const b = new IntervalBuilder({
    zone: TimeZone.of(o.zone ?? "UTC"),
    intervalMinutes: 30,
    attribution: "arrival",
    fromMs: o.fromMs ?? null,
    toMs: o.toMs ?? null,
    facts: fs,
    keepQueue: true,
    keepAgent: true,
    dims: [],
  });
  const added = [...states.map((s) => b.addState(s)), ...schedule.map((s) => b.addSchedule(s))];
  const store = b.finish();
  /** Sum of one fact over contact-level records, by agent. */
  const sum = (key: string): Record<string, number> => {
    const out: Record<string, number> = {};
    const i = store.factIndex(key);
    store.keyList().forEach((k, r) => {
      if (k.level !== "contact") return;
      out[k.agent] = (out[k.agent] ?? 0) + store.valuesOf(r)[i]!;
    });
    return out;
  };
  /** Seconds of one fact by interval start (ISO) for one agent. */
  const byInterval = (key: string, agent: string): Record<string, number> => {
    const out: Record<string, number> = {};
    const i = store.factIndex(key);
    store.keyList().forEach((k, r) => {
      if (k.level !== "contact" || k.agent !== agent) return;
      const v = store.valuesOf(r)[i]!;
      if (v) out[new Date(k.startMs).toISOString().slice(11, 16)] = (out[new Date(k.startMs).toISOString().slice(11, 16)] ?? 0) + v;
    });
    return out;
  };
  return { summary: b.agentSummary!, sum, byInterval, added, store };
}

describe("agent timeline", () => {
  it("slices a span at interval boundaries: 09:25-09:40 -> 5 min in 09:00, 10 min in 09:30", () => {
    const r = run([state("a1", "available", 25, 40)]);
    expect(r.byInterval("state_logged_in_s", "a1")).toEqual({ "09:00": 300, "09:30": 600 });
  });

  it("writes the same seconds at the call level (rows across queues read them)", () => {
    const r = run([state("a1", "available", 0, 30)]);
    const i = r.store.factIndex("state_logged_in_s");
    const levels = r.store.keyList().map((k, n) => [k.level, r.store.valuesOf(n)[i]] as const);
    expect(levels).toEqual([["contact", 1800], ["call", 1800]]);
  });

  it("closes open spans at the data end and counts them", () => {
    // a1 open from 09:00; a2 runs to 10:00, which is the data end -> a1 has 60 min.
    const r = run([state("a1", "available", 0, null), state("a2", "available", 30, 60)]);
    expect(r.summary.openSpans).toBe(1);
    expect(r.sum("state_logged_in_s")).toEqual({ a1: 3600, a2: 1800 });
  });

  it("counts overlapping presence rows once, in the later-starting state, and reports them", () => {
    // available 09:00-10:00 and paused 09:40-10:10: union 70 min; 20 min overlap, paused wins there.
    const r = run([state("a1", "available", 0, 60), state("a1", "paused", 40, 70, { reason: "Lunch" })]);
    expect(r.sum("state_logged_in_s")).toEqual({ a1: 70 * 60 });
    expect(r.sum("state_available_s")).toEqual({ a1: 40 * 60 });
    expect(r.sum("state_paused_s")).toEqual({ a1: 30 * 60 });
    expect(r.summary.overlapSeconds).toBe(20 * 60);
    expect(r.summary.overlapExample).toMatch(/^a1: states:\d+ and states:\d+$/);
  });

  it("layered spans (queue_log) overlap by design and are not reported", () => {
    const r = run([
      state("a1", "available", 0, 120, { layer: "session" }),
      state("a1", "paused", 30, 60, { layer: "pause", reason: "Lunch" }),
      state("a1", "talking", 60, 75, { layer: "work" }),
    ]);
    expect(r.summary.overlapSeconds).toBe(0);
    expect(r.sum("state_paused_s")).toEqual({ a1: 1800 });
    expect(r.sum("state_available_s")).toEqual({ a1: 75 * 60 });
  });

  it("matches schedule names case-insensitively and lists names on one side only", () => {
    const r = run(
      [state("Agent04 Person", "available", 0, 60), state("Agent05 Person", "available", 0, 60)],
      [shift("AGENT04 Person", "work", 0, 60), shift("Agent09 Person", "work", 0, 60)],
    );
    // One record set for Agent04 under the state data's spelling; Agent09 has no state data.
    expect(r.sum("schedule_scheduled_s")).toEqual({ "Agent04 Person": 3600, "Agent05 Person": 0 });
    expect(r.sum("adherent_60s_s")["Agent04 Person"]).toBe(3600);
    expect(r.summary.scheduleOnly).toEqual(["Agent09 Person"]);
    expect(r.summary.noSchedule).toEqual(["Agent05 Person"]);
  });

  it("evaluates the schedule only over the span of the state data", () => {
    // State data 09:00-10:00; a shift 08:00-11:00 counts only 09:00-10:00 as scheduled.
    const r = run([state("a1", "available", 0, 60)], [shift("a1", "work", -60, 120)]);
    expect(r.summary.scheduleWindow).toEqual({ fromMs: T0, toMs: T0 + 60 * MIN_MS });
    expect(r.sum("schedule_scheduled_s")).toEqual({ a1: 3600 });
  });

  it("--from/--to: spans wholly outside are not added; spans across the edge are cut", () => {
    const r = run([state("a1", "available", -120, -60), state("a1", "available", 20, 90)], [], { fromMs: T0, toMs: T0 + 60 * MIN_MS });
    expect(r.added).toEqual(["out-of-range", "used"]);
    expect(r.sum("state_logged_in_s")).toEqual({ a1: 40 * 60 });
  });

  it("agent-days count each local day with logged-in time once, in the day's first interval", () => {
    // 23:00-01:00 UTC crosses midnight: two days. A second span the same first day adds nothing.
    const base = Date.UTC(2026, 2, 2, 0, 0);
    const r = run([state("a1", "available", 22 * 60, 22 * 60 + 30, { base }), state("a1", "available", 23 * 60, 25 * 60, { base })], [], { facts: [facts.agentDays] });
    expect(r.sum("agent_days")).toEqual({ a1: 2 });
    expect(r.byInterval("agent_days", "a1")).toEqual({ "22:00": 1, "00:00": 1 });
  });

  it("agent-days over a 23-hour local day: each local date once, from many short spans", () => {
    // New York, 2026-03-08 runs 05:00-04:00 UTC (clocks go forward at 07:00 UTC). Half-hour spans every
    // two hours from 2026-03-08 01:00 UTC (03-07 20:00 local), then one at 03-09 04:30 UTC (00:30 local).
    const base = Date.UTC(2026, 2, 8, 1, 0);
    const states = Array.from({ length: 14 }, (_, k) => state("a1", "available", 120 * k, 120 * k + 30, { base }));
    states.push(state("a1", "available", 27 * 60 + 30, 28 * 60, { base }));
    const r = run(states, [], { facts: [facts.agentDays], zone: "America/New_York" });
    const days = r.store.keyList().flatMap((k, i) => (k.level === "contact" && r.store.valuesOf(i)[0]! ? [new Date(k.startMs).toISOString().slice(0, 16)] : []));
    expect(days).toEqual(["2026-03-08T01:00", "2026-03-08T05:00", "2026-03-09T04:30"]);
  });
});

describe("agent timeline with contacts and config", () => {
  it("contacts after the state data do not stretch the schedule window", () => {
    // a1 available 09:00-10:00 against a 09:00-17:00 shift; a contact at 16:00 must not make 10:00-16:00 non-adherent.
    const rows = rowObjects(["adherence", "conformance"], [contact({ agent: "a1", at: 7 * 3600 })], {
      by: ["agent"],
      states: [state("a1", "available", 0, 60)],
      schedule: [shift("a1", "work", 0, 480)],
    });
    expect(rows.a1).toMatchObject({ adherence: 1, conformance: 1 });
  });

  it("joins state rows to contact rows whose agent differs only in case", () => {
    // Contacts by "Alice" (1 handled), states by "alice" (30 min): one row, 2 contacts per hour.
    const rows = rowObjects(["contacts-per-hour"], [contact({ agent: "Alice" })], { by: ["agent"], states: [state("alice", "available", 0, 30)] });
    expect(Object.keys(rows)).toEqual(["Alice", "Total"]);
    expect(rows.Alice!.contacts_per_hour).toBe(2);
  });

  it("config activities match pause reasons in any case", () => {
    const o = (key: string) =>
      rowObjects(["adherence"], [], {
        by: ["agent"],
        states: [state("a1", "paused", 0, 60, { reason: "Busy_Other_Tasks" })],
        schedule: [shift("a1", "work", 0, 60)],
        activities: { [key]: "work" },
      }).a1!.adherence;
    expect(o("BUSY_OTHER_TASKS")).toBe(1);
    expect(o("busy_other_tasks")).toBe(1);
    expect(o("Lunch")).toBe(0);
  });

  it("config activities re-map roster activities too", () => {
    // "Phones" is work by default (unknown word); mapped to training, an available agent is not adherent.
    const adherence = (activities?: Record<string, "training">) =>
      rowObjects(["adherence"], [], { by: ["agent"], states: [state("a1", "available", 0, 60)], schedule: [shift("a1", "work", 0, 60, { activity: "Phones" })], ...(activities ? { activities } : {}) }).a1!.adherence;
    expect(adherence()).toBe(1);
    expect(adherence({ phones: "training" })).toBe(0);
  });
});

describe("scheduleChanges", () => {
  it("a lunch inside a shift makes four changes; unscheduled time is off", () => {
    const changes = scheduleChanges([shift("a", "work", 0, 480), shift("a", "lunch", 180, 240)]).map((c) => [(c.t - T0) / MIN_MS, c.before, c.after]);
    expect(changes).toEqual([
      [0, "off", "work"],
      [180, "work", "lunch"],
      [240, "lunch", "work"],
      [480, "work", "off"],
    ]);
  });

  it("back-to-back spans of one category are no change", () => {
    expect(scheduleChanges([shift("a", "work", 0, 60), shift("a", "work", 60, 120)]).map((c) => (c.t - T0) / MIN_MS)).toEqual([0, 120]);
  });
});
