/**
 * Contacts packed in batches (batching.ts): for the trip from the reading worker
 * to the main thread, and to wait in the builder as rows rather than objects.
 * Structured clone of a million contact objects costs more than parsing them;
 * packed, the numbers travel in transferred typed arrays (no copy), the
 * low-cardinality names (queue, agent, disposition, file) as ids into a
 * dictionary sent once per new name. Unpacking rebuilds every field exactly:
 * nulls, NaN waits, an absent `ivrSeconds`, dims.
 *
 * The three per-contact strings (contact id, call id, caller) travel as bytes in
 * one transferred buffer, with their ends, and stay bytes on the receiving side
 * until something asks for a string (`contact`, a view's getters). The builder
 * asks for none: it finds duplicates and calls by the hashes worked out here
 * (`idHash`, `callHash`) and by comparing bytes (`sameContactId`,
 * `sameCallId`), and FCR by the caller's `customerNumber`, also worked out
 * here. Sent as strings, they were 3M strings on 1M contacts that the main
 * thread made and then kept a day of data time, copied by every young-generation
 * collection meanwhile; and reading them again at commit, a day later, missed
 * the cache.
 *
 * A string of ASCII characters is its bytes; any other string is its UTF-16 code
 * units, two bytes each (exact for every string, lone surrogates too), with a
 * flag. So equal strings have equal bytes and flags, and unequal ones do not.
 */
import { Buffer } from "node:buffer";
import { blankContact, customerNumber, OUTCOMES, StintContact, stintId, type Contact } from "../model/contact.js";
import { ContactView, type RowStrings } from "../model/contact-view.js";
import { talkSpan, type AgentStateSpan } from "../model/agent.js";
import { grow } from "../model/grow.js";
import { hashString } from "../engine/id-table.js";

/** Float64 slots per contact. */
const F = 12;
/** Int32 slots per contact: queue, agent, disposition, file (dictionary ids), dims index, flag bits, call id hash, contact id hash. */
const I = 8;

// Flag bits (Int32 slot 5): outcome index in bits 0-2, then:
const ANSWERED_NULL = 1 << 3;
const ENDED_NULL = 1 << 4;
const RATING_NULL = 1 << 5;
const HAS_IVR = 1 << 6;
const TRANSFERRED = 1 << 7;
const RESOLVED_SHIFT = 8; // 0 = null, 1 = false, 2 = true (bits 8-9)
/** The contact is a StintContact: its id is not sent but made from its call id, queue and arrival when read. */
const STINT_ID = 1 << 10;
/** String `f` of a contact (0 id, 1 call id, 2 caller) is UTF-16 code units, not ASCII bytes: flag bit `WIDE << f`. */
const WIDE = 1 << 11;
/** The reader gave the contact's talking span (model/agent.ts `talkSpan`) right after it (batching.ts). */
const TALK_SPAN = 1 << 14;

const OUTCOME_INDEX = new Map<string, number>(OUTCOMES.map((o, i) => [o, i]));

export interface PackedContacts {
  count: number;
  f64: Float64Array;
  i32: Int32Array;
  /** contactId, callId, customer per contact, back to back: ASCII bytes or UTF-16LE code units (flag bits). */
  text: Uint8Array;
  /** Where each of those strings ends in `text` (3 per contact); the next one starts there. */
  textEnd: Int32Array;
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
  private text = new Uint8Array(1 << 16);
  private textEnd = new Int32Array(3 * 1024);
  private textLength = 0;
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

  /** Write string `f` of contact `n` to the text; its WIDE flag when it is not ASCII, else 0. */
  private put(s: string, n: number, f: number): number {
    const len = s.length;
    let at = this.textLength;
    this.text = grow(this.text, at + 2 * len);
    const t = this.text;
    let i = 0;
    for (; i < len; i++) {
      const ch = s.charCodeAt(i);
      if (ch > 0x7f) break;
      t[at + i] = ch;
    }
    let flag = 0;
    if (i === len) at += len;
    else {
      for (let k = 0; k < len; k++) {
        const ch = s.charCodeAt(k);
        t[at + 2 * k] = ch & 0xff;
        t[at + 2 * k + 1] = ch >>> 8;
      }
      at += 2 * len;
      flag = WIDE << f;
    }
    this.textLength = at;
    this.textEnd[3 * n + f] = at;
    return flag;
  }

  add(c: Contact): void {
    const stint = c instanceof StintContact;
    const n = this.count++;
    this.f64 = grow(this.f64, (n + 1) * F);
    this.i32 = grow(this.i32, (n + 1) * I);
    this.textEnd = grow(this.textEnd, (n + 1) * 3);
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
      (stint ? STINT_ID : 0) |
      this.put(stint ? "" : c.contactId, n, 0) |
      this.put(c.callId, n, 1) |
      this.put(c.customer, n, 2);
    i[p + 6] = hashString(c.callId);
    i[p + 7] = stint ? 0 : hashString(c.contactId);
  }

  /** Flag the contact added last as followed by its talking span. */
  markTalkSpan(): void {
    this.i32[(this.count - 1) * I + 5]! |= TALK_SPAN;
  }

