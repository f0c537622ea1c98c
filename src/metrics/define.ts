/**
 * The metric contract. A metric declares what it is (id, title, unit, the exact
 * rule as `details`), its options as a zod schema, the additive facts it needs,
 * and how to turn summed facts into a value. It never sees rows or files.
 *
 * `facts(o)` maps local part names to facts from the catalog. The report sums
 * each part over the records of a row (max for `max` facts), resolving options
 * per queue first, so a total row across queues with different thresholds is
 * still a ratio of sums. `value(p, o)` returns null for an empty denominator.
 */
import { z } from "zod";
import type { FactDef } from "../engine/facts.js";

export type MetricUnit = "count" | "percent" | "seconds" | "score";
export type MetricNeed = "contacts" | "agentStates" | "schedule" | "forecast";

export interface MetricDef<S extends z.ZodType = z.ZodType> {
  id: string;
  title: string;
  unit: MetricUnit;
  description: string;
  details: string;
  needs: readonly MetricNeed[];
  options: S;
  facts: (o: z.output<S>) => Record<string, FactDef>;
  /** `h` holds the summed histograms of the metric's `hist` facts, by part name. */
  value: (p: Record<string, number>, o: z.output<S>, h: Readonly<Record<string, ReadonlyMap<number, number>>>) => number | null;
  /** What tables print for no value, when "—" would mislead (adherence: "no schedule"). CSV stays empty, JSON null. */
  emptyLabel?: string;
  /** Extra output columns (e.g. sl-buckets); each is a value function over the same parts. */
  columns?: (o: z.output<S>) => Record<string, (p: Record<string, number>) => number | null>;
}

export function defineMetric<S extends z.ZodType>(def: MetricDef<S>): MetricDef<S> {
  if (!/^[a-z][a-z0-9-]*$/.test(def.id)) throw new Error(`metric id "${def.id}" must be kebab-case`);
  return def;
}

/** a / b, or null when b is 0 (METRICS.md §2: empty denominators give no value). */
export function ratio(a: number | undefined, b: number | undefined): number | null {
  if (a === undefined || b === undefined || b === 0) return null;
  return a / b;
}

/* Building blocks several metrics share, so each metric file states only what is particular to it. */

export const noOptions = z.object({}).strict();

export const shortAbandonSeconds = z.number().min(0).default(5);

export function countMetric(id: string, title: string, fact: FactDef, description: string, details: string): MetricDef<typeof noOptions> {
  return defineMetric({
    id,
    title,
    unit: "count",
    description,
    details,
    needs: ["contacts"],
    options: noOptions,
    facts: () => ({ n: fact }),
    value: (p) => p.n ?? 0,
  });
}

export function averageMetric(id: string, title: string, total: FactDef, count: FactDef, description: string, details: string): MetricDef<typeof noOptions> {
  return defineMetric({
    id,
    title,
    unit: "seconds",
    description,
    details,
    needs: ["contacts"],
    options: noOptions,
    facts: () => ({ total, count }),
    value: (p) => ratio(p.total, p.count),
  });
}

/** A time total from the agent timeline (seconds, sliced at interval boundaries). */
export function agentTimeMetric(id: string, title: string, fact: FactDef, description: string, details: string): MetricDef<typeof noOptions> {
  return defineMetric({
    id,
    title,
    unit: "seconds",
    description,
    details,
    needs: ["agentStates"],
    options: noOptions,
    facts: () => ({ t: fact }),
    value: (p) => p.t ?? 0,
  });
}

/** How agent state time is cut, for the `details` of every agent metric. */
export const SLICING = `Agent state time is split at interval boundaries (14:25-14:40 puts 5 min in 14:00 and 10 min in 14:30).
At an instant an agent has one state: a presence row (state exports), else talking/hold/acw, else a pause,
else logged in (available), else logged out. Overlapping presence rows of one agent count once and are reported.
Spans still open at the end of the data are closed there and counted on stderr.`;
