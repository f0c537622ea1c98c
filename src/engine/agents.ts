/**
 * The agent timeline: agent state spans and schedule spans in, time-sliced
 * agent facts out (METRICS.md §2 "Time-slicing", §3 "Agents", "Workforce").
 *
 * Per agent, every span start and end (and each tolerance window around a
 * schedule change) is a boundary; between two boundaries the agent has one
 * state and one scheduled activity. Each such segment is cut at interval
 * boundaries (14:25-14:40 puts 5 min in 14:00 and 10 min in 14:30) and its
 * seconds go to the agent's records, at both levels (agent time is not per
 * call, so rows across queues read the same seconds).
 *
 * Rules, each in one place:
 *   - state at an instant: the latest-starting presence span; else work
 *     (talking > hold > acw); else the latest pause; else a session (available);
 *     else logged out (model/agent.ts). Presence spans that overlap are counted
 *     once and reported (`overlapSeconds`, first example lines).
 *   - open spans (no end yet) close at the data end and are counted.
 *   - schedule at an instant: the latest-starting activity (a lunch inside a
 *     shift wins over the shift); unscheduled time is `off`.
 *   - the schedule is evaluated only within the span the agent state data covers
 *     (a roster for the whole year against a month of states would otherwise read
 *     as eleven months logged out).
 *   - adherence tolerance: within `tol` seconds either side of a change from
 *     activity A to B, a state that matches A or B is adherent.
 *
 * Agents are matched case-insensitively (after the config's aliases, applied by
 * the sources): the display name is the state data's spelling.
 *
 * State spans are kept until the end, as columns (engine/state-spans.ts): an
 * agent state export holds tens of thousands of spans a month, but an Asterisk
 * queue_log gives a talking span per answered contact (854k on the bench's
 * 1M-contact log). Each agent's spans become objects only while it is swept.
 */
import { scheduleCategoryOfState, type AgentStateSpan, type ScheduleCategory, type ScheduleSpan, type StateCategory } from "../model/agent.js";
import { lookupName, nameMap } from "../model/names.js";
import { BucketCursor, bucketsFor, type Buckets, type TimeZone } from "../model/time.js";
import type { AgentFactSpec, FactDef } from "./facts.js";
import { StateSpans, StringTable } from "./state-spans.js";
import type { RecordStore } from "./records.js";

export interface AgentTimelineOptions {
  /** Record buckets (intervals, days or the period): time is cut at their boundaries. */
  buckets: Buckets;
  zone: TimeZone;
  fromMs: number | null;
  toMs: number | null;
  keepAgent: boolean;
  /** Builder dimensions; `reason` gets the pause reason, `team` the agent's team, others "". */
  dims: readonly string[];
  teamOf: (agent: string) => string;
  /** Config: activity or pause-reason word -> schedule category. */
  activities: ReadonlyMap<string, ScheduleCategory> | null;
  /** False when no selected metric needs agent facts: spans are counted, not kept (a queue_log's talk spans would cost memory for nothing). */
  keep: boolean;
}

export interface AgentSummary {
  agents: number;
  stateSpans: number;
  scheduleSpans: number;
  /** Spans still open at the end of the data, closed there. */
  openSpans: number;
  /** Seconds where two presence spans of one agent overlapped (counted once). */
  overlapSeconds: number;
  overlapExample: string | null;
  /** Agents in the schedule with no state data, and agents with state data but no schedule. */
  scheduleOnly: string[];
  noSchedule: string[];
  /** The span the schedule was evaluated over (the agent state data's span), when a schedule was read. */
  scheduleWindow: { fromMs: number; toMs: number } | null;
}

interface AgentData {
  name: string;
  states: StateSpans;
  schedule: ScheduleSpan[];
}

/** One resolved stretch of an agent's time. */
interface Segment {
  category: StateCategory;
  reason: string;
  busyShare: number;
  scheduled: ScheduleCategory | null;
  /** Per tolerance: is the state adherent here? */
  adherent: boolean[];
  /** The agent has a schedule (within the window): its worked time counts toward conformance. */
  hasSchedule: boolean;
}

const WORK_RANK: Partial<Record<StateCategory, number>> = { talking: 3, hold: 2, acw: 1 };