  /** The contacts added since the last call, packed; the packer starts empty again (names stay known). */
  take(): PackedContacts {
    const batch: PackedContacts = {
      count: this.count,
      f64: this.f64.slice(0, this.count * F),
      i32: this.i32.slice(0, this.count * I),
      text: this.text.slice(0, this.textLength),
      textEnd: this.textEnd.slice(0, this.count * 3),
      newNames: this.newNames,
      dims: this.dims,
      extra: this.extra,
    };
    this.count = 0;
    this.textLength = 0;
    this.extra = [];
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
 * contact can wait there as a row of its batch (off the JS heap) and become a
 * view (`fill`) only when it is committed.
 */
export class ContactBatch implements RowStrings {
  readonly count: number;
  private readonly f64: Float64Array;
  private readonly i32: Int32Array;
  private readonly text: Uint8Array;
  private readonly textEnd: Int32Array;
  /** `text` as a Buffer, made when a string is first asked for. */
  private buffer: Buffer | null = null;

  /** `names`: the unpacker's dictionary, which later batches only append to. */
  constructor(private readonly b: PackedContacts, private readonly names: readonly string[]) {
    this.count = b.count;
    this.f64 = b.f64;
    this.i32 = b.i32;
    this.text = b.text;
    this.textEnd = b.textEnd;
  }

  /** String `j` of the text (contact `j / 3`, field `j % 3`). */
  private string(j: number): string {
    const start = j === 0 ? 0 : this.textEnd[j - 1]!;
    const end = this.textEnd[j]!;
    if (start === end) return "";
    const buf = (this.buffer ??= Buffer.from(this.text.buffer, this.text.byteOffset, this.text.byteLength));
    const wide = (this.i32[((j / 3) | 0) * I + 5]! & (WIDE << j % 3)) !== 0;
    return buf.toString(wide ? "utf16le" : "latin1", start, end);
  }

  /** Whether string `j` here and string `k` of batch `o` are the same string: the same flag and bytes. */
  private sameString(j: number, o: ContactBatch, k: number): boolean {
    const a = this.text;
    const b = o.text;
    let i = j === 0 ? 0 : this.textEnd[j - 1]!;
    const end = this.textEnd[j]!;
    let m = k === 0 ? 0 : o.textEnd[k - 1]!;
    if (end - i !== o.textEnd[k]! - m) return false;
    const f = j % 3;
    if ((this.i32[((j / 3) | 0) * I + 5]! & (WIDE << f)) !== (o.i32[((k / 3) | 0) * I + 5]! & (WIDE << f))) return false;
    for (; i < end; i++, m++) if (a[i] !== b[m]) return false;
    return true;
  }

  private name(id: number): string {
    return id >= 0 ? this.names[id]! : this.b.extra[-1 - id]!;
  }

  contactId(n: number): string {
    if (this.stintId(n)) return stintId(this.callId(n), this.name(this.i32[n * I]!), this.f64[n * F]!);
    return this.string(n * 3);
  }

  /** `hashString(contactId(n))` (0 for a StintContact, whose id is not looked up). */
  idHash(n: number): number {
    return this.i32[n * I + 7]!;
  }

  /** Whether contact `n` here and contact `m` of `o` have the same id. */
  sameContactId(n: number, o: RowStrings, m: number): boolean {
    if (o instanceof ContactBatch && !this.stintId(n) && !o.stintId(m)) return this.sameString(n * 3, o, m * 3);
    return this.contactId(n) === o.contactId(m);
  }

  /** Whether contact `n` here and contact `m` of `o` have the same call id. */
  sameCallId(n: number, o: RowStrings, m: number): boolean {
    if (o instanceof ContactBatch) return this.sameString(n * 3 + 1, o, m * 3 + 1);
    return this.callId(n) === o.callId(m);
  }

  customer(n: number): string {
    return this.string(n * 3 + 2);
  }

  /** Whether contact `n` is a StintContact (its id made when read). */
  stintId(n: number): boolean {
    return (this.i32[n * I + 5]! & STINT_ID) !== 0;
  }

  callId(n: number): string {
    return this.string(n * 3 + 1);
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

  /** Whether the reader gave contact `n`'s talking span right after it (`markTalkSpan`). */
  hasTalkSpan(n: number): boolean {
    return (this.i32[n * I + 5]! & TALK_SPAN) !== 0;
  }

  /** Contact `n`'s talking span (`talkSpan`), for a contact `hasTalkSpan`: answered and ended. */
  talkSpan(n: number): AgentStateSpan {
    const o = n * F;
    const p = n * I;
    return talkSpan(this.name(this.i32[p + 1]!), this.f64[o + 1]!, this.f64[o + 2]!, this.name(this.i32[p + 3]!), this.f64[o + 9]!);
  }

  /** Whether contact `n` has an `ivrSeconds` (a contact without one has no such property). */
  hasIvr(n: number): boolean {
    return (this.i32[n * I + 5]! & HAS_IVR) !== 0;
  }

  /** Contact `n`, as the source built it (a StintContact too), strings and all. */
  contact(n: number): Contact {
    let c: Contact;
    if (this.stintId(n)) c = new StintContact(blankContact());
    else {
      c = blankContact();
      c.contactId = this.contactId(n);
    }
    c.callId = this.callId(n);
    c.customer = this.customer(n);
    this.fill(n, c);
    return c;
  }

  /**
   * Contact `n` written into `into`, field by field in the order `contactOf` sets
   * them (one hidden class): a view reused for rows that are read and let go, its
   * strings read from here when asked (`ContactView.point`); or, from `contact`,
   * a contact whose strings are already set. `ivrSeconds` is written only when the
   * contact has one (see `hasIvr`).
   */
  fill(n: number, into: Contact): void {
    const f = this.f64;
    const o = n * F;
    const i = this.i32;
    const p = n * I;
    const bits = i[p + 5]!;
    const r = (bits >>> RESOLVED_SHIFT) & 3;
    if (into instanceof ContactView) into.point(this, n);
    into.queue = this.name(i[p]!);
    into.agent = this.name(i[p + 1]!);
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
