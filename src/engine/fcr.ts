/**
 * Repeat-caller FCR (METRICS.md §3), judged while the data streams by, so its
 * state is bounded by the customers seen within the window, not by the file:
 *
 * - an answered contact waits as "pending" until the data has moved more than
 *   window + horizon past its end; any arrival of the same key in (end, end + W]
 *   marks it repeated. In time-ordered input a repeat is read after the contact
 *   it repeats; for input slightly out of order the latest arrival per key is
 *   kept for `horizonMs` and checked when a contact registers;
 * - at the end, contacts still pending whose window reaches past the data end are
 *   censored, the others judged.
 *
 * "Data time" is the builder's watermark: the latest timestamp read so far.
 * Keys are interned to small integers (FcrKeys) and everything else lives in
 * typed arrays (about 30 bytes per pending contact), because this runs for every
 * contact and a month holds hundreds of thousands of pending contacts.
 */

import { detached } from "../model/detached.js";
import { grow } from "../model/grow.js";
import { fillsHole } from "./id-table.js";

export type FcrPart = "eligible" | "resolved" | "censored";

const REPEATED = 1;
const DONE = 2;


/**
 * Customer keys interned to small integers, shared by the trackers of one FCR
 * variant (contact and call level), so a contact costs one hash lookup. Ids of
 * keys that every tracker has forgotten are reused.
 */
export class FcrKeys {
  private readonly ids = new Map<string, number>();
  /** Keys that are plain digit strings, by their value (see customerNumber). */
  private readonly numIds = new NumberIds();
  private readonly freeIds: number[] = [];
  private nextId = 0;
  private lastTrimMs = -Infinity;
  /** Per id, 1 when no tracker needs it (worked out by `trim`). */
  private idleIds = new Uint8Array(0);
  readonly trackers: FcrTracker[] = [];

  constructor(private readonly trimEveryMs: number) {}

  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.freeIds.pop() ?? this.nextId++;
      for (const t of this.trackers) t.reset(id);
      this.ids.set(detached(key), id); // kept for days: not a view into a chunk of input
    }
    return id;
  }

  idNum(key: number): number {
    // One probe run: the key's id, or the id a new key takes (the next free one) registered.
    const free = this.freeIds;
    const known = this.numIds.getOrSet(key, free.length > 0 ? free[free.length - 1]! : this.nextId);
    if (known >= 0) return known;
    const id = free.pop() ?? this.nextId++;
    for (const t of this.trackers) t.reset(id);
    return id;
  }

  /** Forget keys no tracker needs any more (nothing pending, no arrival since `oldMs`). */
  trim(watermarkMs: number, oldMs: number): void {
    if (watermarkMs - this.lastTrimMs < this.trimEveryMs) return;
    this.lastTrimMs = watermarkMs;
    // Which ids are idle, id by id through the trackers' columns in order: asked per
    // key in the tables' slot order, every id was a cache miss in each column.
    const n = this.nextId;
    if (this.idleIds.length < n) this.idleIds = new Uint8Array(Math.max(n, this.idleIds.length * 2));
    const idle = this.idleIds;
    idle.fill(1, 0, n);
    for (const t of this.trackers) t.markBusy(idle, n, oldMs);
    for (const [k, id] of this.ids) {
      if (idle[id] === 1) {
        this.ids.delete(k);
        this.freeIds.push(id);
      }
    }
    this.numIds.retain((id) => {
      if (idle[id] === 0) return true;
      this.freeIds.push(id);
      return false;
    });
  }
}

/**
 * Number keys -> ids in an open-addressing table of typed arrays: no boxed
 * numbers, no entry objects, one probe run in memory that sits together. Phone
 * numbers as numbers make most FCR keys (see customerNumber).
 */
export class NumberIds {
  /** Per slot, the key then its id (as a double; -1: free), side by side: one cache line per probe. */
  private kv = new Float64Array(2 << 12).fill(-1);
  private cap = 1 << 12;
  private size = 0;

  /** A key's home slot: its low and high 32 bits mixed (keys go up to 15 digits). */
  private homeOf(key: number): number {
    return Math.imul((key >>> 0) ^ Math.imul(Math.floor(key / 4294967296), 0x9e3779b1), 0x85ebca6b) & (this.cap - 1);
  }

