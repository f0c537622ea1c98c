/**
 * Contacts in, interval records out. The builder dedupes contacts by id, keeps
 * the latest timestamp read (the data end, for FCR censoring), applies the
 * `--from/--to` range, buckets each contact's facts into its interval in the
 * report's zone, groups contacts into calls for the cross-queue level, and
 * judges FCR. Pure: no files, no terminal.
 *
 * Duplicates: the last export wins. The first stage (dedupe.ts) holds each
 * contact `DEDUPE_HORIZON_MS` of data time; a later row with its id replaces
 * it. Contacts read in batches (ingest/batching.ts) wait there as rows of their packed batch
 * (`addPacked`) and become objects only when committed.
 *
 * Memory stays flat as rows grow: state is kept only for a horizon of data time
 * behind the latest timestamp read (the watermark). Contacts wait a dedupe
 * horizon, a call is closed once its last activity is more than
 * `CALL_HORIZON_MS` behind the committed stream, and FCR keeps what its window
 * needs. Exports are in time order (or nearly: queue_log writes a
 * contact when it ends); a contact that comes later than the horizon allows is
 * counted in `lateContacts` and the report warns, since its duplicate or the
 * other contacts of its call may already be gone.
 */
import type { AgentStateSpan, ScheduleCategory, ScheduleSpan } from "../model/agent.js";
import { customerKey, customerNumber, type Contact } from "../model/contact.js";
import { ContactView, ContactViewIvr } from "../model/contact-view.js";
import { AgentTimeline, type AgentSummary } from "./agents.js";
import { BucketCursor, bucketsFor, HOUR_MS, type Buckets, type TimeZone } from "../model/time.js";
import type { FactDef } from "./facts.js";
import { FcrKeys, FcrTracker, type FcrPart } from "./fcr.js";
import { CALL_HORIZON_MS, Deduper, type AddResult, type ContactRows } from "./dedupe.js";
import { grow } from "../model/grow.js";
import { hashString, IdTable } from "./id-table.js";
import { RecordStore, type IntervalRecordRow, type Level } from "./records.js";

export { CALL_HORIZON_MS, DEDUPE_HORIZON_MS, type AddResult } from "./dedupe.js";

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
  /** Agent -> team (config `agents.teams`), for the `team` dimension. */
  teamOf?: (agent: string) => string;
  /** Config `agents.activities`: activity or pause-reason word -> schedule category. */
  activities?: ReadonlyMap<string, ScheduleCategory> | null;
  /**
   * How finely records are kept (default: intervals). A report without interval rows
   * keeps days, or one bucket for the period: the same sums in far fewer records.
   */
  bucket?: Buckets["kind"];
  /**
   * false: every call closes by reading its contacts again, also a call of one
   * contact (see `fastClose`); the reference the tests compare the cached close with.
   */
  cacheSingleCalls?: boolean;
}


