/**
 * queue_log stints by (callid, queue), for asterisk-queue-log.ts: per key the
 * stint still open, if any, and the end of the last one closed, remembered
 * `CLOSED_MEMORY_MS` of data time to recognize late duplicate lines. Both live in
 * one entry: a line's event looks its key up once (`find` / `findAt`, which the
 * calls after it act on), and closing a stint turns its entry from open to closed
 * in place. As two maps (open stints, closed ends) a stint's three lines made
 * nine lookups, each hashing the callid again: 1.6 s of the 6.4 s the reading
 * thread spent on a 3M-line log.
 *
 * A key is looked up by ranges of text (`findAt`): the callid and queue of a
 * text line stay characters of the scanned text, and no string is cut for a
 * line that finds its stint (two of a stint's three lines, and every duplicate).
 * An entry keeps its callid's characters as bytes of its own (a string when it
 * is long or has wide characters) and an interned queue name.
 *
 * One IdTable over the hash of both ranges points into columns (no object per
 * entry but the open stint); each entry keeps its callid and queue, compared
 * with the ranges when the hashes are equal. Closed stints are also kept in the
 * order they were closed, which is the order of their ends while the log is in
 * time order (a queue_log is written as events happen), so `forget` drops them
 * from the front, by position, without reading the callid again. An end that
 * goes back in time waits in a short list that each `forget` reads whole. An
 * order entry whose position holds another end since (the key closed again, or
 * the position freed and reused) is stale and skipped.
 */
import { hashRange, IdTable } from "../engine/id-table.js";
import { sameText, TextMap } from "../engine/text-map.js";
import { detached } from "../model/detached.js";
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

/** Callid characters kept in an entry's own bytes (Asterisk's `epoch.seq` uniqueids have 14-20). */
const CID_WIDTH = 24;
/** `cidLen` of an entry whose callid is longer, or has a character past U+00FF: kept as a string in `cid`. */
const CID_STRING = 255;

export class StintTable {
  private readonly ids = new IdTable();
  /**
   * Per entry: its key (callid, interned queue), open stint, end of the last closed one (NaN: none), hash.
   * The callid is the entry's `CID_WIDTH` bytes of `cidChars` and its length in `cidLen`, compared with
   * the line's text in place: as a string per entry, the compare first read a pointer and then the
   * string's own memory, two cache misses per line once a day's calls outgrow the cache, and each string
   * lived on the heap until its key was forgotten. At 10x the bench's density, reading and parsing
   * took 4-6 % less time this way (bench/ab.js --stage read); at its density, the same.
   * A callid that does not fit (`CID_STRING`) is a string in `cid`.
   */
  private cidChars = new Uint8Array(64 * CID_WIDTH);
  private cidLen = new Uint8Array(64);
  private cid: (string | undefined)[] = [];
  private queue: (string | undefined)[] = [];
  private stintOf: (Stint | undefined)[] = [];
  private end = new Float64Array(64);
  private hash = new Int32Array(64);
  private readonly freeList: number[] = [];
  /** Queue names by their text: one string per queue, not one per line. */
  private readonly queues = new TextMap<string>();
  /** The key of the last `find`: its ranges (valid until the next), its entry (-1: not there), its hashes. */
  private curCidText = "";
  private curCidStart = 0;
  private curCidEnd = 0;
  private curQText = "";
  private curQStart = 0;
  private curQEnd = 0;
  private curQH = 0;
  private curH = 0;
  private curE = -1;
  /** Closed stints in the order closed, ends never decreasing: positions [head, tail) of two columns. */
  private ordE = new Int32Array(1024);
  private ordEnd = new Float64Array(1024);
  private head = 0;
  private tail = 0;
  /** Closed stints whose end was before an end already in the columns. */
  private late: { e: number; end: number }[] = [];

  /** Look (cid, queue) up: `findAt` over whole strings. */
  find(cid: string, queue: string): void {
    this.findAt(cid, 0, cid.length, queue, 0, queue.length);
  }

