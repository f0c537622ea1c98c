/**
 * The metric catalog: what `cckpi metrics` prints, computed from the registry at
 * build time into `dist/catalog.json` (scripts/build-catalog.mjs), so listing
 * metrics loads neither zod nor any metric module and starts in about the time
 * Node itself takes. A test checks the catalog against the registry.
 */
import { builtinMetrics } from "./metrics/index.js";
import type { MetricDef } from "./metrics/define.js";
import { metricInfo, type MetricInfo } from "./commands/metric-info.js";

export interface Catalog {
  metrics: MetricInfo[];
}

export function buildCatalog(metrics: readonly MetricDef[] = builtinMetrics): Catalog {
  return { metrics: metrics.map(metricInfo) };
}
