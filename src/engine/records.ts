/**
 * Interval records: the hinge of the design (ARCHITECTURE.md). One record holds
 * additive facts (sums, and max for max facts) for one interval x queue x agent
 * x extra dimensions, at one of two levels:
 *   - `contact`: every contact counted in its queue (and agent);
 *   - `call`: every call counted once, with the outcome of its last contact and
 *     the wait summed over its contacts (METRICS.md §2), keyed by the queue and
 *     agent of its last contact. Rows across all queues read these.
 * Keys live in columns and values in shared slabs, both by record number; a
 * record is found through maps by interval start and names (`slot`).
 */
import { detached } from "../model/detached.js";
import { grow } from "../model/grow.js";
import { IdTable } from "./id-table.js";
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
  /** Records made so far: record numbers are 0 to size - 1, in the order made. */
  size = 0;
  /**
   * Keys as columns, not an object per record: level (0 contact, 1 call), interval start,
   * minutes, and the queue, agent and extra dimensions as numbers into `names` and
   * `dimSets`. With an object per key and a view per record's values, a record cost
   * about 390 bytes beyond its values; a report by interval and agent makes millions.
   */
  private levelCol = new Uint8Array(1024);
  private startCol = new Float64Array(1024);
  private minutesCol = new Int32Array(1024);
  private queueCol = new Int32Array(1024);
  private agentCol = new Int32Array(1024);
  private dimsCol = new Int32Array(1024);
  /** Queue and agent names, each once (a copy: never a view into a chunk of input); 0 is "". */
  private readonly names: string[] = [""];
  private readonly nameIds = new Map<string, number>([["", 0]]);
  /** Extra dimensions' values, each combination once; 0 is none. */
  private readonly dimSets: (readonly string[])[] = [NO_DIMS];
  private readonly dimSetIds = new Map<string, number>();
  /**
   * Values: slabs of `1 << slabShift` records each, a record's facts side by side
   * (`slabOf`, `offsetOf`). A slab is never grown: when it is full, the next one is made.
   */
  private readonly slabs: Float64Array[] = [];
  private readonly slabShift: number;
  private readonly nFacts: number;
  /** level -> interval start -> the records of that interval (`IntervalIndex`). */
  private readonly index: [Map<number, IntervalIndex>, Map<number, IntervalIndex>] = [new Map(), new Map()];
  private readonly factPos = new Map<string, number>();
  /** Per level, the interval start last asked for and its queue map: input in time order asks for it again and again. */
  private readonly lastStart = [NaN, NaN];
  private readonly lastInner: (IntervalIndex | null)[] = [null, null];
  /**
   * Per agent and level, interval start (in minutes) -> record, for records of an agent across
   * queues with no extra dimension (agent time): the agent timeline makes them agent by agent,
   * each agent through the whole period, which the interval-first index met as a miss per
   * lookup. A small keyless IdTable per agent (`minuteKey`, about 16 bytes a record, its
   * probes within the agent's own table): as a Map per agent keyed by instants (doubles past
   * 2^31), a report by interval and agent spent 1.4 s in the lookups.
   */
  private readonly agentTables: (IdTable | undefined)[] = [];
  /** The same for a start that is not a whole minute (a period starting at --from), keyed by text. */
  private readonly oddAgentKeys = new Map<string, number>();
  /** The agent last asked for and its number. */
  private lastAgentName = "";
  private lastAgentId = -1;
  /** Per contact-level record, its call-level twin (-1: not asked for yet). */
  private twins = new Int32Array(1024).fill(-1);

  constructor(factDefs: readonly FactDef[], readonly dimNames: readonly string[]) {
    this.factKeys = factDefs.map((f) => f.key);
    this.isMax = factDefs.map((f) => f.kind === "max");
    this.isHist = factDefs.map((f) => f.kind === "hist");
    this.hists = factDefs.map(() => new Map());
    this.factKeys.forEach((k, i) => this.factPos.set(k, i));
    this.nFacts = this.factKeys.length;
    // About SLAB_VALUES values a slab (32 KiB), in a power of two of records.
    let shift = 0;
    while (shift < 12 && (2 << shift) * Math.max(1, this.nFacts) <= SLAB_VALUES) shift++;
    this.slabShift = shift;
  }

  factIndex(key: string): number {
    const i = this.factPos.get(key);
    if (i === undefined) throw new Error(`fact ${key} is not in this store`);
    return i;
  }

  hasFact(key: string): boolean {
    return this.factPos.has(key);
  }

  level(r: number): Level {
    return this.levelCol[r] === 1 ? "call" : "contact";
  }

  startMs(r: number): number {
    return this.startCol[r]!;
  }

  minutes(r: number): number {
    return this.minutesCol[r]!;
  }

  queue(r: number): string {
    return this.names[this.queueCol[r]!]!;
  }

  agent(r: number): string {
    return this.names[this.agentCol[r]!]!;
  }

  dims(r: number): readonly string[] {
    return this.dimSets[this.dimsCol[r]!]!;
  }

  /** Record r's key, as a new object. */
  key(r: number): RecordKey {
    return { level: this.level(r), startMs: this.startMs(r), minutes: this.minutes(r), queue: this.queue(r), agent: this.agent(r), dims: this.dims(r) };
  }

  /** Every record's key, in record order: new objects (for tests and small stores; hot code reads the columns). */
  keyList(): RecordKey[] {
    return Array.from({ length: this.size }, (_, r) => this.key(r));
  }

  /** The slab that holds record r's values; they start at `offsetOf(r)`, in fact order. */
  slabOf(r: number): Float64Array {
    return this.slabs[r >> this.slabShift]!;
  }

  offsetOf(r: number): number {
    return (r & ((1 << this.slabShift) - 1)) * this.nFacts;
  }

  /** Record r's values as a view (made per call). */
  valuesOf(r: number): Float64Array {
    const at = this.offsetOf(r);
    return this.slabOf(r).subarray(at, at + this.nFacts);
  }

  /** Record r's value of fact f. */
  value(r: number, f: number): number {
    return this.slabOf(r)[this.offsetOf(r) + f]!;
  }

  /** The record for a key, created empty on first use. */
  slot(level: Level, startMs: number, minutes: number, queue: string, agent: string, dims: readonly string[]): number {
    // Nested maps keyed by number, then by the queue and agent names as they are (strings
    // that come again and again, their hashes kept): no string is built per contact
    // unless extra dimensions are kept.
    const li = level === "call" ? 1 : 0;
    if (queue === "" && agent !== "" && dims.length === 0) return this.agentSlot(li, startMs, minutes, agent);
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
      if (m === undefined) byAgent.set(this.names[this.nameId(queue)]!, (m = new Map()));
      map = m;
      k = agent;
    }
    let i = map.get(k);
    if (i === undefined) {
      i = this.add(li, startMs, minutes, this.nameId(queue), this.nameId(agent), dims.length === 0 ? 0 : this.dimSetId(dims));
      // The map keeps the names' own copies (`names`), one per name, not one per record.
      map.set(dims.length > 0 ? detached(k) : agent === "" ? this.queue(i) : this.agent(i), i);
    }
    return i;
  }

  /** `slot` for an agent's record across queues with no extra dimension: through `agentTables`. */
  private agentSlot(li: number, startMs: number, minutes: number, agent: string): number {
    let agentId = this.lastAgentId;
    if (agent !== this.lastAgentName || agentId < 0) {
      agentId = this.lastAgentId = this.nameId(agent);
      this.lastAgentName = this.names[agentId]!;
    }
    const minute = startMs / 60_000;
    if (minute === (minute | 0)) {
      const table = (this.agentTables[2 * agentId + li] ??= new IdTable(64));
      const key = minuteKey(minute);
      const found = table.nextHashed(key, -1);
      if (found >= 0) return table.valueAt(found);
      const r = this.add(li, startMs, minutes, 0, agentId, 0);
      table.addHashed(key, r);
      return r;
    }
    const k = `${li}|${agentId}|${startMs}`;
    let r = this.oddAgentKeys.get(k);
    if (r === undefined) {
      r = this.add(li, startMs, minutes, 0, agentId, 0);
      this.oddAgentKeys.set(k, r);
    }
    return r;
  }

  /** A new record with this key and no values yet; its number. */
  private add(li: number, startMs: number, minutes: number, queueId: number, agentId: number, dimsId: number): number {
    const r = this.size++;
    if (r >= this.levelCol.length) {
      // The columns start alike and double together.
      this.levelCol = grow(this.levelCol, r + 1);
      this.startCol = grow(this.startCol, r + 1);
      this.minutesCol = grow(this.minutesCol, r + 1);
      this.queueCol = grow(this.queueCol, r + 1);
      this.agentCol = grow(this.agentCol, r + 1);
      this.dimsCol = grow(this.dimsCol, r + 1);
    }
    this.levelCol[r] = li;
    this.startCol[r] = startMs;
    this.minutesCol[r] = minutes;
    this.queueCol[r] = queueId;
    this.agentCol[r] = agentId;
    this.dimsCol[r] = dimsId;
    if (r >> this.slabShift === this.slabs.length) this.slabs.push(new Float64Array((1 << this.slabShift) * this.nFacts));
    return r;
  }

  /** The number of a queue or agent name, made (with a copy of the name) on first use. */
  private nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.length;
      const own = detached(name);
      this.names.push(own);
      this.nameIds.set(own, id);
    }
    return id;
  }

  private dimSetId(dims: readonly string[]): number {
    const k = dims.join("\u0001");
    let id = this.dimSetIds.get(k);
    if (id === undefined) {
      id = this.dimSets.length;
      this.dimSets.push(dims.map(detached));
      this.dimSetIds.set(detached(k), id);
    }
    return id;
  }

  /**
   * The call-level record with contact-level record `rec`'s key, created on first
   * use: a call of one contact lands where its contact did (engine/builder.ts).
   */
  callTwin(rec: number): number {
    this.twins = grow(this.twins, rec + 1, -1);
    let t = this.twins[rec]!;
    if (t < 0) t = this.twins[rec] = this.slot("call", this.startMs(rec), this.minutes(rec), this.queue(rec), this.agent(rec), this.dims(rec));
    return t;
  }

  /** Count `n` values `v` (rounded to whole seconds) in a `hist` fact; the record's number is the count. */
  addHist(record: number, fact: number, v: number, n = 1): void {
    const byRecord = this.hists[fact]!;
    let h = byRecord.get(record);
    if (h === undefined) byRecord.set(record, (h = new Map()));
    const k = Math.round(v);
    h.set(k, (h.get(k) ?? 0) + n);
    this.slabOf(record)[this.offsetOf(record) + fact]! += n;
  }

  /** A record's histogram of a `hist` fact (empty when it has no values). */
  histOf(record: number, fact: number): ReadonlyMap<number, number> {
    return this.hists[fact]!.get(record) ?? EMPTY_HIST;
  }

  addValue(record: number, fact: number, v: number): void {
    const vals = this.slabOf(record);
    const at = this.offsetOf(record) + fact;
    if (this.isMax[fact]) {
      if (v > vals[at]!) vals[at] = v;
    } else vals[at]! += v;
  }
}

/**
 * An interval's minute as the exact key of a keyless IdTable: a bijection of 32-bit
 * integers (odd multiply, xor-shift), so equal hashes are equal minutes, and the
 * minutes of 30-min intervals, all even, spread over the table's slots.
 */
function minuteKey(minute: number): number {
  const h = Math.imul(minute, 0x9e3779b1);
  return h ^ (h >>> 15);
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
/** Values per slab (`RecordStore.slabOf`): about 32 KiB, a few hundred records. */
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