  private slotOf(key: number): number {
    const kv = this.kv;
    const mask = this.cap - 1;
    // Probe linearly from the home slot.
    let i = this.homeOf(key);
    while (kv[2 * i + 1]! >= 0 && kv[2 * i] !== key) i = (i + 1) & mask;
    return i;
  }

  /** The id of `key` if it has one; otherwise -1, and `key` gets `id`. One probe run for both. */
  getOrSet(key: number, id: number): number {
    if ((this.size + 1) * 2 > this.cap) this.fill(this.cap * 2, this.kv);
    const i = this.slotOf(key);
    const old = this.kv[2 * i + 1]!;
    if (old >= 0) return old;
    this.kv[2 * i] = key;
    this.kv[2 * i + 1] = id;
    this.size++;
    return -1;
  }

  /**
   * Keep the entries whose id `keep` accepts, removing the others in place: one
   * pass in slot order, each removal shifting the rest of its probe run back (no
   * tombstones), so the work stays within runs the pass is reading anyway. (A
   * rebuild into a new table cost 10-25 ms a trim on a month of 1M contacts: the
   * survivors were written back at random.)
   */
  retain(keep: (id: number) => boolean): void {
    const kv = this.kv;
    const mask = this.cap - 1;
    // Start after a free slot, so that no probe run wraps past the pass's start: an entry a
    // removal moves back has not been judged yet, and is judged where it lands.
    let start = 0;
    while (kv[2 * start + 1]! >= 0) start++;
    for (let n = 0, i = (start + 1) & mask; n < mask; ) {
      const id = kv[2 * i + 1]!;
      if (id >= 0 && !keep(id)) {
        this.removeSlot(i);
        continue; // slot i now holds a later entry of the run, or is free
      }
      i = (i + 1) & mask;
      n++;
    }
  }

  /** Empty slot `i0`; later entries of its probe run move back into the hole when their home allows. */
  private removeSlot(i0: number): void {
    const kv = this.kv;
    const mask = this.cap - 1;
    let hole = i0;
    let j = hole;
    for (;;) {
      j = (j + 1) & mask;
      if (kv[2 * j + 1]! < 0) break;
      if (fillsHole(hole, j, this.homeOf(kv[2 * j]!))) {
        kv[2 * hole] = kv[2 * j]!;
        kv[2 * hole + 1] = kv[2 * j + 1]!;
        hole = j;
      }
    }
    kv[2 * hole + 1] = -1;
    this.size--;
  }

  private fill(cap: number, old: Float64Array): void {
    this.kv = new Float64Array(2 * cap).fill(-1);
    this.cap = cap;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1]! < 0) continue;
      const j = this.slotOf(old[i]!);
      this.kv[2 * j] = old[i]!;
      this.kv[2 * j + 1] = old[i + 1]!;
      this.size++;
    }
  }
}

export class FcrTracker {
  private lastArrival = new Float64Array(1024).fill(-Infinity);
  private head = new Int32Array(1024).fill(-1);
  private tail = new Int32Array(1024).fill(-1);
  // Pending contacts (a pool of slots; `pNext` links a key's list).
  private pEnd = new Float64Array(1024);
  private pRecord = new Int32Array(1024);
  private pNext = new Int32Array(1024);
  private pKey = new Int32Array(1024);
  private pFlags = new Uint8Array(1024);
  private readonly freeSlots: number[] = [];
  private nextSlot = 0;
  // Pending slots in registration order (about end order for time-ordered input).
  private fifo = new Int32Array(1024);
  private fifoHead = 0;
  private fifoTail = 0;

  constructor(
    private readonly keys: FcrKeys,
    private readonly windowMs: number,
    private readonly horizonMs: number,
    private readonly credit: (record: number, part: FcrPart) => void,
  ) {
    keys.trackers.push(this);
  }

  /** A new (or reused) key id starts empty. */
  reset(id: number): void {
    if (id >= this.head.length) {
      this.lastArrival = grow(this.lastArrival, id + 1, -Infinity);
      this.head = grow(this.head, id + 1, -1);
      this.tail = grow(this.tail, id + 1, -1);
    }
    this.lastArrival[id] = -Infinity;
    this.head[id] = -1;
    this.tail[id] = -1;
  }

