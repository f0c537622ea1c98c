/**
 * queue_log stints by (callid, queue), for asterisk-queue-log.ts: per key the
 * stint still open, if any, and the end of the last one closed, remembered
 * `CLOSED_MEMORY_MS` of data time to recognize late duplicate lines. Both live in
 * one entry: a line's event looks its key up once (`find`, which the calls
 * after it act on), and closing a stint turns its entry from open to closed in
 * place. As two maps (open stints, closed ends) a stint's three
 * lines made nine lookups, each hashing the callid again: 1.6 s of the 6.4 s the
 * reading thread spent on a 3M-line log.
 *
 * Per queue, callids sit in an IdTable pointing into columns (no object per
 * entry but the open stint): a joined key string would be a new string per line.
 * Closed stints are also kept in the order they were closed, which is the order
 * of their ends while the log is in time order (a queue_log is written as events
 * happen), so `forget` drops them from the front, by stored hash and position,
 * without reading the callid again. An end that goes back in time waits in a
 * short list that each `forget` reads whole. An order entry whose position
 * holds another end since (the key closed again, or the position freed and
 * reused) is stale and skipped.
 */
import { hashString, IdTable } from "../engine/id-table.js";
import { grow } from "../model/grow.js";

/** One queue visit of a call, from its ENTERQUEUE (or the first line of it read) to its ending event. */
export interface Stint {
  callId: string;
  queue: string;
  customer: string;
  enterMs: number | null;
  /** Its ENTERQUEUE was read (enterMs may otherwise be derived from CONNECT's holdtime). */
  entered: boolean;
  connectMs: number | null;
  waitSeconds: number | null;
  agent: string;
  rows: number;
  line: number;
}

/** How long a closed stint is remembered to recognize late duplicates (ms of data time). */
export const CLOSED_MEMORY_MS = 6 * 3_600_000;

/** One queue's entries: callid -> position in the columns. */
class QueueEntries {
  readonly ids = new IdTable();
  open: (Stint | undefined)[] = [];
  /** End of the last closed stint (NaN: none remembered). */
  end = new Float64Array(64);
  hash = new Int32Array(64);
  readonly free: number[] = [];

  /** A position for `cid` (hash `h`), which is not there. */
  add(cid: string, h: number): number {
    const e = this.free.length > 0 ? this.free.pop()! : this.open.length;
    if (e === this.open.length) {
      this.open.push(undefined);
      this.end = grow(this.end, e + 1);
      this.hash = grow(this.hash, e + 1);
    }
    this.ids.getOrSetHashed(cid, h, e);
    this.end[e] = NaN;
    this.hash[e] = h;
    return e;
  }

  /** Free position `e` (nothing open, no end remembered). */
  remove(e: number): void {
    this.ids.deleteValue(this.hash[e]!, e);
    this.open[e] = undefined;
    this.free.push(e);
  }
}

export class StintTable {
  private readonly byQueue = new Map<string, QueueEntries>();
  /** The key of the last `find` and its entry (-1: not there; `curH` its hash). */
  private curCid = "";
  private curQ: QueueEntries | null = null;
  private curE = -1;
  private curH = 0;
  /** Closed stints in the order closed, ends never decreasing: positions [head, tail) of three columns. */
  private ordQ: (QueueEntries | undefined)[] = [];
  private ordE = new Int32Array(1024);
  private ordEnd = new Float64Array(1024);
  private head = 0;
  private tail = 0;
  /** Closed stints whose end was before an end already in the columns. */
  private late: { q: QueueEntries; e: number; end: number }[] = [];

  /**
   * Look (cid, queue) up: the calls below without a key act on it, until the next
   * `find`. (A line's event finds its key once. Remembering the last key instead
   * and comparing the next one with it cost more: the callids are fresh slices.)
   */
  find(cid: string, queue: string): void {
    let q = this.byQueue.get(queue);
    if (q === undefined) this.byQueue.set(queue, (q = new QueueEntries()));
    const h = hashString(cid);
    this.curCid = cid;
    this.curQ = q;
    this.curH = h;
    this.curE = q.ids.getHashed(cid, h);
  }

  /** The stint open under the key found. */
  open(): Stint | undefined {
    return this.curE < 0 ? undefined : this.curQ!.open[this.curE];
  }