/** The sums of a call of several contacts (a call of one contact is that contact). */
interface CallAcc {
  contacts: number;
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

/** A call's sums, starting from its first contact. */
function accOf(c: Contact): CallAcc {
  const answered = c.outcome === "answered";
  return {
    contacts: 1, first: c, last: c, waitSeconds: c.waitSeconds,
    // A call's handle time is its answered contacts' (an unanswered contact may carry recorded talk).
    talkSeconds: answered ? c.talkSeconds : 0, holdSeconds: answered ? c.holdSeconds : 0,
    acwSeconds: answered ? c.acwSeconds : 0, transferred: c.transferred, rating: c.rating, resolved: c.resolved,
  };
}

interface FcrVariant {
  sameQueue: boolean;
  keys: FcrKeys;
  contact: FcrTracker;
  call: FcrTracker;
}

export class IntervalBuilder {
  readonly store: RecordStore;
  /** Facts the selected metrics need that an intervals file read back did not carry. */
  readonly missingFacts = new Set<string>();
  /** Interval records read back (from `cckpi intervals` files). */
  recordsRead = 0;
  /** The longest interval record read that is longer than the report's interval (0: none). */
  coarseRecords = 0;
  /** The dedupe stage, when it runs here (see `add`). */
  private readonly dedupe: Deduper;
  /** The span of interval records read back. */
  private recordsEndMs = -Infinity;
  private recordsStartMs = Infinity;
  /** Latest activity committed downstream: calls and FCR close against it. */
  private committedMs = -Infinity;
  /**
   * Open calls, in slots (free slots are reused): the id's hash -> slot (keyless:
   * the slot's first contact tells whether it has the id, `sameCall`); per slot the first
   * contact read, the sums once a second contact comes (most calls have one: no
   * object for them), the latest activity, the first contact's FCR key id
   * (variant 0; -1: none) and the order of creation (calls still open at the end
   * close in that order).
   */
  private readonly callIds = new IdTable();
  private callFirst: (Contact | ContactRows | undefined)[] = [];
  /** -1: callFirst holds the contact; else its row in the packed contacts callFirst holds. */
  private callFirstRow = new Int32Array(1024);
  private callAcc: (CallAcc | undefined)[] = [];
  private callActivity = new Float64Array(1024);
  private callKeyId = new Int32Array(1024);
  private callSeq = new Float64Array(1024);
  /** The `hashString` of each open call's id: its close deletes it by hash and slot (`IdTable.deleteValue`), without reading the id again. */
  private callHash = new Int32Array(1024);
  /**
   * A call of one contact (97 % of calls in a month of contacts) is that contact
   * at the call level: the same times, queue and facts. So its commit keeps what
   * its close needs: the fact values (`nVals` per slot), its contact-level records
   * (`callRecQueue` -1: out of range), its arrival and its end for FCR (NaN: not
   * eligible). The close then adds them to the call-level twins of those records
   * instead of reading the contact again and evaluating every fact (about 10 % of
   * the main thread). In the same order as before: records are created, and sums
   * added, as the calls close. Not when FCR would look up a key again (several
   * variants, or one per queue): there `fastClose` is false.
   */
  private readonly fastClose: boolean;
  private readonly nVals: number;
  private callVals: Float64Array;
  private callRecQueue = new Int32Array(1024);
  private callRecHandle = new Int32Array(1024);
  private callArrived = new Float64Array(1024);
  private callFcrEnd = new Float64Array(1024);
  private readonly freeCallSlots: number[] = [];
  private nextCallSeq = 0;
  /**
   * Open calls by the hour of their last activity (a timing wheel): a sweep closes
   * the hours the watermark has left behind, moving calls that got a later contact
   * to their new hour. An outlier (a call lasting all day) waits in its own hour
   * and holds up nothing, as it would at the front of a queue.
   * Each hour is a list of slots linked through `callNext` (-1 ends it), first to
   * last: no array per hour that grows by copying (26 MB of garbage on 1M contacts).
   */
  private readonly wheelHead = new Map<number, number>();
  private readonly wheelTail = new Map<number, number>();
  private callNext = new Int32Array(1024);
  private oldestHour = Infinity;
  /**
   * The facts computed per contact: sums and maxes (the first `nPlain`), then
   * histograms. Per fact its function, its index in the store, whether it goes
   * to the handle-phase record, whether it is a max: flat arrays read in one loop
   * per contact (and again per call), without an object per fact.
   */
  private readonly factOf: ((c: Contact) => number)[] = [];
  private readonly factIdx: number[] = [];
  private readonly factHandle: boolean[] = [];
  private readonly factMax: boolean[] = [];
  private nPlain = 0;
  /** Fact values of a contact that does not open a call (`bucket` writes them here). */
  private readonly scratch: Float64Array;
  private readonly fcr: FcrVariant[] = [];
  /** Key ids of a call when there is one FCR variant (the common case), reused to spare an array per call. */
  private readonly oneId: number[] = [0];
  private finished = false;
  /**
   * While `finish` commits the contacts still waiting: per bucket of call-id hashes
   * (`& heldMask`), how many of them are still to come. A call whose bucket is not
   * 0 may still get a contact, and stays open (null: not finishing).
   */
  private held: Uint8Array | null = null;
  private heldMask = 0;
  /** Packed contacts are read into these while committed and when their call closes (never kept). */
  private readonly commitCursor = new ContactCursor();
  private readonly closeCursor = new ContactCursor();
  /** Agent state and schedule spans, sliced into the store at `finish()`. */
  readonly agents: AgentTimeline;
  agentSummary: AgentSummary | null = null;
  private readonly teamOf: (agent: string) => string;

