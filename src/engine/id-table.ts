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
 *
 * Exact: equal hashes of different strings only make a probe run longer.
 */

const EMPTY = -1;
const MIN_CAPACITY = 1 << 10;

/** FNV-1a of a string's UTF-16 code units, as a signed 32-bit integer. */
export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

export class IdTable {
  private hashes = new Int32Array(MIN_CAPACITY);
  /** The value per slot; EMPTY marks a free slot. */
  private vals = new Int32Array(MIN_CAPACITY).fill(EMPTY);
  private keys: (string | undefined)[] = new Array<string | undefined>(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  size = 0;

  /** The slot holding `key` (hash `h`), or the free slot where it would go. */
  private find(key: string, h: number): number {
    const hashes = this.hashes;
    const vals = this.vals;
    const mask = this.mask;
    let i = (h ^ (h >>> 16)) & mask;
    for (;;) {
      if (vals[i] === EMPTY) return i;
      if (hashes[i] === h && this.keys[i] === key) return i;
      i = (i + 1) & mask;
    }
  }

  /** The value of `key`, or -1. */
  get(key: string): number {
    return this.vals[this.find(key, hashString(key))]!;
  }

  /** Set `key` to `value` (>= 0). */
  set(key: string, value: number): void {
    if ((this.size + 1) * 2 > this.vals.length) this.resize(this.vals.length * 2);
    const h = hashString(key);
    const i = this.find(key, h);
    if (this.vals[i] === EMPTY) {
      this.size++;
      this.hashes[i] = h;
      this.keys[i] = key;
    }
    this.vals[i] = value;
  }

  /** Remove `key`; returns its value, or -1 when it was not there. */
  delete(key: string): number {
    const i0 = this.find(key, hashString(key));
    const removed = this.vals[i0]!;
    if (removed === EMPTY) return -1;
    // Backward-shift: move later entries of the probe run into the hole, so that
    // every entry stays reachable from its home slot without tombstones.
    const hashes = this.hashes;
    const vals = this.vals;
    const keys = this.keys;
    const mask = this.mask;
    let hole = i0;
    let j = hole;
    for (;;) {
      j = (j + 1) & mask;
      if (vals[j] === EMPTY) break;
      const hj = hashes[j]!;
      const home = (hj ^ (hj >>> 16)) & mask;
      // Entry j may fill the hole when its home is not cyclically within (hole, j].
      if (hole <= j ? home <= hole || home > j : home <= hole && home > j) {
        hashes[hole] = hj;
        vals[hole] = vals[j]!;
        keys[hole] = keys[j];
        hole = j;
      }
    }
    vals[hole] = EMPTY;
    keys[hole] = undefined;
    this.size--;
    if (this.size * 8 < vals.length && vals.length > MIN_CAPACITY) this.resize(vals.length / 2);
    return removed;
  }

  clear(): void {
    this.hashes = new Int32Array(MIN_CAPACITY);
    this.vals = new Int32Array(MIN_CAPACITY).fill(EMPTY);
    this.keys = new Array<string | undefined>(MIN_CAPACITY);
    this.mask = MIN_CAPACITY - 1;
    this.size = 0;
  }

  private resize(capacity: number): void {
    const { hashes, vals, keys } = this;
    this.hashes = new Int32Array(capacity);
    this.vals = new Int32Array(capacity).fill(EMPTY);
    this.keys = new Array<string | undefined>(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < vals.length; i++) {
      if (vals[i] === EMPTY) continue;
      const h = hashes[i]!;
      let j = (h ^ (h >>> 16)) & this.mask;
      while (this.vals[j] !== EMPTY) j = (j + 1) & this.mask;
      this.hashes[j] = h;
      this.vals[j] = vals[i]!;
      this.keys[j] = keys[i];
    }
  }
}
