/**
 * Contacts in, interval records out. The builder dedupes contacts by id, keeps
 * the latest timestamp read (the data end, for FCR censoring), applies the
 * `--from/--to` range, buckets each contact's facts into its interval in the
 * report's zone, groups contacts into calls for the cross-queue level, and
 * finally judges FCR. Pure: no files, no terminal.
 */
import { customerKey, type Contact } from "../model/contact.js";
import type { TimeZone } from "../model/time.js";
import type { FactDef } from "./facts.js";
import { FcrTracker, type FcrPart } from "./fcr.js";
import { RecordStore, type IntervalRecordRow, type Level } from "./records.js";

export type Attribution = "arrival" | "end";

export interface BuilderOptions {
  zone: TimeZone;
  intervalMinutes: number;
  attribution: Attribution;
  /** Half-open UTC range [fromMs, toMs); null = open. */
  fromMs: number | null;
  toMs: number | null;
  facts: readonly FactDef[];
  /** Which dimensions records keep; others are summed away at once. */
  keepQueue: boolean;
  keepAgent: boolean;
  dims: readonly string[];
}

export type AddResult = "used" | "duplicate" | "out-of-range";

interface CallAcc {
  first: Contact;
  last: Contact;
  waitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  acwSeconds: number;
  transferred: boolean;
  rating: number | null;
  resolved: boolean | null;
}

interface FcrVariant {
  windowHours: number;
  sameQueue: boolean;
  contact: FcrTracker;
  call: FcrTracker;
  facts: Partial<Record<FcrPart, number>>;
}

export class IntervalBuilder {
  readonly store: RecordStore;
  /** Latest timestamp read, over every contact (in range or not). */
  dataEndMs = -Infinity;
  dataStartMs = Infinity;
  /** Facts the selected metrics need that an intervals file read back did not carry. */
  readonly missingFacts = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly calls = new Map<string, CallAcc>();
  private readonly plain: { def: FactDef; idx: number }[] = [];
  private readonly fcr: FcrVariant[] = [];
  private finished = false;

  constructor(private readonly o: BuilderOptions) {
    const unique = new Map<string, FactDef>();
    for (const f of o.facts) if (!unique.has(f.key)) unique.set(f.key, f);
    this.store = new RecordStore([...unique.values()], o.dims);
    const variants = new Map<string, FcrVariant>();
    for (const f of unique.values()) {
      const idx = this.store.factIndex(f.key);
      if (f.of) this.plain.push({ def: f, idx });
      else if (f.fcr) {
        const vk = `${f.fcr.windowHours}|${f.fcr.sameQueue}`;
        let v = variants.get(vk);
        if (!v) {
          v = { windowHours: f.fcr.windowHours, sameQueue: f.fcr.sameQueue, contact: new FcrTracker(), call: new FcrTracker(), facts: {} };
          variants.set(vk, v);
          this.fcr.push(v);
        }
        v.facts[f.fcr.part] = idx;
      }
    }
  }

  private inRange(ms: number): boolean {
    return (this.o.fromMs === null || ms >= this.o.fromMs) && (this.o.toMs === null || ms < this.o.toMs);
  }

  /** Queue-phase and handle-phase times of a contact under the attribution rule. */
  private times(c: Contact): [number, number] {
    if (this.o.attribution === "arrival") return [c.arrivedMs, c.arrivedMs];
    const left = c.answeredMs ?? c.endedMs ?? c.arrivedMs;
    const handleEnd = c.endedMs === null ? left : c.endedMs + c.acwSeconds * 1000;
    return [left, handleEnd];
  }

  add(c: Contact): AddResult {
    if (this.finished) throw new Error("builder already finished");
    if (this.seen.has(c.contactId)) return "duplicate";
    this.seen.add(c.contactId);
    const last = Math.max(c.arrivedMs, c.answeredMs ?? -Infinity, c.endedMs === null ? -Infinity : c.endedMs + c.acwSeconds * 1000);
    if (last > this.dataEndMs) this.dataEndMs = last;
    if (c.arrivedMs < this.dataStartMs) this.dataStartMs = c.arrivedMs;

    const key = this.fcr.length ? customerKey(c.customer) : null;
    if (key !== null) for (const v of this.fcr) v.contact.arrival(v.sameQueue ? `${key}\u0001${c.queue}` : key, c.arrivedMs);

    // Calls are grouped whether or not the contact is in range: the call's
    // range test uses the whole call.
    const acc = this.calls.get(c.callId);
    if (acc === undefined) {
      this.calls.set(c.callId, {
        first: c, last: c, waitSeconds: c.waitSeconds, talkSeconds: c.talkSeconds, holdSeconds: c.holdSeconds,
        acwSeconds: c.acwSeconds, transferred: c.transferred, rating: c.rating, resolved: c.resolved,
      });
    } else {
      if (c.arrivedMs < acc.first.arrivedMs) acc.first = c;
      if (c.arrivedMs >= acc.last.arrivedMs) acc.last = c;
      acc.waitSeconds += c.waitSeconds;
      acc.talkSeconds += c.talkSeconds;
      acc.holdSeconds += c.holdSeconds;
      acc.acwSeconds += c.acwSeconds;
      acc.transferred ||= c.transferred;
      if (c.rating !== null) acc.rating = c.rating;
      if (c.resolved !== null) acc.resolved = c.resolved;
    }

    const [tQueue] = this.times(c);
    if (!this.inRange(tQueue)) return "out-of-range";
    const rec = this.bucket("contact", c);
    if (key !== null && c.outcome === "answered" && c.endedMs !== null) {
      for (const v of this.fcr) v.contact.eligible(v.sameQueue ? `${key}\u0001${c.queue}` : key, c.endedMs, rec);
    }
    return "used";
  }