  private readonly buckets: Buckets;
  /** The bucket last looked up: input in time order mostly stays in it. */
  private readonly bucketCursor: BucketCursor;

  constructor(private readonly o: BuilderOptions) {
    this.dedupe = new Deduper({ commit: (e, row, a) => this.commit(e, row, a), sweep: () => this.sweepCommitted() }, (arrived, answered, ended) => this.inRange(this.queueTimeOf(arrived, answered, ended)));
    this.teamOf = o.teamOf ?? (() => "");
    this.buckets = bucketsFor(o.zone, o.bucket ?? "interval", o.intervalMinutes);
    this.bucketCursor = new BucketCursor(this.buckets);
    this.agents = new AgentTimeline({
      buckets: this.buckets,
      zone: o.zone,
      fromMs: o.fromMs,
      toMs: o.toMs,
      keepAgent: o.keepAgent,
      dims: o.dims,
      teamOf: this.teamOf,
      activities: o.activities ?? null,
      keep: o.facts.some((f) => f.agent !== undefined),
    });
    const unique = new Map<string, FactDef>();
    for (const f of o.facts) if (!unique.has(f.key)) unique.set(f.key, f);
    this.store = new RecordStore([...unique.values()], o.dims);
    const variants = new Map<string, FcrVariant>();
    const fcrParts = new Map<string, Partial<Record<FcrPart, number>>>();
    for (const f of unique.values()) {
      const idx = this.store.factIndex(f.key);
      if (f.fcr) {
        const vk = `${f.fcr.windowHours}|${f.fcr.sameQueue}`;
        let v = variants.get(vk);
        if (!v) {
          const parts: Partial<Record<FcrPart, number>> = {};
          const credit = (rec: number, part: FcrPart): void => {
            const fi = parts[part];
            if (fi !== undefined) this.store.addValue(rec, fi, 1);
          };
          const w = f.fcr.windowHours * HOUR_MS;
          // Keys are forgotten at most once every three days of data time: the scan is over every key,
          // and a key costs about 20 bytes while it waits.
          const keys = new FcrKeys(3 * 24 * HOUR_MS);
          v = {
            sameQueue: f.fcr.sameQueue,
            keys,
            contact: new FcrTracker(keys, w, 2 * CALL_HORIZON_MS, credit),
            call: new FcrTracker(keys, w, 2 * CALL_HORIZON_MS, credit),
          };
          variants.set(vk, v);
          this.fcr.push(v);
          fcrParts.set(vk, parts);
        }
        fcrParts.get(vk)![f.fcr.part] = idx;
      }
    }
    const computed = [...unique.values()].filter((f) => f.of !== undefined);
    for (const f of [...computed.filter((f) => f.kind !== "hist"), ...computed.filter((f) => f.kind === "hist")]) {
      this.factOf.push(f.of!);
      this.factIdx.push(this.store.factIndex(f.key));
      this.factHandle.push(f.phase === "handle");
      this.factMax.push(f.kind === "max");
      if (f.kind !== "hist") this.nPlain++;
    }
    this.nVals = this.factOf.length;
    this.scratch = new Float64Array(this.nVals);
    this.callVals = new Float64Array(1024 * this.nVals);
    this.fastClose = o.cacheSingleCalls !== false && (this.fcr.length === 0 || (this.fcr.length === 1 && !this.fcr[0]!.sameQueue));
  }

  private inRange(ms: number): boolean {
    return (this.o.fromMs === null || ms >= this.o.fromMs) && (this.o.toMs === null || ms < this.o.toMs);
  }

  /** The time a contact's queue facts belong to under the attribution rule. */
  private queueTime(c: Contact): number {
    return this.queueTimeOf(c.arrivedMs, c.answeredMs, c.endedMs);
  }

  private queueTimeOf(arrivedMs: number, answeredMs: number | null, endedMs: number | null): number {
    if (this.o.attribution === "arrival") return arrivedMs;
    return answeredMs ?? endedMs ?? arrivedMs;
  }

