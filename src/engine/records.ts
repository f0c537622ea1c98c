/**
 * Interval records: the hinge of the design (ARCHITECTURE.md). One record holds
 * additive facts (sums, and max for max facts) for one interval x queue x agent
 * x extra dimensions, at one of two levels:
 *   - `contact`: every contact counted in its queue (and agent);
 *   - `call`: every call counted once, with the outcome of its last contact and
 *     the wait summed over its contacts (METRICS.md §2), keyed by the queue and
 *     agent of its last contact. Rows across all queues read these.
 * Values live in one Float64Array per record (views into shared slabs); keys are
 * found through maps by interval start and names (`slot`).
 */
import { detached } from "../model/detached.js";
import { grow } from "../model/grow.js";
import type { FactDef } from "./facts.js";

export type Level = "contact" | "call";

export interface RecordKey {
  level: Level;
  startMs: number;
  minutes: number;
  queue: string;
  agent: string;
  dims: readonly string[];
}

/** One record as read back from an intervals file. */
export interface IntervalRecordRow {
  level: Level;
  startMs: number;
  minutes: number;
  queue: string;
  agent: string;
  dims: Record<string, string>;
  facts: Record<string, number>;
  /** Histograms of `hist` facts (value:count pairs in the file). */
  hists?: Record<string, ReadonlyMap<number, number>>;
}

export class RecordStore {
  readonly factKeys: string[];
  readonly isMax: boolean[];
  readonly isHist: boolean[];
  /** Per fact: record -> (whole-second value -> count), for `hist` facts only. */
  readonly hists: Map<number, Map<number, number>>[];
  readonly keys: RecordKey[] = [];
  readonly values: Float64Array[] = [];
  /** level -> interval start -> the records of that interval (`IntervalIndex`). */
  private readonly index: [Map<number, IntervalIndex>, Map<number, IntervalIndex>] = [new Map(), new Map()];
  private readonly factPos = new Map<string, number>();
  /** Per level, the interval start last asked for and its queue map: input in time order asks for it again and again. */
  private readonly lastStart = [NaN, NaN];
  private readonly lastInner: (IntervalIndex | null)[] = [null, null];
  /**
   * level -> agent -> interval start -> record, for records of an agent across queues with no
   * extra dimension (agent time): the agent timeline makes them agent by agent, each agent
   * through the whole period, which the interval-first index met as a miss per lookup.
   */
  private readonly agentIndex: [Map<string, Map<number, number>>, Map<string, Map<number, number>>] = [new Map(), new Map()];
  private readonly lastAgent = ["", ""];
  private readonly lastAgentMap: (Map<number, number> | null)[] = [null, null];
  /** The slab new records' values are cut from (`newValues`), and how much of it is used. */
  private slab = new Float64Array(0);
  private slabUsed = 0;
  /** Per contact-level record, its call-level twin (-1: not asked for yet). */
  private twins = new Int32Array(1024).fill(-1);

  constructor(factDefs: readonly FactDef[], readonly dimNames: readonly string[]) {
    this.factKeys = factDefs.map((f) => f.key);
    this.isMax = factDefs.map((f) => f.kind === "max");
    this.isHist = factDefs.map((f) => f.kind === "hist");
    this.hists = factDefs.map(() => new Map());
    this.factKeys.forEach((k, i) => this.factPos.set(k, i));
  }

  factIndex(key: string): number {
    const i = this.factPos.get(key);
    if (i === undefined) throw new Error(`fact ${key} is not in this store`);
    return i;
  }

  hasFact(key: string): boolean {
    return this.factPos.has(key);
  }

  /** The record for a key, created empty on first use. */
  slot(level: Level, startMs: number, minutes: number, queue: string, agent: string, dims: readonly string[]): number {
    // Nested maps keyed by number, then by the queue and agent names as they are (strings
    // that come again and again, their hashes kept): no string is built per contact
    // unless extra dimensions are kept.
    const li = level === "call" ? 1 : 0;
    if (queue === "" && agent !== "" && dims.length === 0) return this.agentSlot(li, level, startMs, minutes, agent);
    let inner: IntervalIndex | undefined;
    if (this.lastStart[li] === startMs) inner = this.lastInner[li]!;
    else {
      const byStart = this.index[li];
      inner = byStart.get(startMs);
      if (inner === undefined) byStart.set(startMs, (inner = { byQueue: new Map(), byAgent: null, byKey: null }));
      this.lastStart[li] = startMs;
      this.lastInner[li] = inner;
    }
    let map: Map<string, number>;
    let k: string;
    if (dims.length > 0) {
      map = inner.byKey ??= new Map();
      k = `${queue}\u0001${agent}\u0001${dims.join("\u0001")}`;
    } else if (agent === "") {
      map = inner.byQueue;
      k = queue;
    } else {
      const byAgent = (inner.byAgent ??= new Map());
      let m = byAgent.get(queue);
      // Kept to the end of the run: copies, not views into the chunk of input the contact came from.
      if (m === undefined) byAgent.set(detached(queue), (m = new Map()));
      map = m;
      k = agent;
    }
    let i = map.get(k);
    if (i === undefined) {
      i = this.keys.length;
      map.set(detached(k), i);
      this.keys.push({ level, startMs, minutes, queue: detached(queue), agent: detached(agent), dims: dims.length === 0 ? NO_DIMS : dims.map(detached) });
      this.values.push(this.newValues());
    }
    return i;
  }

