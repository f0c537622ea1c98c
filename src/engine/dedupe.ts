/**
 * The first stage of the interval builder: contacts in, in the order read;
 * contacts out, committed, once nothing can replace them any more.
 *
 * Duplicates: the last export wins. A contact waits `DEDUPE_HORIZON_MS` of data
 * time (behind the watermark, the latest activity read) before it is committed;
 * a later row with its id (the same day exported again after the calls that were
 * open had ended) replaces it and counts as the duplicate. Contacts from sources
 * that dedupe themselves pass straight through while nothing waits.
 *
 * Every `SWEEP_EVERY` contacts the stage commits what the horizon has passed and
 * then tells the next stage to sweep (close calls, judge FCR). Pure and
 * self-contained. (Running it on the reading worker was measured slower: both
 * threads idled more and collected more garbage.)
 */
import type { Contact } from "../model/contact.js";
import type { RowStrings } from "../model/contact-view.js";
import { HOUR_MS } from "../model/time.js";
import { hashString, IdTable } from "./id-table.js";

/** A call is closed when the data has moved this far past its last activity (longer than any call). */
export const CALL_HORIZON_MS = 6 * HOUR_MS;
/** Contacts wait this long (data time) for a later duplicate from an overlapping export, which replaces them. */
export const DEDUPE_HORIZON_MS = 24 * HOUR_MS;
const SWEEP_EVERY = 4096;

export type AddResult = "used" | "duplicate" | "out-of-range";

/** Where committed contacts go. */
export interface DedupeOut {
  /**
   * A contact nothing can replace any more: `e` itself (`row` -1) or row `row` of
   * packed contacts `e`; `activityMs` is the latest activity of it and of the rows
   * it replaced.
   */
  commit(e: Contact | ContactRows, row: number, activityMs: number): void;
  /** The contacts the horizon has passed were committed: close what the committed stream has left behind. */
  sweep(): void;
}

/**
 * The latest of a contact's timestamps: arrival, answer, end. Not the end of its
 * after-call work, which most exports give as a duration (METRICS.md: FCR's data
 * end is "the latest timestamp read").
 */
function lastTimestampOf(arrivedMs: number, answeredMs: number | null, endedMs: number | null): number {
  return Math.max(arrivedMs, answeredMs ?? -Infinity, endedMs ?? -Infinity);
}

/** The latest moment a contact touches: arrival, answer, or the end of its after-call work. */
function activityOf(arrivedMs: number, answeredMs: number | null, endedMs: number | null, acwSeconds: number): number {
  return Math.max(arrivedMs, answeredMs ?? -Infinity, endedMs === null ? -Infinity : endedMs + acwSeconds * 1000);
}

/**
 * Contacts packed in columns (a batch as read, ingest/batching.ts and contact-batch.ts):
 * the fields the stage reads while a contact waits, and the contact itself.
 */
export interface ContactRows extends RowStrings {
  /** `hashString(contactId(n))`. */
  idHash(n: number): number;
  /** `hashString(callId(n))`. */
  callHash(n: number): number;
  /** Whether contact `n` and contact `m` of `o` have the same id (without making strings when `o` is packed contacts too). */
  sameContactId(n: number, o: RowStrings, m: number): boolean;
  /** The same for the call id. */
  sameCallId(n: number, o: RowStrings, m: number): boolean;
  /** `customerNumber` of contact `n`'s customer. */
  customerNumber(n: number): number;
  arrivedMs(n: number): number;
  answeredMs(n: number): number | null;
  endedMs(n: number): number | null;
  acwSeconds(n: number): number;
  hasIvr(n: number): boolean;
  /** Contact `n` as a new object. */
  contact(n: number): Contact;
  /** Contact `n` written into a view (model/contact-view.ts) with `ivrSeconds` exactly when `hasIvr`. */
  fill(n: number, into: Contact): void;
}

/** The id of a waiting contact: `e` itself (`row` -1) or row `row` of packed contacts `e`. */
function idOf(e: Contact | ContactRows, row: number): string {
  return row < 0 ? (e as Contact).contactId : (e as ContactRows).contactId(row);
}

/** Whether two contacts (each `e` itself or a row of packed contacts) have the same id: bytes compared when both are packed. */
function sameId(a: Contact | ContactRows, ra: number, b: Contact | ContactRows, rb: number): boolean {
  if (ra >= 0 && rb >= 0) return (a as ContactRows).sameContactId(ra, b as ContactRows, rb);
  return idOf(a, ra) === idOf(b, rb);
}

/** Whether a contact with these times counts under --from/--to (the answer for the row ledger). */
export type InRange = (arrivedMs: number, answeredMs: number | null, endedMs: number | null) => boolean;