  /** The time a contact's handle facts belong to: arrival, or the end of after-call work. */
  private handleTime(c: Contact): number {
    if (this.o.attribution === "arrival") return c.arrivedMs;
    return c.endedMs === null ? this.queueTime(c) : c.endedMs + c.acwSeconds * 1000;
  }

  /** Contacts handed in (duplicates and out-of-range ones too). */
  get contactsRead(): number {
    return this.dedupe.contactsRead;
  }

  /** Duplicates that replaced an earlier contact with the same id (last export wins). */
  get replacedContacts(): number {
    return this.dedupe.replacedContacts;
  }

  /** Contacts read more than a call horizon behind the watermark (input out of time order). */
  get lateContacts(): number {
    return this.dedupe.lateContacts;
  }

  /** Latest timestamp read, over every contact (in range or not) and interval record. */
  get dataEndMs(): number {
    return Math.max(this.dedupe.dataEndMs, this.recordsEndMs);
  }

  get dataStartMs(): number {
    return Math.min(this.dedupe.dataStartMs, this.recordsStartMs);
  }

  /**
   * Add one contact. `checkDuplicate` is false for sources that already drop
   * duplicates themselves (queue_log builds each contact id from its events).
   * A contact id seen within the dedupe horizon is a duplicate: the later row's
   * contact replaces the earlier one (last export wins) and is counted as the
   * duplicate row. The contact is committed (calls, FCR, records) once the
   * watermark has moved a dedupe horizon past it.
   */
  add(c: Contact, checkDuplicate = true): AddResult {
    if (this.finished) throw new Error("builder already finished");
    return this.dedupe.add(c, checkDuplicate);
  }

  /** Add row `n` of packed contacts (a batch, ingest/batching.ts): as `add`, the contact built only when committed. */
  addPacked(rows: ContactRows, n: number, checkDuplicate = true): AddResult {
    if (this.finished) throw new Error("builder already finished");
    return this.dedupe.addPacked(rows, n, checkDuplicate);
  }

  /** Commit a contact: `e` itself (`row` -1), or row `row` of packed contacts, read through a cursor. */
  private commit(e: Contact | ContactRows, row: number, activity: number): void {
    const c = row < 0 ? (e as Contact) : this.commitCursor.at(e as ContactRows, row);
    if (activity > this.committedMs) this.committedMs = activity;
    const num = this.fcr.length ? (row < 0 ? customerNumber(c.customer) : (e as ContactRows).customerNumber(row)) : NaN;
    const hasKey = num === num;
    // One key lookup per variant and contact, reused for eligibility and (first contact) the call.
    let keyId0 = -1;
    if (hasKey) {
      for (let i = 0; i < this.fcr.length; i++) {
        const v = this.fcr[i]!;
        const id = this.keyId(v, num, c);
        if (i === 0) keyId0 = id;
        v.contact.arrival(id, c.arrivedMs);
      }
    }

    // Calls are grouped whether or not the contact is in range: the call's
    // range test uses the whole call. The open call with this id: among the slots
    // under its hash, the one whose first contact has it.
    const free = this.freeCallSlots;
    const callHash = row < 0 ? hashString(c.callId) : (e as ContactRows).callHash(row);
    if (this.held !== null && this.held[callHash & this.heldMask]! < 255) this.held[callHash & this.heldMask]!--;
    const ids = this.callIds;
    let slot = -1;
    for (let s = ids.nextHashed(callHash, -1); s >= 0; s = ids.nextHashed(callHash, s)) {
      const k = ids.valueAt(s);
      if (this.sameCall(k, e, row)) {
        slot = k;
        break;
      }
    }
    let fresh = -1;
    if (slot < 0) {
      const k = (fresh = free.pop() ?? this.newCallSlot());
      ids.addHashed(callHash, k);
      // A packed contact stays a row until its call closes (no object lives the call's six hours).
      this.callFirst[k] = e;
      this.callFirstRow[k] = row;
      this.callActivity[k] = activity;
      this.callKeyId[k] = keyId0;
      this.callSeq[k] = this.nextCallSeq++;
      this.callHash[k] = callHash;
      this.callArrived[k] = c.arrivedMs;
      this.callFcrEnd[k] = c.outcome === "answered" && c.endedMs !== null ? c.endedMs : NaN;
      this.callRecQueue[k] = -1;
      this.wheel(k);
    } else {
      let acc = this.callAcc[slot];
      if (acc === undefined) this.callAcc[slot] = acc = accOf(this.firstContact(slot));
      acc.contacts++;
      // The sums keep contacts of their own, not the cursor (calls of several contacts are few).
      let own: Contact | null = row < 0 ? c : null;
      if (c.arrivedMs < acc.first.arrivedMs) {
        acc.first = own ??= (e as ContactRows).contact(row);
        this.callKeyId[slot] = keyId0;
      }
      if (c.arrivedMs >= acc.last.arrivedMs) acc.last = own ?? (e as ContactRows).contact(row);
      if (activity > this.callActivity[slot]!) this.callActivity[slot] = activity;
      acc.waitSeconds += c.waitSeconds;
      if (c.outcome === "answered") {
        acc.talkSeconds += c.talkSeconds;
        acc.holdSeconds += c.holdSeconds;
        acc.acwSeconds += c.acwSeconds;
      }
      acc.transferred ||= c.transferred;
      if (c.rating !== null) acc.rating = c.rating;
      if (c.resolved !== null) acc.resolved = c.resolved;
    }

    const tQueue = this.queueTime(c);
    if (this.inRange(tQueue)) {
      const rec = this.bucket("contact", c, fresh);
      if (hasKey && c.outcome === "answered" && c.endedMs !== null) {
        for (let i = 0; i < this.fcr.length; i++) {
          const v = this.fcr[i]!;
          v.contact.eligible(i === 0 ? keyId0 : this.keyId(v, num, c), c.endedMs, rec);
        }
      }
    }
  }