  /** The end of the last stint closed under the key found and still remembered; NaN when none is. */
  closedEnd(): number {
    return this.curE < 0 ? NaN : this.curQ!.end[this.curE]!;
  }

  hasClosed(): boolean {
    const end = this.closedEnd();
    return end === end;
  }

  /** Open `s` under the key found (replacing a stint open there); a new entry keeps `s.callId` as its key (the same text). */
  setOpen(s: Stint): void {
    if (this.curE < 0) this.curE = this.curQ!.add(s.callId, this.curH);
    this.curQ!.open[this.curE] = s;
  }

  /** No stint open under (cid, queue) any more (its closed end, if any, stays remembered). */
  removeOpen(cid: string, queue: string): void {
    this.find(cid, queue);
    const e = this.curE;
    if (e < 0) return;
    const q = this.curQ!;
    q.open[e] = undefined;
    if (q.end[e] !== q.end[e]) this.free(q, e);
  }

  /** Close stint `s` at `endMs`: its key (`s.callId`, `s.queue`) is remembered as closed then, with nothing open. */
  closeStint(s: Stint, endMs: number): void {
    if (this.curE < 0 || this.curQ!.open[this.curE] !== s) this.find(s.callId, s.queue);
    this.close(endMs);
  }

  /** Remember the key found as closed at `endMs`, with nothing open (a new entry keeps the key `find` was given). */
  close(endMs: number): void {
    if (this.curE < 0) this.curE = this.curQ!.add(this.curCid, this.curH);
    const e = this.curE;
    const q = this.curQ!;
    q.open[e] = undefined;
    q.end[e] = endMs;
    if (this.tail > this.head && endMs < this.ordEnd[this.tail - 1]!) {
      this.late.push({ q, e, end: endMs });
      return;
    }
    if (this.tail === this.ordEnd.length) {
      // Full: move the live part to the front first, and grow only when it fills half.
      const n = this.tail - this.head;
      this.ordEnd.copyWithin(0, this.head, this.tail);
      this.ordE.copyWithin(0, this.head, this.tail);
      this.ordQ.copyWithin(0, this.head, this.tail);
      this.ordQ.length = n;
      this.head = 0;
      this.tail = n;
      if (n * 2 > this.ordEnd.length) {
        this.ordEnd = grow(this.ordEnd, n * 2);
        this.ordE = grow(this.ordE, n * 2);
      }
    }
    this.ordQ[this.tail] = q;
    this.ordE[this.tail] = e;
    this.ordEnd[this.tail++] = endMs;
  }

  /** Forget the closed stints that ended more than CLOSED_MEMORY_MS before `dataMs`. */
  forget(dataMs: number): void {
    let h = this.head;
    while (h < this.tail && dataMs - this.ordEnd[h]! > CLOSED_MEMORY_MS) {
      this.drop(this.ordQ[h]!, this.ordE[h]!, this.ordEnd[h]!);
      this.ordQ[h] = undefined;
      h++;
    }
    this.head = h;
    if (this.late.length > 0) {
      const keep: typeof this.late = [];
      for (const x of this.late) {
        if (dataMs - x.end > CLOSED_MEMORY_MS) this.drop(x.q, x.e, x.end);
        else keep.push(x);
      }
      this.late = keep;
    }
  }

  /** Every stint still open, in no particular order. */
  openStints(): Stint[] {
    const out: Stint[] = [];
    for (const q of this.byQueue.values()) for (const s of q.open) if (s !== undefined) out.push(s);
    return out;
  }

  clear(): void {
    this.byQueue.clear();
    this.ordQ = [];
    this.head = this.tail = 0;
    this.late = [];
    this.curQ = null;
    this.curE = -1;
  }

  /**
   * Forget an end, unless the position holds another one now (a stale entry: the
   * key closed again since, or the position freed, NaN, or reused). A position
   * reused for a key closed at the very same instant is dropped by whichever of
   * its order entries comes first, in the same `forget` as its own would.
   */
  private drop(q: QueueEntries, e: number, end: number): void {
    if (q.end[e] !== end) return;
    q.end[e] = NaN;
    if (q.open[e] === undefined) this.free(q, e);
  }

  private free(q: QueueEntries, e: number): void {
    q.remove(e);
    if (this.curQ === q && this.curE === e) this.curE = -1;
  }
}