export class Deduper {
  /** Contacts handed in (duplicates and out-of-range ones too). */
  contactsRead = 0;
  /** Duplicates that replaced an earlier contact with the same id (last export wins). */
  replacedContacts = 0;
  /** Contacts read more than a call horizon behind the watermark (input out of time order). */
  lateContacts = 0;
  /** Latest timestamp (`lastTimestampOf`) and earliest arrival read, over every contact (in range or not). */
  dataEndMs = -Infinity;
  dataStartMs = Infinity;
  private watermarkMs = -Infinity;
  /**
   * Contacts wait here, in the order read, until the watermark is a dedupe horizon
   * past their last activity: a later row with the same id replaces the waiting
   * one in place, and nothing downstream has seen the first. `pendingIds` maps an
   * id's hash to its position, keyless: the contact there tells whether it has
   * the id (`sameId`; bytes compared for packed rows, no string made).
   *
   * A slot holds a contact object (`pendingRow` -1) or, for contacts read in
   * batches, the batch they came in and their row in it, handed on as
   * such. Waiting a day of data time as objects, every contact outlived two
   * young-generation collections and was copied into the old one (measured on
   * 1M contacts: main-thread scavenges 0.74 s -> 0.55 s, peak RSS -15 %); as rows
   * nothing of them is on the JS heap (ingest/contact-batch.ts).
   *
   * A ring of typed columns, doubled when full: slot `k` (a count of contacts
   * added) sits at position `k & mask`; `pendingHead` and `pendingTail` count the
   * contacts committed and added. Arrays pushed to and sliced allocated about
   * 170 bytes per contact.
   */
  private pending: (Contact | ContactRows | null)[] = new Array<Contact | ContactRows | null>(1024).fill(null);
  private pendingRow = new Int32Array(1024);
  private pendingTimes = new Float64Array(1024);
  /** 1 when a slot's id is in `pendingIds` (sources that dedupe themselves are not). */
  private pendingMapped = new Uint8Array(1024);
  /** The `hashString` of a mapped slot's id: its commit deletes it by hash and position (`IdTable.deleteValue`), without reading the id again. */
  private pendingHash = new Int32Array(1024);
  private mask = 1023;
  private pendingHead = 0;
  private pendingTail = 0;
  private readonly pendingIds = new IdTable();
  private sinceSweep = 0;

  constructor(private readonly out: DedupeOut, private readonly inRange: InRange) {}

  /**
   * Add one contact. `checkDuplicate` is false for sources that already drop
   * duplicates themselves (queue_log builds each contact id from its events).
   */
  add(c: Contact, checkDuplicate: boolean): AddResult {
    const activity = activityOf(c.arrivedMs, c.answeredMs, c.endedMs, c.acwSeconds);
    const last = lastTimestampOf(c.arrivedMs, c.answeredMs, c.endedMs);
    if (last > this.dataEndMs) this.dataEndMs = last;
    const r = this.enqueue(c, -1, checkDuplicate ? hashString(c.contactId) : 0, activity, c.arrivedMs, checkDuplicate);
    if (r !== null) return r;
    return this.inRange(c.arrivedMs, c.answeredMs, c.endedMs) ? "used" : "out-of-range";
  }

  /** Add contact `n` of a batch: like `add`, without building the contact while it waits. */
  addPacked(b: ContactRows, n: number, checkDuplicate: boolean): AddResult {
    const arrived = b.arrivedMs(n);
    const answered = b.answeredMs(n);
    const ended = b.endedMs(n);
    const activity = activityOf(arrived, answered, ended, b.acwSeconds(n));
    const last = lastTimestampOf(arrived, answered, ended);
    if (last > this.dataEndMs) this.dataEndMs = last;
    const r = this.enqueue(b, n, checkDuplicate ? b.idHash(n) : 0, activity, arrived, checkDuplicate);
    if (r !== null) return r;
    return this.inRange(arrived, answered, ended) ? "used" : "out-of-range";
  }