  /** `slot` for an agent's record across queues with no extra dimension: through `agentIndex`. */
  private agentSlot(li: number, level: Level, startMs: number, minutes: number, agent: string): number {
    let byStart: Map<number, number> | undefined;
    const index = this.agentIndex[li]!;
    if (this.lastAgent[li] === agent) byStart = this.lastAgentMap[li]!;
    else {
      byStart = index.get(agent);
      if (byStart === undefined) index.set(detached(agent), (byStart = new Map()));
      this.lastAgent[li] = agent;
      this.lastAgentMap[li] = byStart;
    }
    let i = byStart.get(startMs);
    if (i === undefined) {
      i = this.keys.length;
      byStart.set(startMs, i);
      this.keys.push({ level, startMs, minutes, queue: "", agent: detached(agent), dims: NO_DIMS });
      this.values.push(this.newValues());
    }
    return i;
  }

  /**
   * A new record's values: a view into a slab shared with the records made next
   * to it. An array of its own per record cost an ArrayBuffer and a malloc'd
   * backing store besides the view (about 300 bytes for 11 facts), and reports by
   * interval and agent make millions of records (2.36M over the bench's 1M-contact
   * queue_log). A slab is never grown: when it is full, the next one is made.
   */
  private newValues(): Float64Array {
    const n = this.factKeys.length;
    if (this.slabUsed + n > this.slab.length) {
      this.slab = new Float64Array(Math.max(n, SLAB_VALUES));
      this.slabUsed = 0;
    }
    const v = this.slab.subarray(this.slabUsed, this.slabUsed + n);
    this.slabUsed += n;
    return v;
  }

  /**
   * The call-level record with contact-level record `rec`'s key, created on first
   * use: a call of one contact lands where its contact did (engine/builder.ts).
   */
  callTwin(rec: number): number {
    this.twins = grow(this.twins, rec + 1, -1);
    let t = this.twins[rec]!;
    if (t < 0) {
      const k = this.keys[rec]!;
      t = this.twins[rec] = this.slot("call", k.startMs, k.minutes, k.queue, k.agent, k.dims);
    }
    return t;
  }

  /** Count `n` values `v` (rounded to whole seconds) in a `hist` fact; the record's number is the count. */
  addHist(record: number, fact: number, v: number, n = 1): void {
    const byRecord = this.hists[fact]!;
    let h = byRecord.get(record);
    if (h === undefined) byRecord.set(record, (h = new Map()));
    const k = Math.round(v);
    h.set(k, (h.get(k) ?? 0) + n);
    this.values[record]![fact]! += n;
  }

  /** A record's histogram of a `hist` fact (empty when it has no values). */
  histOf(record: number, fact: number): ReadonlyMap<number, number> {
    return this.hists[fact]!.get(record) ?? EMPTY_HIST;
  }

  addValue(record: number, fact: number, v: number): void {
    const vals = this.values[record]!;
    if (this.isMax[fact]) {
      if (v > vals[fact]!) vals[fact] = v;
    } else vals[fact]! += v;
  }
}

/**
 * The records of one level and interval start: by queue when they keep no agent
 * and no extra dimension, by queue then agent when they keep an agent, else by
 * the key joined into one string.
 */
interface IntervalIndex {
  byQueue: Map<string, number>;
  byAgent: Map<string, Map<string, number>> | null;
  byKey: Map<string, number> | null;
}

const EMPTY_HIST: ReadonlyMap<number, number> = new Map();
/** The dimensions of a record without extra dimensions: one array for all of them. */
const NO_DIMS: readonly string[] = Object.freeze([]);
/** Values per slab (`RecordStore.newValues`): 32 KiB, a few hundred records. */
const SLAB_VALUES = 4096;

/** `12:3|15:1`: a histogram as text, for interval files (value:count pairs by value). */
export function formatHist(h: ReadonlyMap<number, number>): string {
  return [...h].sort((a, b) => a[0] - b[0]).map(([v, n]) => `${v}:${n}`).join("|");
}

/** The inverse of formatHist; null when the text is not a histogram. */
export function parseHist(s: string): Map<number, number> | null {
  const h = new Map<number, number>();
  if (s === "") return h;
  for (const pair of s.split("|")) {
    const m = /^(-?\d+):(\d+)$/.exec(pair);
    if (!m) return null;
    h.set(+m[1]!, (h.get(+m[1]!) ?? 0) + +m[2]!);
  }
  return h;
}

/**
 * The p-th percentile (0-100) of a histogram, interpolated linearly between the
 * two nearest ranks (p = 50: the median; for an even count the mean of the two
 * middle values). null for an empty histogram.
 */
export function percentileOf(h: ReadonlyMap<number, number>, p: number): number | null {
  let n = 0;
  for (const c of h.values()) n += c;
  if (n === 0) return null;
  const sorted = [...h].sort((a, b) => a[0] - b[0]);
  const rank = (p / 100) * (n - 1); // 0-based
  const lo = Math.floor(rank);
  const frac = rank - lo;
  const at = (r: number): number => {
    let seen = 0;
    for (const [v, c] of sorted) {
      seen += c;
      if (r < seen) return v;
    }
    return sorted[sorted.length - 1]![0];
  };
  const a = at(lo);
  return frac === 0 ? a : a + (at(lo + 1) - a) * frac;
}
