/**
 * A metric as `cckpi metrics` describes it: plain data (id, title, unit, the
 * rule, default options), so it can come from the build-time catalog without
 * loading the metric modules, or from a module (plugins) through `metricInfo`.
 */
import type { MetricDef } from "../metrics/define.js";

export interface MetricInfo {
  id: string;
  title: string;
  unit: string;
  description: string;
  details: string;
  /** The options object a metric gets from `{}` (its defaults), or null when it has required options. */
  defaults: Record<string, unknown> | null;
}

export function metricInfo(m: MetricDef): MetricInfo {
  const r = m.options.safeParse({});
  return {
    id: m.id,
    title: m.title,
    unit: m.unit,
    description: m.description,
    details: m.details,
    defaults: r.success ? (r.data as Record<string, unknown>) : null,
  };
}

export function describeMetric(m: MetricInfo): string {
  const opts = m.defaults === null ? "(required options: see above)" : Object.keys(m.defaults).length === 0 ? "(none)" : JSON.stringify(m.defaults, null, 2);
  return `${m.id}: ${m.title} (${m.unit})
${m.description}

${m.details}

Options and defaults (set them under "metrics": {"${m.id}": {...}} in cckpi.config.json, or per queue under "queues"):
${opts}
`;
}