export class AgentTimeline {
  private readonly agents = new Map<string, AgentData>();
  /** Pause reasons and file names of every agent's spans (see StateSpans). */
  private readonly reasons = new StringTable();
  private readonly files = new StringTable();
  /** Span of the state data (not the schedule's). */
  dataStartMs = Infinity;
  dataEndMs = -Infinity;
  private stateCount = 0;
  private scheduleCount = 0;

  private readonly activities: ReadonlyMap<string, ScheduleCategory> | null;

  constructor(private readonly o: AgentTimelineOptions) {
    // Config words match in any case (nameMap is idempotent: a map from the config edge stays as it is).
    this.activities = o.activities ? nameMap(o.activities) : null;
  }

  get hasStates(): boolean {
    return this.stateCount > 0;
  }

  get hasSchedule(): boolean {
    return this.scheduleCount > 0;
  }

  private agent(name: string): AgentData {
    const key = name.toLowerCase();
    let a = this.agents.get(key);
    if (a === undefined) this.agents.set(key, (a = { name, states: new StateSpans(this.reasons, this.files), schedule: [] }));
    return a;
  }

  /** Whether a span touches the `--from/--to` range at all. */
  inRange(startMs: number, endMs: number | null): boolean {
    return (this.o.toMs === null || startMs < this.o.toMs) && (this.o.fromMs === null || endMs === null || endMs > this.o.fromMs);
  }

  addState(s: AgentStateSpan): void {
    this.stateCount++;
    if (s.startMs < this.dataStartMs) this.dataStartMs = s.startMs;
    const end = s.endMs ?? s.startMs;
    if (end > this.dataEndMs) this.dataEndMs = end;
    if (!this.o.keep) return;
    const a = this.agent(s.agent);
    // The display name is the state data's spelling, even if the schedule came first.
    if (a.states.length === 0) a.name = s.agent;
    a.states.push(s);
  }

  addSchedule(s: ScheduleSpan): void {
    this.scheduleCount++;
    if (!this.o.keep) return;
    // Config agents.activities decides a roster activity's category over the source's keyword rule.
    const mapped = lookupName(this.activities, s.activity);
    this.agent(s.agent).schedule.push(mapped !== undefined && mapped !== s.category ? { ...s, category: mapped } : s);
  }

  /**
   * Slice every agent's time into the store. `dataEndMs` closes open spans: the
   * latest timestamp of all data read (contacts too).
   */
  finish(store: RecordStore, facts: readonly FactDef[], dataEndMs: number): AgentSummary {
    const endMs = Math.max(dataEndMs, this.dataEndMs);
    const summary: AgentSummary = {
      agents: this.agents.size,
      stateSpans: this.stateCount,
      scheduleSpans: this.scheduleCount,
      openSpans: 0,
      overlapSeconds: 0,
      overlapExample: null,
      scheduleOnly: [],
      noSchedule: [],
      scheduleWindow: null,
    };
    let open = false;
    for (const a of this.agents.values()) if (a.states.open > 0) open = true;
    // The state data's own span (its open spans run to the data end): contacts outside it do not stretch it.
    if (this.scheduleCount && this.stateCount) summary.scheduleWindow = { fromMs: this.dataStartMs, toMs: open ? endMs : this.dataEndMs };
    const used = facts.filter((f) => f.agent !== undefined).map((f) => ({ idx: store.factIndex(f.key), spec: f.agent! }));
    const tolerances = [...new Set(used.flatMap((u) => (u.spec.kind === "adherent" ? [u.spec.toleranceSeconds] : [])))];
    if (used.length === 0) return summary;
    const lo = this.o.fromMs ?? -Infinity;
    const hi = this.o.toMs ?? Infinity;
    // An agent's rows join its contacts' rows: take the contacts' spelling when only the case differs.
    const contactNames = new Map<string, string>();
    for (let r = 0; r < store.size; r++) {
      const agent = store.agent(r);
      if (agent !== "" && !contactNames.has(agent.toLowerCase())) contactNames.set(agent.toLowerCase(), agent);
    }
    for (const [key, a] of this.agents) if (a.states.length) a.name = contactNames.get(key) ?? a.name;
    for (const a of this.agents.values()) {
      if (a.states.length === 0) summary.scheduleOnly.push(a.name);
      else if (a.schedule.length === 0 && this.scheduleCount > 0) summary.noSchedule.push(a.name);
      summary.openSpans += a.states.open;
      const schedule = summary.scheduleWindow && a.states.length ? clipSchedule(a.schedule, summary.scheduleWindow.fromMs, summary.scheduleWindow.toMs) : [];
      this.sweep(a, schedule, endMs, lo, hi, tolerances, used, store, summary);
    }
    summary.scheduleOnly.sort();
    summary.noSchedule.sort();
    return summary;
  }

