/**
 * Contacts packed in batches (batching.ts): for the trip from the reading worker
 * to the main thread, and to wait in the builder as rows rather than objects.
 * Structured clone of a million contact objects costs more than parsing them;
 * packed, the numbers travel in two transferred typed arrays (no copy), the
 * low-cardinality names (queue, agent, disposition, file) as ids into a
 * dictionary sent once per new name, and the three per-contact strings (ids and
 * caller) in one array. Unpacking rebuilds every field exactly: nulls, NaN
 * waits, an absent `ivrSeconds`, dims.
 *
 * Two values the builder needs at commit travel worked out: the call id's
 * `hashString` and the caller's `customerNumber`. The reading thread has the
 * strings in cache; the builder commits a contact a day of data later, when
 * reading them again missed the cache (main thread 3.3-3.9 -> 3.1-3.6 s on
 * 1M contacts, alternating runs).
 */
import { blankContact, customerNumber, OUTCOMES, StintContact, stintId, type Contact } from "../model/contact.js";
import { grow } from "../model/grow.js";
import { hashString } from "../engine/id-table.js";

/** Float64 slots per contact. */
const F = 12;
/** Int32 slots per contact: queue, agent, disposition, file (dictionary ids), dims index, flag bits, call id hash. */
const I = 7;

// Flag bits (Int32 slot 5): outcome index in bits 0-2, then:
const ANSWERED_NULL = 1 << 3;
const ENDED_NULL = 1 << 4;
const RATING_NULL = 1 << 5;
const HAS_IVR = 1 << 6;
const TRANSFERRED = 1 << 7;
const RESOLVED_SHIFT = 8; // 0 = null, 1 = false, 2 = true (bits 8-9)
/** The contact is a StintContact: its id is not sent but made from its call id, queue and arrival when read. */
const STINT_ID = 1 << 10;

const OUTCOME_INDEX = new Map<string, number>(OUTCOMES.map((o, i) => [o, i]));

export interface PackedContacts {
  count: number;
  f64: Float64Array;
  i32: Int32Array;
  /** contactId, callId, customer per contact. */
  strs: string[];
  /** Names first seen in this batch, in id order (ids continue the previous batches'). */
  newNames: string[];
  /** Dims objects, for contacts whose dims index is >= 0. */
  dims: Record<string, string>[];
  /** Names sent inline once the dictionary is full (id -1 - k is extra[k]). */
  extra: string[];
}

/** Free-text columns (a disposition per row) must not grow the dictionary without bound. */
const MAX_NAMES = 1 << 16;

export class ContactPacker {
  private f64 = new Float64Array(1024 * F);
  private i32 = new Int32Array(1024 * I);
  private strs: string[] = [];
  private dims: Record<string, string>[] = [];
  private newNames: string[] = [];
  private extra: string[] = [];
  private readonly names = new Map<string, number>();
  count = 0;

  private name(s: string): number {
    let id = this.names.get(s);
    if (id === undefined) {
      if (this.names.size >= MAX_NAMES) {
        this.extra.push(s);
        return -this.extra.length;
      }
      id = this.names.size;
      this.names.set(s, id);
      this.newNames.push(s);
    }
    return id;
  }

  add(c: Contact): void {
    const stint = c instanceof StintContact;
    const n = this.count++;
    this.f64 = grow(this.f64, (n + 1) * F);
    this.i32 = grow(this.i32, (n + 1) * I);
    const f = this.f64;
    const o = n * F;
    f[o] = c.arrivedMs;
    f[o + 1] = c.answeredMs ?? 0;
    f[o + 2] = c.endedMs ?? 0;
    f[o + 3] = c.waitSeconds;
    f[o + 4] = c.talkSeconds;
    f[o + 5] = c.holdSeconds;
    f[o + 6] = c.acwSeconds;
    f[o + 7] = c.ivrSeconds ?? 0;
    f[o + 8] = c.rating ?? 0;
    f[o + 9] = c.line;
    f[o + 10] = c.rowCount;
    f[o + 11] = customerNumber(c.customer);
    const i = this.i32;
    const p = n * I;
    i[p] = this.name(c.queue);
    i[p + 1] = this.name(c.agent);
    i[p + 2] = this.name(c.disposition);
    i[p + 3] = this.name(c.file);
    if (c.dims === null) i[p + 4] = -1;
    else {
      i[p + 4] = this.dims.length;
      this.dims.push(c.dims);
    }
    i[p + 5] =
      OUTCOME_INDEX.get(c.outcome)! |
      (c.answeredMs === null ? ANSWERED_NULL : 0) |
      (c.endedMs === null ? ENDED_NULL : 0) |
      (c.rating === null ? RATING_NULL : 0) |
      (c.ivrSeconds !== undefined ? HAS_IVR : 0) |
      (c.transferred ? TRANSFERRED : 0) |
      ((c.resolved === null ? 0 : c.resolved ? 2 : 1) << RESOLVED_SHIFT) |
      (stint ? STINT_ID : 0);
    i[p + 6] = hashString(c.callId);
    this.strs.push(stint ? "" : c.contactId, c.callId, c.customer);
  }

