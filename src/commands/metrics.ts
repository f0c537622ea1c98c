/**
 * `cckpi metrics [id]`: the list of metrics, or one metric's exact rule and
 * options with their defaults. Declarations only: no metric code runs. Without
 * plugins it reads the build-time catalog (dist/catalog.json) and loads no
 * metric module; from sources (tests) or with plugins it reads the registry.
 */
import { readFileSync } from "node:fs";
import { CckpiError } from "../errors.js";
import { describeMetric, metricInfo, type MetricInfo } from "./metric-info.js";
import type { Io } from "./output.js";

function catalog(): MetricInfo[] | null {
  try {
    return (JSON.parse(readFileSync(new URL("../catalog.json", import.meta.url), "utf8")) as { metrics: MetricInfo[] }).metrics;
  } catch {
    return null;
  }
}

async function allMetrics(plugins: readonly string[]): Promise<MetricInfo[]> {
  if (plugins.length === 0) {
    const c = catalog();
    if (c) return c;
  }
  const { builtinMetrics } = await import("../metrics/index.js");
  const { loadPlugins } = await import("./plugins.js");
  return [...builtinMetrics, ...(await loadPlugins(plugins))].map(metricInfo);
}

export async function metricsCommand(id: string | undefined, flags: { plugin?: string[] }, io: Io): Promise<void> {
  const all = await allMetrics(flags.plugin ?? []);
  if (id !== undefined) {
    const m = all.find((x) => x.id === id);
    if (!m) throw new CckpiError("UNKNOWN_METRIC", `unknown metric "${id}"`, `run \`cckpi metrics\` for the list`);
    io.stdout(describeMetric(m));
    return;
  }
  const w = Math.max(...all.map((m) => m.id.length));
  io.stdout(all.map((m) => `${m.id.padEnd(w)}  ${m.unit.padEnd(7)}  ${m.description}`).join("\n") + "\n");
}