  private sweep(
    a: AgentData,
    schedule: ScheduleSpan[],
    endMs: number,
    lo: number,
    hi: number,
    tolerances: readonly number[],
    used: readonly { idx: number; spec: AgentFactSpec }[],
    store: RecordStore,
    summary: AgentSummary,
  ): void {
    type Ev = { t: number; open: boolean; kind: 0 | 1 | 2; ref: number };
    const events: Ev[] = [];
    // This agent's spans as objects while it is swept (kept as columns until then).
    const states = a.states.all(a.name);
    states.forEach((s, i) => {
      const e = s.endMs ?? Math.max(endMs, s.startMs);
      if (e <= s.startMs) return;
      events.push({ t: s.startMs, open: true, kind: 0, ref: i }, { t: e, open: false, kind: 0, ref: i });
    });
    schedule.forEach((s, i) => {
      events.push({ t: s.startMs, open: true, kind: 1, ref: i }, { t: s.endMs, open: false, kind: 1, ref: i });
    });
    // Tolerance windows around each change of scheduled category (unscheduled = off).
    const windows: { tol: number; cats: [ScheduleCategory, ScheduleCategory] }[] = [];
    if (tolerances.length && schedule.length) {
      for (const ch of scheduleChanges(schedule)) {
        for (let ti = 0; ti < tolerances.length; ti++) {
          const tol = tolerances[ti]! * 1000;
          if (tol <= 0) continue;
          windows.push({ tol: ti, cats: [ch.before, ch.after] });
          const w = windows.length - 1;
          events.push({ t: ch.t - tol, open: true, kind: 2, ref: w }, { t: ch.t + tol, open: false, kind: 2, ref: w });
        }
      }
    }
    if (events.length === 0) return;
    events.sort((x, y) => x.t - y.t);
    const activeStates: number[] = [];
    const activeSched: number[] = [];
    const activeWin: number[] = [];
    const toggle = (list: number[], ref: number, open: boolean): void => {
      if (open) list.push(ref);
      else {
        const k = list.indexOf(ref);
        if (k >= 0) list.splice(k, 1);
      }
    };
    const cut = new SliceState(this.o.buckets, this.o.zone, used.some((u) => u.spec.kind === "agent_days"));
    for (let i = 0; i < events.length; ) {
      const t = events[i]!.t;
      while (i < events.length && events[i]!.t === t) {
        const ev = events[i++]!;
        toggle(ev.kind === 0 ? activeStates : ev.kind === 1 ? activeSched : activeWin, ev.ref, ev.open);
      }
      if (i >= events.length) break;
      const next = events[i]!.t;
      const from = Math.max(t, lo);
      const to = Math.min(next, hi);
      if (to <= from) continue;
      if (activeStates.length === 0 && activeSched.length === 0) continue; // logged out, unscheduled: nothing to count
      const seg = this.resolve(a.name, states, activeStates, schedule, activeSched, windows, activeWin, tolerances.length, summary, to - from);
      this.slice(a.name, seg, from, to, used, tolerances, store, cut);
    }
  }