  /** The contacts added since the last call, packed; the packer starts empty again (names stay known). */
  take(): PackedContacts {
    const batch: PackedContacts = {
      count: this.count,
      f64: this.f64.slice(0, this.count * F),
      i32: this.i32.slice(0, this.count * I),
      strs: this.strs,
      newNames: this.newNames,
      dims: this.dims,
      extra: this.extra,
    };
    this.count = 0;
    this.extra = [];
    this.strs = [];
    this.dims = [];
    this.newNames = [];
    return batch;
  }
}

/** The receiving side: the names dictionary grows with every batch. */
export class ContactUnpacker {
  private readonly names: string[] = [];

  /** A batch as received: registers its new names (call once per batch, in order). */
  begin(b: PackedContacts): ContactBatch {
    for (const s of b.newNames) this.names.push(s);
    return new ContactBatch(b, this.names);
  }
}

/**
 * One received batch. Besides rebuilding a contact (`contact`), it reads the few
 * fields the dedupe stage needs straight from the packed columns, so that a
 * contact can wait there as a row of its batch (off the JS heap but for its three
 * strings) and become an object only when it is committed.
 */
export class ContactBatch {
  readonly count: number;
  private readonly f64: Float64Array;
  private readonly i32: Int32Array;
  private readonly strs: string[];

  /** `names`: the unpacker's dictionary, which later batches only append to. */
  constructor(private readonly b: PackedContacts, private readonly names: readonly string[]) {
    this.count = b.count;
    this.f64 = b.f64;
    this.i32 = b.i32;
    this.strs = b.strs;
  }

  private name(id: number): string {
    return id >= 0 ? this.names[id]! : this.b.extra[-1 - id]!;
  }

  contactId(n: number): string {
    if (this.stintId(n)) return stintId(this.strs[n * 3 + 1]!, this.name(this.i32[n * I]!), this.f64[n * F]!);
    return this.strs[n * 3]!;
  }

  /** Whether contact `n` is a StintContact (its id made when read). */
  stintId(n: number): boolean {
    return (this.i32[n * I + 5]! & STINT_ID) !== 0;
  }

  callId(n: number): string {
    return this.strs[n * 3 + 1]!;
  }

  /** `hashString(callId(n))`. */
  callHash(n: number): number {
    return this.i32[n * I + 6]!;
  }

  /** `customerNumber` of contact `n`'s customer. */
  customerNumber(n: number): number {
    return this.f64[n * F + 11]!;
  }

  arrivedMs(n: number): number {
    return this.f64[n * F]!;
  }

  answeredMs(n: number): number | null {
    return this.i32[n * I + 5]! & ANSWERED_NULL ? null : this.f64[n * F + 1]!;
  }

  endedMs(n: number): number | null {
    return this.i32[n * I + 5]! & ENDED_NULL ? null : this.f64[n * F + 2]!;
  }

  acwSeconds(n: number): number {
    return this.f64[n * F + 6]!;
  }

  rowCount(n: number): number {
    return this.f64[n * F + 10]!;
  }

  /** Whether contact `n` has an `ivrSeconds` (a contact without one has no such property). */
  hasIvr(n: number): boolean {
    return (this.i32[n * I + 5]! & HAS_IVR) !== 0;
  }

  /** Contact `n`, as the source built it (a StintContact too). */
  contact(n: number): Contact {
    const c = this.stintId(n) ? new StintContact(blankContact()) : blankContact();
    this.fill(n, c);
    return c;
  }

  /**
   * Contact `n` written into `into`, field by field in the order `contactOf` sets them
   * (one hidden class): a contact object reused for rows that are read and let go.
   * `ivrSeconds` is written only when the contact has one (see `hasIvr`). A StintContact
   * `into` (for contacts that are one: `stintId`) makes its id itself, when read.
   */
  fill(n: number, into: Contact): void {
    const f = this.f64;
    const o = n * F;
    const i = this.i32;
    const p = n * I;
    const bits = i[p + 5]!;
    const s = n * 3;
    const r = (bits >>> RESOLVED_SHIFT) & 3;
    if (!(into instanceof StintContact)) into.contactId = this.contactId(n);
    into.callId = this.strs[s + 1]!;
    into.queue = this.name(i[p]!);
    into.agent = this.name(i[p + 1]!);
    into.customer = this.strs[s + 2]!;
    into.arrivedMs = f[o]!;
    into.answeredMs = bits & ANSWERED_NULL ? null : f[o + 1]!;
    into.endedMs = bits & ENDED_NULL ? null : f[o + 2]!;
    into.outcome = OUTCOMES[bits & 7]!;
    into.waitSeconds = f[o + 3]!;
    into.talkSeconds = f[o + 4]!;
    into.holdSeconds = f[o + 5]!;
    into.acwSeconds = f[o + 6]!;
    into.transferred = (bits & TRANSFERRED) !== 0;
    into.disposition = this.name(i[p + 2]!);
    into.rating = bits & RATING_NULL ? null : f[o + 8]!;
    into.resolved = r === 0 ? null : r === 2;
    into.dims = i[p + 4]! < 0 ? null : this.b.dims[i[p + 4]!]!;
    into.file = this.name(i[p + 3]!);
    into.line = f[o + 9]!;
    into.rowCount = f[o + 10]!;
    if (bits & HAS_IVR) into.ivrSeconds = f[o + 7]!;
  }
}
