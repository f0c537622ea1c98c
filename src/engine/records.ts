/**
 * Interval records: the hinge of the design (ARCHITECTURE.md). One record holds
 * additive facts (sums, and max for max facts) for one interval x queue x agent
 * x extra dimensions, at one of two levels:
 *   - `contact`: every contact counted in its queue (and agent);
 *   - `call`: every call counted once, with the outcome of its last contact and
 *     the wait summed over its contacts (METRICS.md §2), keyed by the queue and
 *     agent of its last contact. Rows across all queues read these.
 * Values live in one Float64Array per record; keys are interned into a Map.
 */
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
}

export class RecordStore {
  readonly factKeys: string[];
  readonly isMax: boolean[];
  readonly keys: RecordKey[] = [];
  readonly values: Float64Array[] = [];
  /** level -> interval start -> queue[\u0001agent\u0001dims] -> record. */
  private readonly index: [Map<number, Map<string, number>>, Map<number, Map<string, number>>] = [new Map(), new Map()];
  private readonly factPos = new Map<string, number>();

  constructor(factDefs: readonly FactDef[], readonly dimNames: readonly string[]) {
    this.factKeys = factDefs.map((f) => f.key);
    this.isMax = factDefs.map((f) => f.kind === "max");
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
    // Nested maps keyed by number then by the queue name alone in the common case:
    // no string is built per contact unless agents or extra dimensions are kept.
    const byStart = this.index[level === "call" ? 1 : 0];
    let inner = byStart.get(startMs);
    if (inner === undefined) byStart.set(startMs, (inner = new Map()));
    const k = agent === "" && dims.length === 0 ? queue : `${queue}\u0001${agent}\u0001${dims.join("\u0001")}`;
    let i = inner.get(k);
    if (i === undefined) {
      i = this.keys.length;
      inner.set(k, i);
      this.keys.push({ level, startMs, minutes, queue, agent, dims });
      this.values.push(new Float64Array(this.factKeys.length));
    }
    return i;
  }

  addValue(record: number, fact: number, v: number): void {
    const vals = this.values[record]!;
    if (this.isMax[fact]) {
      if (v > vals[fact]!) vals[fact] = v;
    } else vals[fact]! += v;
  }
}