  private resolve(
    name: string,
    states: readonly AgentStateSpan[],
    activeStates: readonly number[],
    schedule: readonly ScheduleSpan[],
    activeSched: readonly number[],
    windows: readonly { tol: number; cats: [ScheduleCategory, ScheduleCategory] }[],
    activeWin: readonly number[],
    nTol: number,
    summary: AgentSummary,
    lengthMs: number,
  ): Segment {
    let presence: AgentStateSpan | null = null;
    let presenceCount = 0;
    let work: AgentStateSpan | null = null;
    let pause: AgentStateSpan | null = null;
    let session = false;
    for (const r of activeStates) {
      const s = states[r]!;
      switch (s.layer) {
        case "presence":
          presenceCount++;
          if (presence === null || s.startMs > presence.startMs || (s.startMs === presence.startMs && s.line > presence.line)) {
            if (presence !== null && summary.overlapExample === null) summary.overlapExample = `${name}: ${presence.file}:${presence.line} and ${s.file}:${s.line}`;
            presence = s;
          } else if (summary.overlapExample === null) summary.overlapExample = `${name}: ${presence.file}:${presence.line} and ${s.file}:${s.line}`;
          break;
        case "work":
          if (work === null || (WORK_RANK[s.category] ?? 0) > (WORK_RANK[work.category] ?? 0)) work = s;
          break;
        case "pause":
          if (pause === null || s.startMs > pause.startMs) pause = s;
          break;
        case "session":
          session = true;
          break;
      }
    }
    if (presenceCount > 1) summary.overlapSeconds += ((presenceCount - 1) * lengthMs) / 1000;
    const chosen = presence ?? work ?? pause;
    const category: StateCategory = chosen ? chosen.category : session ? "available" : "logged_out";
    const reason = chosen?.category === "paused" ? chosen.reason : "";
    let scheduled: ScheduleCategory | null = null;
    let best: ScheduleSpan | null = null;
    for (const r of activeSched) {
      const s = schedule[r]!;
      if (best === null || s.startMs > best.startMs || (s.startMs === best.startMs && s.endMs < best.endMs)) best = s;
    }
    if (best) scheduled = best.category;
    const adherent: boolean[] = new Array<boolean>(nTol).fill(false);
    if (scheduled !== null && scheduled !== "off") {
      const actual = scheduleCategoryOfState(category, reason, this.activities);
      for (let ti = 0; ti < nTol; ti++) adherent[ti] = actual === scheduled;
      if (actual !== null) {
        for (const w of activeWin) {
          const win = windows[w]!;
          if (win.cats[0] === actual || win.cats[1] === actual) adherent[win.tol] = true;
        }
      }
    }
    return { category, reason, busyShare: presence?.busyShare ?? 0, scheduled, adherent, hasSchedule: schedule.length > 0 };
  }

  /** Cut one segment at interval boundaries and add its seconds to the agent's records. */
  private slice(
    name: string,
    seg: Segment,
    fromMs: number,
    toMs: number,
    used: readonly { idx: number; spec: AgentFactSpec }[],
    tolerances: readonly number[],
    store: RecordStore,
    cut: SliceState,
  ): void {
    const o = this.o;
    const agent = o.keepAgent ? name : "";
    const dims = o.dims.length === 0 ? NO_DIMS : o.dims.map((d) => (d === "reason" ? seg.reason : d === "team" ? o.teamOf(name) : ""));
    const loggedIn = seg.category !== "logged_out";
    const bk = o.buckets;
    for (let start = cut.bucket.startOf(fromMs); start < toMs; start = cut.bucket.nextOf(start)) {
      const a = Math.max(start, fromMs);
      const b = Math.min(cut.bucket.nextOf(start), toMs);
      if (b <= a) continue;
      const sec = (b - a) / 1000;
      let dayFirst = false;
      if (loggedIn && cut.wantDays) {
        const day = cut.dayOf(a);
        if (!cut.days.has(day)) {
          cut.days.add(day);
          dayFirst = true;
        }
      }
      const recs = cut.recordsOf(store, start, bk.minutes, agent, dims);
      for (const { idx, spec } of used) {
        const v = factSeconds(spec, seg, sec, tolerances, dayFirst);
        if (v !== 0) for (const r of recs) store.addValue(r, idx, v);
      }
    }
  }
}

const NO_DIMS: readonly string[] = [];

/**
 * One agent's sweep state for `slice`, which runs for every segment of the
 * agent's time (a queue_log gives a talking span per answered contact, so a
 * month of 1M contacts makes millions of segments): the bucket, the local day
 * and the records last used, asked for again by the next segment most of the
 * time, and the days with logged-in time so far. Worked out afresh per segment,
 * the local date and the record keys took 1.2 s of such a month's 1.9 s of agent
 * slicing. The answers are the same: a bucket or day is reused only for an
 * instant within it, records only for the same bucket, agent and dimensions.
 */
class SliceState {
  /** Local days with logged-in time, for `agent_days` (kept only when a metric counts them). */
  readonly days = new Set<string>();
  /** The record bucket, and the local day, last used. */
  readonly bucket: BucketCursor;
  private readonly dayCursor: BucketCursor;
  private dayStart = NaN;
  private day = "";
  private recStart = NaN;
  private recAgent = "";
  private recDims: readonly string[] = NO_DIMS;
  private recs: number[] = [];