  /**
   * Look up the key whose callid is `cidText` in [cidStart, cidEnd) and whose
   * queue is `qText` in [qStart, qEnd): the calls below without a key act on it,
   * until the next find. The texts must stay unchanged until then.
   */
  findAt(cidText: string, cidStart: number, cidEnd: number, qText: string, qStart: number, qEnd: number): void {
    const qh = hashRange(qText, qStart, qEnd);
    // The queue's hash, a separator no queue name has, then the callid.
    const h = hashRange(cidText, cidStart, cidEnd, Math.imul(qh ^ 0xffff, 0x01000193));
    this.curCidText = cidText;
    this.curCidStart = cidStart;
    this.curCidEnd = cidEnd;
    this.curQText = qText;
    this.curQStart = qStart;
    this.curQEnd = qEnd;
    this.curQH = qh;
    this.curH = h;
    const ids = this.ids;
    let e = -1;
    for (let s = ids.nextHashed(h, -1); s >= 0; s = ids.nextHashed(h, s)) {
      const k = ids.valueAt(s);
      if (this.sameCid(k, cidText, cidStart, cidEnd) && sameText(this.queue[k]!, qText, qStart, qEnd)) {
        e = k;
        break;
      }
    }
    this.curE = e;
  }

  /**
   * The queue name of the key found, as one string per queue (interned): the
   * entry's when there is one, else made once per queue name.
   */
  queueName(): string {
    if (this.curE >= 0) return this.queue[this.curE]!;
    const q = this.queues.get(this.curQText, this.curQStart, this.curQEnd, this.curQH);
    if (q !== undefined) return q;
    const made = detached(this.curQText.slice(this.curQStart, this.curQEnd));
    this.queues.set(made, this.curQH, made);
    return made;
  }

  /** The stint open under the key found. */
  open(): Stint | undefined {
    return this.curE < 0 ? undefined : this.stintOf[this.curE];
  }

  /** The end of the last stint closed under the key found and still remembered; NaN when none is. */
  closedEnd(): number {
    return this.curE < 0 ? NaN : this.end[this.curE]!;
  }

  hasClosed(): boolean {
    const end = this.closedEnd();
    return end === end;
  }

  /** Open `s` under the key found (replacing a stint open there); a new entry keeps `s.callId` and `s.queue` as its key (the same text). */
  setOpen(s: Stint): void {
    if (this.curE < 0) this.curE = this.add(s.callId, 0, s.callId.length, s.queue);
    this.stintOf[this.curE] = s;
  }

  /** No stint open under (cid, queue) any more (its closed end, if any, stays remembered). */
  removeOpen(cid: string, queue: string): void {
    this.find(cid, queue);
    const e = this.curE;
    if (e < 0) return;
    this.stintOf[e] = undefined;
    if (this.end[e] !== this.end[e]) this.free(e);
  }

  /** Close stint `s` at `endMs`: its key (`s.callId`, `s.queue`) is remembered as closed then, with nothing open. */
  closeStint(s: Stint, endMs: number): void {
    if (this.curE < 0 || this.stintOf[this.curE] !== s) this.find(s.callId, s.queue);
    this.close(endMs);
  }

  /** Remember the key found as closed at `endMs`, with nothing open (a new entry's key made from the ranges found). */
  close(endMs: number): void {
    if (this.curE < 0) this.curE = this.add(this.curCidText, this.curCidStart, this.curCidEnd, this.queueName());
    const e = this.curE;
    this.stintOf[e] = undefined;
    this.end[e] = endMs;
    if (this.tail > this.head && endMs < this.ordEnd[this.tail - 1]!) {
      this.late.push({ e, end: endMs });
      return;
    }
    if (this.tail === this.ordEnd.length) {
      // Full: move the live part to the front first, and grow only when it fills half.
      const n = this.tail - this.head;
      this.ordEnd.copyWithin(0, this.head, this.tail);
      this.ordE.copyWithin(0, this.head, this.tail);
      this.head = 0;
      this.tail = n;
      if (n * 2 > this.ordEnd.length) {
        this.ordEnd = grow(this.ordEnd, n * 2);
        this.ordE = grow(this.ordE, n * 2);
      }
    }
    this.ordE[this.tail] = e;
    this.ordEnd[this.tail++] = endMs;
  }

