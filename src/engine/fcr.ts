/**
 * Repeat-caller FCR (METRICS.md §3), judged while the data streams by, so its
 * state is bounded by the customers seen within the window, not by the file:
 *
 * - an answered contact waits in `pending` until the data has moved more than
 *   window + horizon past its end; any arrival of the same key in (end, end + W]
 *   marks it repeated, whether that arrival is read before or after it (recent
 *   arrivals are kept for `horizonMs`, the disorder the input may have);
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
}

export class FcrTracker {
  private readonly arrivals = new Map<string, number[]>();
  private readonly pendingByKey = new Map<string, Pending[]>();
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
    let a = this.arrivals.get(key);
    if (a === undefined) this.arrivals.set(key, (a = []));
    a.push(arrivedMs);
    const pend = this.pendingByKey.get(key);
    if (pend !== undefined) {
      for (const p of pend) if (arrivedMs > p.endMs && arrivedMs <= p.endMs + this.windowMs) p.repeated = true;
    }
  }

  /** An answered contact to judge; its result is credited to `record`. */
  eligible(key: string, endMs: number, record: number): void {
    let repeated = false;
    const a = this.arrivals.get(key);
    if (a !== undefined) {
      for (const t of a) if (t > endMs && t <= endMs + this.windowMs) { repeated = true; break; }
    }
    const p: Pending = { key, endMs, record, repeated, done: false };
    let list = this.pendingByKey.get(key);
    if (list === undefined) this.pendingByKey.set(key, (list = []));
    list.push(p);
    this.fifo.push(p);
  }

  /** The data has reached `watermarkMs`: judge what can no longer change, drop what can no longer matter. */
  advance(watermarkMs: number): void {
    const cut = watermarkMs - this.windowMs - this.horizonMs;
    while (this.head < this.fifo.length && this.fifo[this.head]!.endMs < cut) {
      const p = this.fifo[this.head++]!;
      this.settle(p, false);
    }
    if (this.head > 4096 && this.head * 2 > this.fifo.length) {
      this.fifo = this.fifo.slice(this.head);
      this.head = 0;
    }
    // An arrival older than the horizon cannot fall in the window of a contact still to come.
    if (watermarkMs - this.lastTrimMs > this.horizonMs) {
      this.lastTrimMs = watermarkMs;
      const old = watermarkMs - 2 * this.horizonMs;
      for (const [k, a] of this.arrivals) {
        if (a[a.length - 1]! < old) this.arrivals.delete(k);
        else if (a[0]! < old) this.arrivals.set(k, a.filter((t) => t >= old));
      }
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
    this.arrivals.clear();
  }

  private settle(p: Pending, censored: boolean): void {
    if (p.done) return;
    p.done = true;
    if (censored) this.credit(p.record, "censored");
    else {
      this.credit(p.record, "eligible");
      if (!p.repeated) this.credit(p.record, "resolved");
    }
    const list = this.pendingByKey.get(p.key);
    if (list !== undefined) {
      const rest = list.filter((x) => !x.done);
      if (rest.length) this.pendingByKey.set(p.key, rest);
      else this.pendingByKey.delete(p.key);
    }
  }
}