  /** Whether the first contact of the call in slot `k` has the call id of `e` (row `row`, or -1: `e` itself): bytes compared when both are packed. */
  private sameCall(k: number, e: Contact | ContactRows, row: number): boolean {
    const first = this.callFirst[k]!;
    const fr = this.callFirstRow[k]!;
    if (fr >= 0 && row >= 0) return (first as ContactRows).sameCallId(fr, e as ContactRows, row);
    const a = fr < 0 ? (first as Contact).callId : (first as ContactRows).callId(fr);
    return a === (row < 0 ? (e as Contact).callId : (e as ContactRows).callId(row));
  }

  /** A customer's key id in one FCR variant (`num` from customerNumber, not NaN). */
  private keyId(v: FcrVariant, num: number, c: Contact): number {
    if (!v.sameQueue && num >= 0) return v.keys.idNum(num);
    const key = customerKey(c.customer)!;
    return v.keys.id(v.sameQueue ? `${key}\u0001${c.queue}` : key);
  }

  /**
   * Close what the committed stream has left behind: calls, FCR state. Downstream
   * of the dedupe stage, time runs a dedupe horizon behind the watermark.
   */
  private sweepCommitted(): void {
    // The committed stream's own watermark: a dedupe horizon behind, or level with
    // the input when nothing waits (sources that need no dedupe).
    const w = this.committedMs;
    const cutoff = w - CALL_HORIZON_MS;
    const lastHour = Math.floor(cutoff / HOUR_MS) - 1; // hours wholly before the cutoff
    for (let h = this.oldestHour; h <= lastHour; h++) {
      let k = this.wheelHead.get(h) ?? -1;
      if (k < 0) continue;
      this.wheelHead.delete(h);
      this.wheelTail.delete(h);
      while (k >= 0) {
        const next = this.callNext[k]!; // before `wheel` links k into another hour
        if (Math.floor(this.callActivity[k]! / HOUR_MS) > h) this.wheel(k); // touched since: its new hour
        else if (this.held === null || this.held[this.callHash[k]! & this.heldMask] === 0) this.closeSlot(k);
        // else: a contact still to come may be of this call; it stays open, and `finish` closes it at the end.
        k = next;
      }
    }
    if (lastHour + 1 > this.oldestHour) this.oldestHour = lastHour + 1;
    // FCR's judgements wait for the end while finishing, as they did when the last day was committed in one go.
    if (this.held !== null) return;
    for (const v of this.fcr) {
      v.contact.advance(w);
      v.call.advance(w);
    }
  }

