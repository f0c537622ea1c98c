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
 * then tells the next stage to sweep (close calls, judge FCR). This stage is pure
 * and self-contained so that it can run where the contacts are parsed: on the
 * reading worker, the main thread then receives committed contacts and sweep
 * points in exactly the order it would have produced them itself.
 */
import type { Contact } from "../model/contact.js";
import { HOUR_MS } from "../model/time.js";
import { IdTable } from "./id-table.js";

/** A call is closed when the data has moved this far past its last activity (longer than any call). */
export const CALL_HORIZON_MS = 6 * HOUR_MS;
/** Contacts wait this long (data time) for a later duplicate from an overlapping export, which replaces them. */
export const DEDUPE_HORIZON_MS = 24 * HOUR_MS;
const SWEEP_EVERY = 4096;

export type AddResult = "used" | "duplicate" | "out-of-range";

/** Where committed contacts go. */
export interface DedupeOut {
  /** A contact nothing can replace any more; `activityMs` is the latest activity of it and of the rows it replaced. */
  commit(c: Contact, activityMs: number): void;
  /** The contacts the horizon has passed were committed: close what the committed stream has left behind. */
  sweep(): void;
}

/** What the stage observed of every contact read: merged into the builder's figures. */
export interface DedupeStats {
  contactsRead: number;
  replacedContacts: number;
  lateContacts: number;
  dataEndMs: number;
  dataStartMs: number;
}

/** The latest moment a contact touches: arrival, answer, or the end of its after-call work. */
export function lastActivity(c: Contact): number {
  return Math.max(c.arrivedMs, c.answeredMs ?? -Infinity, c.endedMs === null ? -Infinity : c.endedMs + c.acwSeconds * 1000);
}

export class Deduper implements DedupeStats {
  /** Contacts handed in (duplicates and out-of-range ones too). */
  contactsRead = 0;
  /** Duplicates that replaced an earlier contact with the same id (last export wins). */
  replacedContacts = 0;
  /** Contacts read more than a call horizon behind the watermark (input out of time order). */
  lateContacts = 0;
  /** Latest activity and earliest arrival read, over every contact (in range or not). */
  dataEndMs = -Infinity;
  dataStartMs = Infinity;
  private watermarkMs = -Infinity;
  /**
   * Contacts wait here, in the order read, until the watermark is a dedupe horizon
   * past their last activity: a later row with the same id replaces the waiting
   * one in place, and nothing downstream has seen the first. `pendingIds` maps an
   * id to its absolute slot.
   */
  private pending: (Contact | null)[] = [];
  private pendingTimes: number[] = [];
  /** Whether a slot's id is in `pendingIds` (sources that dedupe themselves are not). */
  private pendingMapped: boolean[] = [];
  private pendingHead = 0;
  /** Absolute index of pending[0] (slots before it were committed and dropped). */
  private pendingBase = 0;
  private readonly pendingIds = new IdTable();
  private sinceSweep = 0;

  /** `inRange`: whether a contact counts under --from/--to (the answer for the row ledger). */
  constructor(private readonly out: DedupeOut, private readonly inRange: (c: Contact) => boolean) {}

  /**
   * Add one contact. `checkDuplicate` is false for sources that already drop
   * duplicates themselves (queue_log builds each contact id from its events).
   */
  add(c: Contact, checkDuplicate: boolean): AddResult {
    this.contactsRead++;
    const activity = lastActivity(c);
    if (checkDuplicate) {
      // One probe run: the slot of a pending contact with this id, or this one registered.
      const slot = this.pendingIds.getOrSet(c.contactId, this.pendingBase + this.pending.length);
      if (slot >= 0) {
        const i = slot - this.pendingBase;
        this.pending[i] = c;
        if (activity > this.pendingTimes[i]!) this.pendingTimes[i] = activity;
        this.replacedContacts++;
        this.observe(c, activity);
        return "duplicate";
      }
      this.pendingMapped.push(true);
    } else if (this.pendingHead === this.pending.length) {
      // Nothing waits and this source needs no dedupe (queue_log): no reason to hold it 24 h.
      this.observe(c, activity);
      this.out.commit(c, activity);
      if (++this.sinceSweep >= SWEEP_EVERY) this.sweep();
      return this.inRange(c) ? "used" : "out-of-range";
    } else this.pendingMapped.push(false);
    this.pending.push(c);
    this.pendingTimes.push(activity);
    this.observe(c, activity);
    if (++this.sinceSweep >= SWEEP_EVERY) this.sweep();
    return this.inRange(c) ? "used" : "out-of-range";
  }

  /** Commit every contact still waiting (at the end of the input). */
  flush(): void {
    this.commitPending(Infinity);
    this.pending = [];
    this.pendingTimes = [];
    this.pendingMapped = [];
    this.pendingHead = 0;
    this.pendingIds.clear();
  }

  /** Data span, watermark and lateness, for every row read (duplicates too). */
  private observe(c: Contact, activity: number): void {
    if (activity > this.dataEndMs) this.dataEndMs = activity;
    if (c.arrivedMs < this.dataStartMs) this.dataStartMs = c.arrivedMs;
    if (activity < this.watermarkMs - CALL_HORIZON_MS) this.lateContacts++;
    if (activity > this.watermarkMs) this.watermarkMs = activity;
  }

  private sweep(): void {
    this.sinceSweep = 0;
    this.commitPending(this.watermarkMs - DEDUPE_HORIZON_MS);
    this.out.sweep();
  }

  /** Hand on the contacts the dedupe horizon has passed. */
  private commitPending(untilMs: number): void {
    const pending = this.pending;
    const times = this.pendingTimes;
    let h = this.pendingHead;
    while (h < pending.length && times[h]! < untilMs) {
      const c = pending[h]!;
      pending[h] = null;
      // A mapped id points at its slot until now (a replacement reuses the slot); ids without dedupe were never mapped.
      if (this.pendingMapped[h]) this.pendingIds.delete(c.contactId);
      this.out.commit(c, times[h]!);
      h++;
    }
    this.pendingHead = h;
    if (h > 4096 && h * 2 > pending.length) {
      this.pending = pending.slice(h);
      this.pendingTimes = times.slice(h);
      this.pendingMapped = this.pendingMapped.slice(h);
      this.pendingBase += h;
      this.pendingHead = 0;
    }
  }
}
