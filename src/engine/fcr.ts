/**
 * Repeat-caller FCR (METRICS.md §3). Arrivals and eligible contacts are kept in
 * compact typed arrays (about 25 bytes per contact, plus one map entry per
 * distinct caller) and judged once the data end is known, so the input may be
 * in any order and a repeat read before the contact it repeats still counts.
 */

class Growable<T extends Float64Array | Int32Array> {
  length = 0;
  constructor(public data: T, private readonly make: (n: number) => T) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

const f64 = (n: number) => new Float64Array(n);
const i32 = (n: number) => new Int32Array(n);

export type FcrPart = "eligible" | "resolved" | "censored";

export class FcrTracker {
  private readonly keyIds = new Map<string, number>();
  private readonly arrKey = new Growable(i32(1024), i32);
  private readonly arrMs = new Growable(f64(1024), f64);
  private readonly eKey = new Growable(i32(1024), i32);
  private readonly eEnd = new Growable(f64(1024), f64);
  private readonly eRecord = new Growable(i32(1024), i32);

  private id(key: string): number {
    let i = this.keyIds.get(key);
    if (i === undefined) {
      i = this.keyIds.size;
      this.keyIds.set(key, i);
    }
    return i;
  }

  /** Any contact (or call) that entered a queue: a potential repeat. */
  arrival(key: string, arrivedMs: number): void {
    this.arrKey.push(this.id(key));
    this.arrMs.push(arrivedMs);
  }

  /** An answered contact to judge; its result is credited to `record`. */
  eligible(key: string, endMs: number, record: number): void {
    this.eKey.push(this.id(key));
    this.eEnd.push(endMs);
    this.eRecord.push(record);
  }

  /** Judge every eligible contact; `credit(record, part)` is called for each outcome. */
  judge(windowMs: number, dataEndMs: number, credit: (record: number, part: FcrPart) => void): void {
    const nKeys = this.keyIds.size;
    const n = this.arrKey.length;
    // Counting sort of arrivals by key, then sort times within each key.
    const start = new Int32Array(nKeys + 1);
    for (let i = 0; i < n; i++) start[this.arrKey.data[i]! + 1]!++;
    for (let k = 0; k < nKeys; k++) start[k + 1]! += start[k]!;
    const fill = start.slice(0, nKeys);
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) times[fill[this.arrKey.data[i]!]!++] = this.arrMs.data[i]!;
    for (let k = 0; k < nKeys; k++) {
      const a = start[k]!, b = start[k + 1]!;
      if (b - a > 1) times.subarray(a, b).sort();
    }
    for (let e = 0; e < this.eKey.length; e++) {
      const key = this.eKey.data[e]!;
      const end = this.eEnd.data[e]!;
      const rec = this.eRecord.data[e]!;
      if (end + windowMs > dataEndMs) {
        credit(rec, "censored");
        continue;
      }
      credit(rec, "eligible");
      // First arrival strictly after `end`.
      let lo = start[key]!, hi = start[key + 1]!;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (times[mid]! <= end) lo = mid + 1;
        else hi = mid;
      }
      const repeated = lo < start[key + 1]! && times[lo]! <= end + windowMs;
      if (!repeated) credit(rec, "resolved");
    }
  }
}