  /** The first contact of the call in slot k, as an object of its own. */
  private firstContact(k: number): Contact {
    const row = this.callFirstRow[k]!;
    return row < 0 ? (this.callFirst[k] as Contact) : (this.callFirst[k] as ContactRows).contact(row);
  }

  private newCallSlot(): number {
    const k = this.callFirst.length;
    this.callFirst.push(undefined);
    this.callAcc.push(undefined);
    // The columns start alike and double together: one test for all (not a call to `grow` per column per slot).
    if (k >= this.callNext.length) {
      this.callFirstRow = grow(this.callFirstRow, k + 1);
      this.callActivity = grow(this.callActivity, k + 1);
      this.callKeyId = grow(this.callKeyId, k + 1);
      this.callSeq = grow(this.callSeq, k + 1);
      this.callHash = grow(this.callHash, k + 1);
      this.callVals = grow(this.callVals, (k + 1) * this.nVals);
      this.callRecQueue = grow(this.callRecQueue, k + 1);
      this.callRecHandle = grow(this.callRecHandle, k + 1);
      this.callArrived = grow(this.callArrived, k + 1);
      this.callFcrEnd = grow(this.callFcrEnd, k + 1);
      this.callNext = grow(this.callNext, k + 1);
    }
    return k;
  }

  /** Close the call in slot k and free the slot. */
  private closeSlot(k: number): void {
    const row = this.callFirstRow[k]!;
    const acc = this.callAcc[k];
    if (acc === undefined && this.fastClose) {
      this.callIds.deleteValue(this.callHash[k]!, k);
      this.callFirst[k] = undefined;
      this.freeCallSlots.push(k);
      this.closeOne(k);
      return;
    }
    const first = row < 0 ? (this.callFirst[k] as Contact) : this.closeCursor.at(this.callFirst[k] as ContactRows, row);
    this.callIds.deleteValue(this.callHash[k]!, k);
    this.callFirst[k] = undefined;
    this.callAcc[k] = undefined;
    this.freeCallSlots.push(k);
    this.closeCall(first, acc, this.callKeyId[k]!);
  }

  /** Close the call of one contact in slot k from what its commit kept: `closeCall` for that contact, to the same sums. */
  private closeOne(k: number): void {
    const id = this.callKeyId[k]!;
    const v = this.fcr[0];
    if (id >= 0) v!.call.arrival(id, this.callArrived[k]!);
    const rq = this.callRecQueue[k]!;
    if (rq < 0) return;
    const store = this.store;
    const rh = this.callRecHandle[k]!;
    const cq = store.callTwin(rq);
    const ch = rh === rq ? cq : store.callTwin(rh);
    this.addFacts(cq, ch, this.callVals, k * this.nVals);
    const end = this.callFcrEnd[k]!;
    if (id >= 0 && end === end) v!.call.eligible(id, end, cq);
  }

  private wheel(k: number): void {
    const h = Math.floor(this.callActivity[k]! / HOUR_MS);
    const tail = this.wheelTail.get(h);
    if (tail === undefined) this.wheelHead.set(h, k);
    else this.callNext[tail] = k;
    this.wheelTail.set(h, k);
    this.callNext[k] = -1;
    if (h < this.oldestHour) this.oldestHour = h;
  }