  constructor(
    buckets: Buckets,
    private readonly zone: TimeZone,
    readonly wantDays: boolean,
  ) {
    this.bucket = new BucketCursor(buckets);
    this.dayCursor = new BucketCursor(bucketsFor(zone, "day", buckets.minutes));
  }

  /** `zone.localDate(t)`: the date of the local day `t` falls in, made once per day. */
  dayOf(t: number): string {
    const start = this.dayCursor.startOf(t);
    if (start !== this.dayStart) {
      this.dayStart = start;
      this.day = this.zone.localDate(start);
    }
    return this.day;
  }

  /** The contact- and call-level records of an agent's bucket. */
  recordsOf(store: RecordStore, start: number, minutes: number, agent: string, dims: readonly string[]): number[] {
    if (start !== this.recStart || agent !== this.recAgent || !sameDims(dims, this.recDims)) {
      this.recs = [store.slot("contact", start, minutes, "", agent, dims), store.slot("call", start, minutes, "", agent, dims)];
      this.recStart = start;
      this.recAgent = agent;
      this.recDims = dims;
    }
    return this.recs;
  }
}

function sameDims(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function factSeconds(spec: AgentFactSpec, seg: Segment, sec: number, tolerances: readonly number[], dayFirst: boolean): number {
  switch (spec.kind) {
    case "state": {
      const c = seg.category;
      switch (spec.category) {
        case "logged_in": return c === "logged_out" ? 0 : sec;
        case "worked": return c === "logged_out" || c === "paused" ? 0 : sec;
        case "worked_scheduled": return !seg.hasSchedule || c === "logged_out" || c === "paused" ? 0 : sec;
        case "talking": return c === "talking" ? sec : c === "available" ? sec * seg.busyShare : 0;
        case "available": return c === "available" ? sec * (1 - seg.busyShare) : 0;
        case "paused":
          if (c !== "paused") return 0;
          return spec.reason === undefined || spec.reason.toLowerCase() === seg.reason.toLowerCase() ? sec : 0;
        default: return c === spec.category ? sec : 0;
      }
    }
    case "schedule":
      if (seg.scheduled === null) return 0;
      if (spec.category === "scheduled") return seg.scheduled === "off" ? 0 : sec;
      return seg.scheduled === spec.category ? sec : 0;
    case "adherent":
      return seg.adherent[tolerances.indexOf(spec.toleranceSeconds)] ? sec : 0;
    case "agent_days":
      return dayFirst ? 1 : 0;
  }
}

/** Schedule spans cut to [fromMs, toMs); spans wholly outside are dropped. */
function clipSchedule(spans: readonly ScheduleSpan[], fromMs: number, toMs: number): ScheduleSpan[] {
  const out: ScheduleSpan[] = [];
  for (const s of spans) {
    const a = Math.max(s.startMs, fromMs);
    const b = Math.min(s.endMs, toMs);
    if (b > a) out.push(a === s.startMs && b === s.endMs ? s : { ...s, startMs: a, endMs: b });
  }
  return out;
}

/** Instants where the scheduled category changes (latest-starting activity wins; none = off). */
export function scheduleChanges(spans: readonly ScheduleSpan[]): { t: number; before: ScheduleCategory; after: ScheduleCategory }[] {
  // One sweep over starts and ends; the active list holds the few activities in force at once.
  const events: { t: number; open: boolean; s: ScheduleSpan }[] = [];
  for (const s of spans) events.push({ t: s.startMs, open: true, s }, { t: s.endMs, open: false, s });
  events.sort((x, y) => x.t - y.t);
  const active: ScheduleSpan[] = [];
  const out: { t: number; before: ScheduleCategory; after: ScheduleCategory }[] = [];
  let prev: ScheduleCategory = "off";
  for (let i = 0; i < events.length; ) {
    const t = events[i]!.t;
    while (i < events.length && events[i]!.t === t) {
      const ev = events[i++]!;
      if (ev.open) active.push(ev.s);
      else active.splice(active.indexOf(ev.s), 1);
    }
    let best: ScheduleSpan | null = null;
    for (const s of active) if (best === null || s.startMs > best.startMs || (s.startMs === best.startMs && s.endMs < best.endMs)) best = s;
    const cur = best ? best.category : "off";
    if (cur !== prev) out.push({ t, before: prev, after: cur });
    prev = cur;
  }
  return out;
}
