/**
 * Configuration: defaults < `./cckpi.config.json` or `--config FILE` < environment
 * (`CCKPI_TZ`, `CCKPI_INTERVAL_MINUTES`, `CCKPI_CONFIG`) < flags. One zod parse of
 * the file, then each metric's options through its own schema, per queue.
 */
import { existsSync, readFileSync } from "node:fs";
import { CckpiError } from "../errors.js";
import type { MetricDef } from "../metrics/define.js";
import type { MetricInstance } from "../report/instances.js";
import { configSchema, zodMessage, type Config } from "./schema.js";

export const DEFAULT_CONFIG_FILE = "cckpi.config.json";

/** A `CCKPI_*` variable; set but empty (`CCKPI_TZ= cckpi ...`) counts as unset, as shells and cron users expect. */
export function envVar(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === "" ? undefined : v;
}

export function loadConfig(path: string | null, env: NodeJS.ProcessEnv = process.env): { config: Config; path: string | null } {
  const p = path ?? envVar(env, "CCKPI_CONFIG") ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : null);
  if (p === null) return { config: {}, path: null };
  let text: string;
  try {
    text = readFileSync(p, "utf8");
  } catch {
    throw new CckpiError("INPUT_NOT_FOUND", `config file not found: ${p}`, "check --config, CCKPI_CONFIG, or remove the flag to use defaults");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CckpiError("BAD_CONFIG", `${p}: not valid JSON (${(e as Error).message})`);
  }
  const r = configSchema.safeParse(json);
  if (!r.success) throw new CckpiError("BAD_CONFIG", `${p}: ${zodMessage(r.error)}`, "see the Configuration section of the README");
  return { config: r.data, path: p };
}

/** Resolve metric ids to instances with options parsed for the defaults and per queue. */
export function resolveMetrics(ids: readonly string[], registry: readonly MetricDef[], config: Config, configPath: string | null): MetricInstance[] {
  const where = configPath ?? "config";
  for (const id of Object.keys(config.metrics ?? {})) {
    if (!registry.some((m) => m.id === id)) {
      throw new CckpiError("BAD_CONFIG", `${where}: metrics.${id}: unknown metric`, `known metrics: ${registry.map((m) => m.id).join(", ")}`);
    }
  }
  return ids.map((id) => {
    const def = registry.find((m) => m.id === id);
    if (!def) {
      throw new CckpiError("UNKNOWN_METRIC", `unknown metric "${id}"`, `run \`cckpi metrics\` for the list (known: ${registry.map((m) => m.id).join(", ")})`);
    }
    const base = config.metrics?.[id] ?? {};
    const parse = (value: unknown, path: string[]): unknown => {
      const r = def.options.safeParse(value);
      if (!r.success) throw new CckpiError("BAD_CONFIG", `${where}: ${zodMessage(r.error, path)}`, `\`cckpi metrics ${id}\` lists its options`);
      return r.data;
    };
    const defaults = parse(base, ["metrics", id]);
    const perQueue = new Map<string, unknown>();
    for (const [q, qc] of Object.entries(config.queues ?? {})) {
      const over = qc.metrics?.[id];
      if (over) perQueue.set(q, parse({ ...base, ...over }, ["queues", q, "metrics", id]));
    }
    for (const [q, qc] of Object.entries(config.queues ?? {})) {
      for (const mid of Object.keys(qc.metrics ?? {})) {
        if (!registry.some((m) => m.id === mid)) throw new CckpiError("BAD_CONFIG", `${where}: queues.${q}.metrics.${mid}: unknown metric`);
      }
    }
    return { def, defaults, perQueue };
  });
}