  /** Bucket a finished call at the call level (each call once, METRICS.md §2). */
  private closeCall(only: Contact, acc: CallAcc | undefined, firstKeyId: number): void {
    // Most calls are one contact: that contact is already the call's summary.
    const summary: Contact = acc === undefined || acc.contacts === 1 ? (acc?.last ?? only) : {
      ...acc.last,
      contactId: acc.last.callId,
      arrivedMs: acc.first.arrivedMs,
      customer: acc.first.customer || acc.last.customer,
      waitSeconds: acc.waitSeconds,
      talkSeconds: acc.talkSeconds,
      holdSeconds: acc.holdSeconds,
      acwSeconds: acc.acwSeconds,
      transferred: acc.transferred,
      rating: acc.rating,
      resolved: acc.resolved,
    };
    const reuse = firstKeyId >= 0 && summary.customer === (acc?.first ?? only).customer;
    // With one plain variant and the first contact's id at hand, the key itself is not needed (0 stands in).
    const onlyReuse = reuse && this.fcr.length === 1 && !this.fcr[0]!.sameQueue;
    const num = this.fcr.length === 0 ? NaN : onlyReuse ? 0 : customerNumber(summary.customer);
    if (num !== num) {
      const tq = this.queueTime(summary);
      if (this.inRange(tq)) this.bucket("call", summary);
      return;
    }
    // The call's key is its first contact's: reuse that lookup when the variant allows.
    const fcr = this.fcr;
    const ids = fcr.length === 1 ? this.oneId : new Array<number>(fcr.length);
    for (let i = 0; i < fcr.length; i++) {
      const v = fcr[i]!;
      const id = i === 0 && !v.sameQueue && reuse ? firstKeyId : this.keyId(v, num, summary);
      ids[i] = id;
      v.call.arrival(id, summary.arrivedMs);
    }
    const tq = this.queueTime(summary);
    if (!this.inRange(tq)) return;
    const rec = this.bucket("call", summary);
    if (summary.outcome === "answered" && summary.endedMs !== null) {
      for (let i = 0; i < fcr.length; i++) fcr[i]!.call.eligible(ids[i]!, summary.endedMs, rec);
    }
  }

  /**
   * Add facts of a contact (or call summary) to its record(s); returns the queue-phase record.
   * `callSlot` >= 0: the contact opened the call in that slot, which keeps its records and values (see `fastClose`).
   */
  private bucket(level: Level, c: Contact, callSlot = -1): number {
    const tq = this.queueTime(c);
    const th = this.handleTime(c);
    const o = this.o;
    const queue = o.keepQueue ? c.queue : "";
    const agent = o.keepAgent ? c.agent : "";
    const dims = o.dims.length ? o.dims.map((d) => c.dims?.[d] ?? (d === "team" ? this.teamOf(c.agent) : "")) : EMPTY;
    const minutes = this.buckets.minutes;
    const sq = this.bucketCursor.startOf(tq);
    const rq = this.store.slot(level, sq, minutes, queue, agent, dims);
    const sh = th === tq ? sq : this.bucketCursor.startOf(th);
    const rh = sh === sq ? rq : this.store.slot(level, sh, minutes, queue, agent, dims);
    let vals = this.scratch;
    let at = 0;
    if (callSlot >= 0) {
      vals = this.callVals;
      at = callSlot * this.nVals;
      this.callRecQueue[callSlot] = rq;
      this.callRecHandle[callSlot] = rh;
    }
    const of = this.factOf;
    for (let i = 0; i < of.length; i++) vals[at + i] = of[i]!(c);
    this.addFacts(rq, rh, vals, at);
    return rq;
  }

  /**
   * Add fact values (`vals` from `at`, in `factOf` order) to a queue-phase and a
   * handle-phase record: sums added and maxes kept where not 0, histogram values
   * counted where not NaN (no value).
   */
  private addFacts(rq: number, rh: number, vals: Float64Array, at: number): void {
    const store = this.store;
    const vq = store.slabOf(rq);
    const oq = store.offsetOf(rq);
    const vh = store.slabOf(rh);
    const oh = store.offsetOf(rh);
    const n = this.nPlain;
    for (let i = 0; i < n; i++) {
      const v = vals[at + i]!;
      if (v === 0) continue;
      const handle = this.factHandle[i];
      const to = handle ? vh : vq;
      const f = (handle ? oh : oq) + this.factIdx[i]!;
      if (!this.factMax[i]) to[f]! += v;
      else if (v > to[f]!) to[f] = v;
    }
    for (let i = n; i < this.nVals; i++) {
      const v = vals[at + i]!;
      if (v === v) store.addHist(this.factHandle[i] ? rh : rq, this.factIdx[i]!, v);
    }
  }

  /** Add an agent state span; "out-of-range" when it lies wholly outside --from/--to. */
  addState(s: AgentStateSpan): AddResult {
    if (!this.agents.inRange(s.startMs, s.endMs)) return "out-of-range";
    this.agents.addState(s);
    return "used";
  }

  addSchedule(s: ScheduleSpan): AddResult {
    if (!this.agents.inRange(s.startMs, s.endMs)) return "out-of-range";
    this.agents.addSchedule(s);
    return "used";
  }