  /** Add facts of a contact (or call summary) to its record(s); returns the queue-phase record. */
  private bucket(level: Level, c: Contact): number {
    const [tq, th] = this.times(c);
    const o = this.o;
    const queue = o.keepQueue ? c.queue : "";
    const agent = o.keepAgent ? c.agent : "";
    const dims = o.dims.length ? o.dims.map((d) => c.dims?.[d] ?? "") : EMPTY;
    const sq = o.zone.intervalStart(tq, o.intervalMinutes);
    const rq = this.store.slot(level, sq, o.intervalMinutes, queue, agent, dims);
    const sh = th === tq ? sq : o.zone.intervalStart(th, o.intervalMinutes);
    const rh = sh === sq ? rq : this.store.slot(level, sh, o.intervalMinutes, queue, agent, dims);
    for (const { def, idx } of this.plain) {
      const v = def.of!(c);
      if (v !== 0) this.store.addValue(def.phase === "handle" ? rh : rq, idx, v);
    }
    return rq;
  }

  /** Merge a record read back from an intervals file. */
  addRecord(r: IntervalRecordRow): AddResult {
    if (!this.inRange(r.startMs)) return "out-of-range";
    const o = this.o;
    const start = r.minutes === o.intervalMinutes ? r.startMs : o.zone.intervalStart(r.startMs, o.intervalMinutes);
    const dims = o.dims.map((d) => r.dims[d] ?? "");
    const rec = this.store.slot(r.level, start, o.intervalMinutes, o.keepQueue ? r.queue : "", o.keepAgent ? r.agent : "", dims);
    for (let i = 0; i < this.store.factKeys.length; i++) {
      const key = this.store.factKeys[i]!;
      const v = r.facts[key];
      if (v === undefined) this.missingFacts.add(key);
      else if (v !== 0) this.store.addValue(rec, i, v);
    }
    const end = r.startMs + r.minutes * 60_000;
    if (end > this.dataEndMs) this.dataEndMs = end;
    if (r.startMs < this.dataStartMs) this.dataStartMs = r.startMs;
    return "used";
  }

  /** Close calls, judge FCR. Call once, after the last contact. */
  finish(): RecordStore {
    if (this.finished) return this.store;
    this.finished = true;
    for (const acc of this.calls.values()) {
      const last = acc.last;
      const summary: Contact = {
        ...last,
        contactId: last.callId,
        arrivedMs: acc.first.arrivedMs,
        customer: acc.first.customer || last.customer,
        waitSeconds: acc.waitSeconds,
        talkSeconds: acc.talkSeconds,
        holdSeconds: acc.holdSeconds,
        acwSeconds: acc.acwSeconds,
        transferred: acc.transferred,
        rating: acc.rating,
        resolved: acc.resolved,
      };
      const key = this.fcr.length ? customerKey(summary.customer) : null;
      if (key !== null) for (const v of this.fcr) v.call.arrival(v.sameQueue ? `${key}\u0001${summary.queue}` : key, summary.arrivedMs);
      const [tq] = this.times(summary);
      if (!this.inRange(tq)) continue;
      const rec = this.bucket("call", summary);
      if (key !== null && summary.outcome === "answered" && summary.endedMs !== null) {
        for (const v of this.fcr) v.call.eligible(v.sameQueue ? `${key}\u0001${summary.queue}` : key, summary.endedMs, rec);
      }
    }
    this.calls.clear();
    for (const v of this.fcr) {
      const credit = (rec: number, part: FcrPart): void => {
        const idx = v.facts[part];
        if (idx !== undefined) this.store.addValue(rec, idx, 1);
        // "eligible" as a fact counts judged contacts, censored ones apart.
      };
      v.contact.judge(v.windowHours * 3_600_000, this.dataEndMs, credit);
      v.call.judge(v.windowHours * 3_600_000, this.dataEndMs, credit);
    }
    return this.store;
  }
}

const EMPTY: readonly string[] = [];
