/**
 * Repeat-caller FCR (METRICS.md §3), judged while the data streams by, so its
 * state is bounded by the customers seen within the window, not by the file:
 *
 * - an answered contact waits in `pending` until the data has moved more than
 *   window + horizon past its end; any arrival of the same key in (end, end + W]
 *   marks it repeated. In time-ordered input a repeat is read after the contact
 *   it repeats; for input slightly out of order the latest arrival per key is kept
 *   for `horizonMs` and checked when a contact registers;
 * - at the end, contacts still pending whose window reaches past the data end are
 *   censored, the others judged.
 *
 * "Data time" is the builder's watermark: the latest timestamp read so far.
 */

export type FcrPart = "eligible" | "resolved" | "censored";

interface Pending {
  key: string;
  endMs: number;
  record: number;
  repeated: boolean;
  done: boolean;
  /** The key's next pending contact (a linked list: no array per key). */
  next: Pending | null;
}

export class FcrTracker {
  /** The latest arrival per key: enough for time-ordered input, where a repeat is read after what it repeats. */
  private readonly lastArrival = new Map<string, number>();
  /** The key's oldest pending contact; the list runs through `next`. */
  private readonly pendingByKey = new Map<string, Pending>();
  /** Pending contacts in registration order (about end order for time-ordered input). */
  private fifo: Pending[] = [];
  private head = 0;
  private lastTrimMs = -Infinity;

  constructor(
    private readonly windowMs: number,
    private readonly horizonMs: number,
    private readonly credit: (record: number, part: FcrPart) => void,
  ) {}

  /** Any contact (or call) that entered a queue: a potential repeat. */
  arrival(key: string, arrivedMs: number): void {
    const prev = this.lastArrival.get(key);
    if (prev === undefined || arrivedMs > prev) this.lastArrival.set(key, arrivedMs);
    for (let p = this.pendingByKey.get(key) ?? null; p !== null; p = p.next) {
      if (arrivedMs > p.endMs && arrivedMs <= p.endMs + this.windowMs) p.repeated = true;
    }
  }

  /** An answered contact to judge; its result is credited to `record`. */
  eligible(key: string, endMs: number, record: number): void {
    // A repeat read before the contact (input slightly out of order) still counts.
    const a = this.lastArrival.get(key);
    const repeated = a !== undefined && a > endMs && a <= endMs + this.windowMs;
    const p: Pending = { key, endMs, record, repeated, done: false, next: null };
    const first = this.pendingByKey.get(key);
    if (first === undefined) this.pendingByKey.set(key, p);
    else {
      let q = first;
      while (q.next !== null) q = q.next;
      q.next = p;
    }
    this.fifo.push(p);
  }

  /** The data has reached `watermarkMs`: judge what can no longer change, drop what can no longer matter. */
  advance(watermarkMs: number): void {
    const cut = watermarkMs - this.windowMs - this.horizonMs;
    while (this.head < this.fifo.length && this.fifo[this.head]!.endMs < cut) {
      this.settle(this.fifo[this.head++]!, false);
    }
    if (this.head > 4096 && this.head * 2 > this.fifo.length) {
      this.fifo = this.fifo.slice(this.head);
      this.head = 0;
    }
    // An arrival older than the horizon cannot fall in the window of a contact still to come.
    if (watermarkMs - this.lastTrimMs > this.horizonMs) {
      this.lastTrimMs = watermarkMs;
      const old = watermarkMs - 2 * this.horizonMs;
      for (const [k, t] of this.lastArrival) if (t < old) this.lastArrival.delete(k);
    }
  }

  /** Judge everything left; contacts whose window passes `dataEndMs` are censored. */
  finish(dataEndMs: number): void {
    for (let i = this.head; i < this.fifo.length; i++) {
      const p = this.fifo[i]!;
      this.settle(p, p.endMs + this.windowMs > dataEndMs);
    }
    this.fifo = [];
    this.head = 0;
    this.pendingByKey.clear();
    this.lastArrival.clear();
  }

  private settle(p: Pending, censored: boolean): void {
    if (p.done) return;
    p.done = true;
    if (censored) this.credit(p.record, "censored");
    else {
      this.credit(p.record, "eligible");
      if (!p.repeated) this.credit(p.record, "resolved");
    }
    // Unlink the settled contacts at the head of the key's list.
    let h: Pending | null = this.pendingByKey.get(p.key) ?? null;
    while (h !== null && h.done) h = h.next;
    if (h === null) this.pendingByKey.delete(p.key);
    else this.pendingByKey.set(p.key, h);
  }
}
