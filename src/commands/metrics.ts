/**
 * `cckpi metrics [id]`: the list of metrics, or one metric's exact rule and
 * options with their defaults. Declarations only: no metric code runs.
 */
import { CckpiError } from "../errors.js";
import type { MetricDef } from "../metrics/define.js";
import type { Io } from "./output.js";
import { loadPlugins } from "./plugins.js";

export function describeMetric(m: MetricDef): string {
  const defaults = m.options.safeParse({});
  const opts = defaults.success ? JSON.stringify(defaults.data, null, 2) : "(none)";
  return `${m.id}: ${m.title} (${m.unit})
${m.description}

${m.details}

Options and defaults (set them under "metrics": {"${m.id}": {...}} in cckpi.config.json, or per queue under "queues"):
${opts === "{}" ? "(none)" : opts}
`;
}

export async function metricsCommand(id: string | undefined, flags: { plugin?: string[] }, io: Io): Promise<void> {
  const { builtinMetrics } = await import("../metrics/index.js");
  const all = [...builtinMetrics, ...(await loadPlugins(flags.plugin ?? []))];
  if (id !== undefined) {
    const m = all.find((x) => x.id === id);
    if (!m) throw new CckpiError("UNKNOWN_METRIC", `unknown metric "${id}"`, `run \`cckpi metrics\` for the list`);
    io.stdout(describeMetric(m));
    return;
  }
  const w = Math.max(...all.map((m) => m.id.length));
  io.stdout(all.map((m) => `${m.id.padEnd(w)}  ${m.unit.padEnd(7)}  ${m.description}`).join("\n") + "\n");
}