  /** Merge a record read back from an intervals file. */
  addRecord(r: IntervalRecordRow): AddResult {
    this.recordsRead++;
    if (!this.inRange(r.startMs)) return "out-of-range";
    // Additive facts cannot be split: a 60-min record read into 30-min intervals lands whole in the first.
    const o = this.o;
    const b = this.buckets;
    if (b.kind === "interval" && r.minutes > o.intervalMinutes) this.coarseRecords = Math.max(this.coarseRecords, r.minutes);
    const start = b.kind === "interval" && r.minutes === o.intervalMinutes ? r.startMs : b.start(r.startMs);
    const dims = o.dims.map((d) => r.dims[d] ?? "");
    const rec = this.store.slot(r.level, start, b.minutes, o.keepQueue ? r.queue : "", o.keepAgent ? r.agent : "", dims);
    for (let i = 0; i < this.store.factKeys.length; i++) {
      const key = this.store.factKeys[i]!;
      if (this.store.isHist[i]) {
        const h = r.hists?.[key];
        if (h === undefined) this.missingFacts.add(key);
        else for (const [v, n] of h) this.store.addHist(rec, i, v, n);
        continue;
      }
      const v = r.facts[key];
      if (v === undefined) this.missingFacts.add(key);
      else if (v !== 0) this.store.addValue(rec, i, v);
    }
    const end = r.startMs + r.minutes * 60_000;
    if (end > this.recordsEndMs) this.recordsEndMs = end;
    if (r.startMs < this.recordsStartMs) this.recordsStartMs = r.startMs;
    return "used";
  }

  /** Close calls, judge FCR. Call once, after the last contact. */
  finish(): RecordStore {
    if (this.finished) return this.store;
    this.finished = true;
    // The last day of contacts still waits for duplicates. It is committed in steps, each followed by a
    // sweep (dedupe.flush), so that calls close as it goes: committed in one go, all of its calls were
    // open at once (650k open calls, 140 MB more at the end of 2M contacts at 10x the density, the run's
    // peak). What committing in one go got right stays so for input out of time order: a call that a
    // contact still waiting may join stays open (`held`), and FCR judges at the end.
    let waiting = 0;
    this.dedupe.forEachWaiting(() => waiting++);
    if (waiting > 0) {
      // Eight buckets per contact: few calls share one with a contact still to come, and a byte each.
      let size = 1024;
      while (size < 8 * waiting) size *= 2;
      const held = (this.held = new Uint8Array(size));
      this.heldMask = size - 1;
      this.dedupe.forEachWaiting((e, row) => {
        const b = (row < 0 ? hashString((e as Contact).callId) : (e as ContactRows).callHash(row)) & (size - 1);
        if (held[b]! < 255) held[b]!++; // a full bucket stays full: its calls stay open to the end
      });
    }
    this.dedupe.flush();
    this.held = null;
    const open: number[] = [];
    this.callFirst.forEach((c, k) => { if (c !== undefined) open.push(k); });
    open.sort((a, b) => this.callSeq[a]! - this.callSeq[b]!);
    for (const k of open) this.closeSlot(k);
    this.callFirst = [];
    this.callAcc = [];
    this.callIds.clear();
    this.wheelHead.clear();
    this.wheelTail.clear();
    for (const v of this.fcr) {
      v.contact.finish(this.dataEndMs);
      v.call.finish(this.dataEndMs);
    }
    if (this.agents.hasStates || this.agents.hasSchedule) {
      this.agentSummary = this.agents.finish(this.store, [...new Map(this.o.facts.map((f) => [f.key, f])).values()], this.dataEndMs);
    }
    return this.store;
  }
}

const EMPTY: readonly string[] = [];

/**
 * A packed contact read into a reused object: the facts, FCR and record lookups
 * read a contact and let it go, so most packed contacts never become objects of
 * their own. Two objects, since a contact has `ivrSeconds` or has no such property.
 */
class ContactCursor {
  /** Views: the ids and caller stay bytes of the batch unless something reads them (the builder does not). */
  private readonly plain = new ContactView();
  private readonly ivr = new ContactViewIvr();

  at(rows: ContactRows, n: number): Contact {
    const c = rows.hasIvr(n) ? this.ivr : this.plain;
    rows.fill(n, c);
    return c;
  }
}