  /** The common part of `add` and `addPacked` (`h`: the id's `hashString`): "duplicate", or null (the caller answers whether it is in range). */
  private enqueue(e: Contact | ContactRows, row: number, h: number, activity: number, arrivedMs: number, checkDuplicate: boolean): AddResult | null {
    this.contactsRead++;
    if (this.pendingTail - this.pendingHead > this.mask) this.grow();
    const at = this.pendingTail & this.mask;
    if (checkDuplicate) {
      // A pending contact with this id: the positions under its hash whose contact has it.
      const ids = this.pendingIds;
      for (let s = ids.nextHashed(h, -1); s >= 0; s = ids.nextHashed(h, s)) {
        const i = ids.valueAt(s);
        if (!sameId(this.pending[i]!, this.pendingRow[i]!, e, row)) continue;
        this.pending[i] = e;
        this.pendingRow[i] = row;
        if (activity > this.pendingTimes[i]!) this.pendingTimes[i] = activity;
        this.replacedContacts++;
        this.observe(arrivedMs, activity);
        return "duplicate";
      }
      ids.addHashed(h, at);
      this.pendingMapped[at] = 1;
      this.pendingHash[at] = h;
    } else if (this.pendingHead === this.pendingTail) {
      // Nothing waits and this source needs no dedupe (queue_log): no reason to hold it 24 h.
      this.observe(arrivedMs, activity);
      this.out.commit(e, row, activity);
      if (++this.sinceSweep >= SWEEP_EVERY) this.sweep();
      return null;
    } else this.pendingMapped[at] = 0;
    this.pending[at] = e;
    this.pendingRow[at] = row;
    this.pendingTimes[at] = activity;
    this.pendingTail++;
    this.observe(arrivedMs, activity);
    if (++this.sinceSweep >= SWEEP_EVERY) this.sweep();
    return null;
  }

  /** Twice the ring, each waiting contact at its new position (and its id pointing there). */
  private grow(): void {
    const mask = this.mask * 2 + 1;
    const pending = new Array<Contact | ContactRows | null>(mask + 1).fill(null);
    const rows = new Int32Array(mask + 1);
    const times = new Float64Array(mask + 1);
    const mapped = new Uint8Array(mask + 1);
    const hashes = new Int32Array(mask + 1);
    // Positions change: the table is filled again (by hash and position; the ids are known to differ).
    this.pendingIds.removeAll();
    for (let k = this.pendingHead; k < this.pendingTail; k++) {
      const from = k & this.mask;
      const to = k & mask;
      const e = this.pending[from]!;
      const row = this.pendingRow[from]!;
      pending[to] = e;
      rows[to] = row;
      times[to] = this.pendingTimes[from]!;
      mapped[to] = this.pendingMapped[from]!;
      hashes[to] = this.pendingHash[from]!;
      if (mapped[to]) this.pendingIds.addHashed(hashes[to]!, to);
    }
    this.pending = pending;
    this.pendingRow = rows;
    this.pendingTimes = times;
    this.pendingMapped = mapped;
    this.pendingHash = hashes;
    this.mask = mask;
  }

  /** Each contact still waiting, in the order read (`row` -1: `e` itself; else row `row` of packed contacts `e`). */
  forEachWaiting(f: (e: Contact | ContactRows, row: number) => void): void {
    for (let h = this.pendingHead; h < this.pendingTail; h++) {
      const p = h & this.mask;
      f(this.pending[p]!, this.pendingRow[p]!);
    }
  }

  /**
   * Commit every contact still waiting (at the end of the input), `SWEEP_EVERY` at a
   * time with a sweep after each, as while reading, so that the next stage can let go
   * of what it no longer needs as it goes (see `IntervalBuilder.finish`).
   */
  flush(): void {
    while (this.pendingHead < this.pendingTail) {
      this.commitPending(Infinity, SWEEP_EVERY);
      this.out.sweep();
    }
    this.pendingIds.clear();
  }

  /** Data start, watermark and lateness, for every row read (duplicates too). */
  private observe(arrivedMs: number, activity: number): void {
    if (arrivedMs < this.dataStartMs) this.dataStartMs = arrivedMs;
    if (activity < this.watermarkMs - CALL_HORIZON_MS) this.lateContacts++;
    if (activity > this.watermarkMs) this.watermarkMs = activity;
  }

  private sweep(): void {
    this.sinceSweep = 0;
    this.commitPending(this.watermarkMs - DEDUPE_HORIZON_MS);
    this.out.sweep();
  }

  /** Hand on the contacts the dedupe horizon has passed (at most `max` of them). */
  private commitPending(untilMs: number, max = Infinity): void {
    const { pending, pendingRow: rows, pendingTimes: times, pendingMapped: mapped, pendingHash: hashes, mask } = this;
    let h = this.pendingHead;
    const last = Math.min(this.pendingTail, h + max);
    while (h < last && times[h & mask]! < untilMs) {
      const p = h & mask;
      const row = rows[p]!;
      const e = pending[p]!;
      pending[p] = null;
      // A mapped id points at its position until now (a replacement reuses it); ids without dedupe were never mapped.
      if (mapped[p]) this.pendingIds.deleteValue(hashes[p]!, p);
      this.out.commit(e, row, times[p]!);
      h++;
    }
    this.pendingHead = h;
  }
}
