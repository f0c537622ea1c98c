/**
 * String ids -> small integers, for the builder's per-contact lookups (pending
 * contact ids, open call ids). A `Map<string, number>` does the same, but in a
 * month of contacts every lookup of a fresh id string compares it with keys that
 * lie scattered over a large heap: the profile showed the Map operations on
 * contact and call ids at about a third of the builder's time.
 *
 * Here the id's own hash (FNV-1a over its UTF-16 code units, computed while the
 * fresh string is still in cache) sits in an Int32Array with the value beside
 * it, so a probe touches one cache line; the stored string is compared only when
 * the hashes are equal, which for a miss almost never happens. Open addressing
 * with linear probing and backward-shift deletion: no tombstones, so a table
 * that sees millions of ids pass through with a few thousand live stays small.
 * It keeps its peak size (16 bytes a slot) rather than shrinking: the ids
 * waiting rise and fall with every day's traffic, and each resize rehashes all
 * (a month of contacts resized 200 times when tables shrank at 1/8 full).
 *
 * Exact: equal hashes of different strings only make a probe run longer.
 *
 * Keyless (`nextHashed`, `addHashed`): the table holds hashes and values only
 * (no key column: 8 MB less per table of a million slots), and the caller tells
 * ids apart by what the value points at. The builder uses
 * it for ids that stay bytes of a packed batch (ingest/contact-batch.ts), and
 * queue_log's stint table for keys that stay characters of the scanned text
 * (`hashRange`).
 */

const EMPTY = -1;
const MIN_CAPACITY = 1 << 10;

/** FNV-1a of a string's UTF-16 code units, as a signed 32-bit integer. */
export function hashString(s: string): number {
  return hashRange(s, 0, s.length);
}

/** The FNV-1a offset basis: `hashRange`'s start for a hash of its own. */
export const FNV_OFFSET = 0x811c9dc5 | 0;

/**
 * FNV-1a of the code units of `text` in [start, end), continuing from `h`:
 * `hashString(text.slice(start, end))` with no string cut when `h` is FNV_OFFSET.
 */
export function hashRange(text: string, start: number, end: number, h = FNV_OFFSET): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

const home = (h: number, mask: number): number => (h ^ (h >>> 16)) & mask;

/**
 * Backward-shift removal (linear probing, no tombstones): whether the entry in
 * slot `j`, whose home slot is `home`, may move back into the hole at slot
 * `hole` of its probe run: when its home is not cyclically within (hole, j].
 */
export function fillsHole(hole: number, j: number, home: number): boolean {
  return hole <= j ? home <= hole || home > j : home <= hole && home > j;
}

/** The first free slot of hash `h`'s probe run. */
function freeSlot(hv: Int32Array, h: number, mask: number): number {
  let i = home(h, mask);
  while (hv[2 * i + 1] !== EMPTY) i = (i + 1) & mask;
  return i;
}

export class IdTable {
  /** Per slot, its id's hash then its value, side by side (one cache line per probe); value EMPTY: a free slot. */
  private hv: Int32Array;
  /** Per slot, its key; null for a table used keyless (made by the first keyed insert). */
  private keys: (string | undefined)[] | null = null;
  private mask: number;
  size = 0;

  /** `capacity`: slots to start with, a power of two (small for the many small tables of records.ts). */
  constructor(private readonly capacity = MIN_CAPACITY) {
    this.hv = new Int32Array(2 * capacity).fill(EMPTY);
    this.mask = capacity - 1;
  }

  /** The slot holding `key` (hash `h`), or the free slot where it would go. */
  private find(key: string, h: number): number {
    const hv = this.hv;
    const mask = this.mask;
    let i = home(h, mask);
    for (;;) {
      const v = hv[2 * i + 1]!;
      if (v === EMPTY) return i;
      if (hv[2 * i] === h && this.keys?.[i] === key) return i;
      i = (i + 1) & mask;
    }
  }

  /** The value of `key`, or -1. */
  get(key: string): number {
    return this.hv[2 * this.find(key, hashString(key)) + 1]!;
  }

  /** `get` for a key whose `hashString` the caller has (and keeps, for `deleteValue`). */
  getHashed(key: string, h: number): number {
    return this.hv[2 * this.find(key, h) + 1]!;
  }

  /** Set `key` to `value` (>= 0). */
  set(key: string, value: number): void {
    const i = this.slotFor(key, hashString(key)); // first: it may grow the table (and replace hv)
    this.hv[2 * i + 1] = value;
  }

  /** The value of `key` if it is there (the table unchanged); otherwise -1, and `key` is set to `value` (>= 0). One probe run for both. */
  getOrSet(key: string, value: number): number {
    return this.getOrSetHashed(key, hashString(key), value);
  }

  /** `getOrSet` for a key whose `hashString` is `h`. */
  getOrSetHashed(key: string, h: number, value: number): number {
    const i = this.slotFor(key, h);
    const old = this.hv[2 * i + 1]!;
    if (old === EMPTY) this.hv[2 * i + 1] = value;
    return old;
  }

