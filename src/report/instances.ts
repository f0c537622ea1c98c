/**
 * Metric instances: a metric with its options resolved once, at the edge, for
 * the defaults and for each queue that overrides them (config `queues.<q>.metrics`).
 * Rollup asks an instance for the facts of a record's queue.
 */
import type { FactDef } from "../engine/facts.js";
import type { MetricDef } from "../metrics/define.js";

export interface MetricInstance {
  def: MetricDef;
  defaults: unknown;
  perQueue: ReadonlyMap<string, unknown>;
}

const factCache = new WeakMap<object, Map<unknown, Record<string, FactDef>>>();

export function optionsFor(inst: MetricInstance, queue: string): unknown {
  return inst.perQueue.get(queue) ?? inst.defaults;
}

export function factsFor(inst: MetricInstance, queue: string): Record<string, FactDef> {
  const opts = optionsFor(inst, queue);
  let byOpts = factCache.get(inst);
  if (!byOpts) {
    byOpts = new Map();
    factCache.set(inst, byOpts);
  }
  let f = byOpts.get(opts);
  if (!f) {
    f = inst.def.facts(opts as never);
    byOpts.set(opts, f);
  }
  return f;
}

/** Every fact any instance needs, under any queue's options. */
export function allFacts(instances: readonly MetricInstance[]): FactDef[] {
  const out = new Map<string, FactDef>();
  for (const inst of instances) {
    for (const q of ["", ...inst.perQueue.keys()]) {
      for (const f of Object.values(factsFor(inst, q))) if (!out.has(f.key)) out.set(f.key, f);
    }
  }
  return [...out.values()];
}