  /** Forget the closed stints that ended more than CLOSED_MEMORY_MS before `dataMs`. */
  forget(dataMs: number): void {
    let h = this.head;
    while (h < this.tail && dataMs - this.ordEnd[h]! > CLOSED_MEMORY_MS) {
      this.drop(this.ordE[h]!, this.ordEnd[h]!);
      h++;
    }
    this.head = h;
    if (this.late.length > 0) {
      const keep: typeof this.late = [];
      for (const x of this.late) {
        if (dataMs - x.end > CLOSED_MEMORY_MS) this.drop(x.e, x.end);
        else keep.push(x);
      }
      this.late = keep;
    }
  }

  /** Every stint still open, in no particular order. */
  openStints(): Stint[] {
    const out: Stint[] = [];
    for (const s of this.stintOf) if (s !== undefined) out.push(s);
    return out;
  }

  clear(): void {
    this.ids.clear();
    this.queues.clear();
    this.cidChars = new Uint8Array(64 * CID_WIDTH);
    this.cidLen = new Uint8Array(64);
    this.cid = [];
    this.queue = [];
    this.stintOf = [];
    this.freeList.length = 0;
    this.head = this.tail = 0;
    this.late = [];
    this.curE = -1;
  }

  /** A position for the key found, which is not there: its callid `text` in [start, end) and queue `queue` (their text). */
  private add(text: string, start: number, end: number, queue: string): number {
    const e = this.freeList.length > 0 ? this.freeList.pop()! : this.stintOf.length;
    if (e === this.stintOf.length) {
      this.stintOf.push(undefined);
      this.cid.push(undefined);
      this.queue.push(undefined);
      this.end = grow(this.end, e + 1);
      this.hash = grow(this.hash, e + 1);
      this.cidLen = grow(this.cidLen, e + 1);
      this.cidChars = grow(this.cidChars, (e + 1) * CID_WIDTH);
    }
    this.ids.addHashed(this.curH, e);
    this.setCid(e, text, start, end);
    this.queue[e] = queue;
    this.end[e] = NaN;
    this.hash[e] = this.curH;
    return e;
  }

  /**
   * Forget an end, unless the position holds another one now (a stale entry: the
   * key closed again since, or the position freed, NaN, or reused). A position
   * reused for a key closed at the very same instant is dropped by whichever of
   * its order entries comes first, in the same `forget` as its own would.
   */
  private drop(e: number, end: number): void {
    if (this.end[e] !== end) return;
    this.end[e] = NaN;
    if (this.stintOf[e] === undefined) this.free(e);
  }

  /** Entry `e`'s callid is `text` in [start, end): its bytes when it fits, else a string of its own. */
  private setCid(e: number, text: string, start: number, end: number): void {
    const len = end - start;
    if (len <= CID_WIDTH) {
      const chars = this.cidChars;
      const at = e * CID_WIDTH;
      let i = 0;
      for (; i < len; i++) {
        const c = text.charCodeAt(start + i);
        if (c > 0xff) break;
        chars[at + i] = c;
      }
      if (i === len) {
        this.cidLen[e] = len;
        return;
      }
    }
    this.cidLen[e] = CID_STRING;
    this.cid[e] = detached(text.slice(start, end)); // kept for hours: not a view into a chunk of input
  }

  /** Whether entry `k`'s callid is `text` in [start, end). */
  private sameCid(k: number, text: string, start: number, end: number): boolean {
    const len = this.cidLen[k]!;
    if (len === CID_STRING) return sameText(this.cid[k]!, text, start, end);
    if (len !== end - start) return false;
    const chars = this.cidChars;
    const at = k * CID_WIDTH;
    for (let i = 0; i < len; i++) if (chars[at + i] !== text.charCodeAt(start + i)) return false;
    return true;
  }

  /** Free position `e` (nothing open, no end remembered). */
  private free(e: number): void {
    this.ids.deleteValue(this.hash[e]!, e);
    this.stintOf[e] = undefined;
    this.cid[e] = undefined;
    this.queue[e] = undefined;
    this.freeList.push(e);
    if (this.curE === e) this.curE = -1;
  }
}