  /**
   * Keyless use, for ids the caller tells apart itself (the bytes of packed
   * contacts, ingest/contact-batch.ts, which never become strings): the next slot
   * after slot `after` (-1: from the start) in the probe run of hash `h` that
   * holds hash `h`, or -1 at the run's end. The caller reads its value
   * (`valueAt`) and decides whether it is the id. A table is used keyed or
   * keyless, not both. (Callers write the loop out: a `findHashed(h, matches)`
   * taking the test as a closure measured 1-6 % slower in the builder, bench/ab.js
   * 0.940, 0.991 and 0.944.)
   */
  nextHashed(h: number, after: number): number {
    const hv = this.hv;
    const mask = this.mask;
    let i = after < 0 ? home(h, mask) : (after + 1) & mask;
    for (;;) {
      if (hv[2 * i + 1] === EMPTY) return -1;
      if (hv[2 * i] === h) return i;
      i = (i + 1) & mask;
    }
  }

  /** The value in slot `i` (from `nextHashed`). */
  valueAt(i: number): number {
    return this.hv[2 * i + 1]!;
  }

  /** Keyless: add hash `h` with `value` (>= 0), for an id the caller found absent (`nextHashed`). */
  addHashed(h: number, value: number): void {
    this.makeRoom();
    const i = freeSlot(this.hv, h, this.mask);
    this.hv[2 * i] = h;
    this.hv[2 * i + 1] = value;
    this.size++;
  }

  /** At most half full after one more entry: a table twice the size when it would not be. */
  private makeRoom(): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.resize((this.mask + 1) * 2);
  }

  /** The slot of `key` (hash `h`), claimed for it (hash and key written, value still EMPTY) when it was not there. */
  private slotFor(key: string, h: number): number {
    this.makeRoom();
    const i = this.find(key, h);
    if (this.hv[2 * i + 1] === EMPTY) {
      this.hv[2 * i] = h;
      (this.keys ??= new Array<string | undefined>(this.mask + 1))[i] = key;
      this.size++;
    }
    return i;
  }

  /** Remove `key`; returns its value, or -1 when it was not there. */
  delete(key: string): number {
    const i0 = this.find(key, hashString(key));
    const removed = this.hv[2 * i0 + 1]!;
    if (removed === EMPTY) return -1;
    this.removeSlot(i0);
    return removed;
  }

  /**
   * Remove the key with hash `h` and value `value`, where the caller knows that no
   * other key holds that value (a position it hands out once): found by the two
   * numbers alone, without hashing the key again or reading it. Ids are deleted
   * hours of data time after they were added, when their strings have long left
   * the cache: hashing them again was a cache miss per character run. (Pending
   * contact ids and open call ids deleted this way: the builder's work on 1M
   * contacts went from 2.60 to 2.33 s, medians of 9 replays.) Returns whether it
   * was there.
   */
  deleteValue(h: number, value: number): boolean {
    for (let i = this.nextHashed(h, -1); i >= 0; i = this.nextHashed(h, i)) {
      if (this.hv[2 * i + 1] === value) {
        this.removeSlot(i);
        return true;
      }
    }
    return false;
  }

  /** Empty slot `i0`. Backward-shift: later entries of its probe run move into the hole, so that every entry stays reachable from its home slot without tombstones. */
  private removeSlot(i0: number): void {
    const hv = this.hv;
    const keys = this.keys;
    const mask = this.mask;
    let hole = i0;
    let j = hole;
    for (;;) {
      j = (j + 1) & mask;
      if (hv[2 * j + 1] === EMPTY) break;
      const hj = hv[2 * j]!;
      if (fillsHole(hole, j, home(hj, mask))) {
        hv[2 * hole] = hj;
        hv[2 * hole + 1] = hv[2 * j + 1]!;
        if (keys !== null) keys[hole] = keys[j];
        hole = j;
      }
    }
    hv[2 * hole + 1] = EMPTY;
    if (keys !== null) keys[hole] = undefined;
    this.size--;
  }

  /** Remove every entry, keeping the capacity (for a table about to be filled again). */
  removeAll(): void {
    this.hv.fill(EMPTY);
    this.keys?.fill(undefined);
    this.size = 0;
  }

  clear(): void {
    this.hv = new Int32Array(2 * this.capacity).fill(EMPTY);
    this.keys = null;
    this.mask = this.capacity - 1;
    this.size = 0;
  }

  private resize(capacity: number): void {
    const { hv, keys } = this;
    const n = this.mask + 1;
    this.hv = new Int32Array(2 * capacity).fill(EMPTY);
    this.keys = keys === null ? null : new Array<string | undefined>(capacity);
    this.mask = capacity - 1;
    const nhv = this.hv;
    for (let i = 0; i < n; i++) {
      const v = hv[2 * i + 1]!;
      if (v === EMPTY) continue;
      const h = hv[2 * i]!;
      const j = freeSlot(nhv, h, this.mask);
      nhv[2 * j] = h;
      nhv[2 * j + 1] = v;
      if (keys !== null) this.keys![j] = keys[i];
    }
  }
}