  /** Clear `idle[id]` for the ids in [0, n) this tracker still needs: a contact pending, or an arrival since `oldMs`. */
  markBusy(idle: Uint8Array, n: number, oldMs: number): void {
    const head = this.head;
    const last = this.lastArrival;
    for (let id = 0; id < n; id++) if (head[id]! >= 0 || last[id]! >= oldMs) idle[id] = 0;
  }

  /** Any contact (or call) of key `id` that entered a queue: a potential repeat. */
  arrival(id: number, arrivedMs: number): void {
    if (arrivedMs > this.lastArrival[id]!) this.lastArrival[id] = arrivedMs;
    for (let p = this.head[id]!; p >= 0; p = this.pNext[p]!) {
      const end = this.pEnd[p]!;
      if (arrivedMs > end && arrivedMs <= end + this.windowMs) this.pFlags[p]! |= REPEATED;
    }
  }

  /** An answered contact of key `id` to judge; its result is credited to `record`. */
  eligible(id: number, endMs: number, record: number): void {
    let p = this.freeSlots.pop();
    if (p === undefined) {
      p = this.nextSlot++;
      if (p >= this.pEnd.length) {
        this.pEnd = grow(this.pEnd, p + 1);
        this.pRecord = grow(this.pRecord, p + 1);
        this.pNext = grow(this.pNext, p + 1);
        this.pKey = grow(this.pKey, p + 1);
        this.pFlags = grow(this.pFlags, p + 1);
      }
    }
    const last = this.lastArrival[id]!;
    this.pEnd[p] = endMs;
    this.pRecord[p] = record;
    this.pNext[p] = -1;
    this.pKey[p] = id;
    // A repeat read before the contact (input slightly out of order) still counts.
    this.pFlags[p] = last > endMs && last <= endMs + this.windowMs ? REPEATED : 0;
    if (this.tail[id]! < 0) this.head[id] = p;
    else this.pNext[this.tail[id]!] = p;
    this.tail[id] = p;
    if (this.fifoTail === this.fifo.length) {
      if (this.fifoHead > 0) {
        this.fifo.copyWithin(0, this.fifoHead, this.fifoTail);
        this.fifoTail -= this.fifoHead;
        this.fifoHead = 0;
      }
      this.fifo = grow(this.fifo, this.fifoTail + 1);
    }
    this.fifo[this.fifoTail++] = p;
  }

  /** The data has reached `watermarkMs`: judge what can no longer change. */
  advance(watermarkMs: number): void {
    const cut = watermarkMs - this.windowMs - this.horizonMs;
    while (this.fifoHead < this.fifoTail && this.pEnd[this.fifo[this.fifoHead]!]! < cut) {
      this.settle(this.fifo[this.fifoHead++]!, false);
    }
    // An arrival older than the horizon cannot fall in the window of a contact still to come.
    this.keys.trim(watermarkMs, watermarkMs - 2 * this.horizonMs);
  }

  /**
   * Judge everything left; contacts whose window passes `dataEndMs` are censored.
   * Their slots are not freed: nothing is added after this. (Freed, the free list
   * grew to every pending slot, 60 MB of arrays at the end of 2M contacts at 10x the
   * density.)
   */
  finish(dataEndMs: number): void {
    while (this.fifoHead < this.fifoTail) {
      const p = this.fifo[this.fifoHead++]!;
      this.settle(p, this.pEnd[p]! + this.windowMs > dataEndMs, false);
    }
  }

  private settle(p: number, censored: boolean, free = true): void {
    if (this.pFlags[p]! & DONE) return;
    this.pFlags[p]! |= DONE;
    const rec = this.pRecord[p]!;
    if (censored) this.credit(rec, "censored");
    else {
      this.credit(rec, "eligible");
      if (!(this.pFlags[p]! & REPEATED)) this.credit(rec, "resolved");
    }
    if (!free) return;
    // Free the settled slots at the head of the key's list.
    const id = this.pKey[p]!;
    let h = this.head[id]!;
    while (h >= 0 && this.pFlags[h]! & DONE) {
      const next = this.pNext[h]!;
      this.freeSlots.push(h);
      h = next;
    }
    this.head[id] = h;
    if (h < 0) this.tail[id] = -1;
  }
}
