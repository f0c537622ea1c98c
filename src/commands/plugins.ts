/**
 * `--plugin ./my-metric.js`: a user's metric module. Its default export is a
 * metric definition, or a function that receives cckpi's helpers ({ defineMetric,
 * facts, ratio, percentileOf, z }) and returns one (or an array), so a plugin needs no import
 * of cckpi itself. The shape is checked before any metric code runs.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { facts, type FactDef } from "../engine/facts.js";
import { percentileOf } from "../engine/records.js";
import { CckpiError } from "../errors.js";
import { defineMetric, ratio, type MetricDef } from "../metrics/define.js";

export const pluginApi = { defineMetric, facts, ratio, percentileOf, z };

function check(m: unknown, file: string): MetricDef {
  const d = m as Partial<MetricDef> | null;
  const bad = (what: string): never => {
    throw new CckpiError("BAD_PLUGIN", `${file}: ${what}`, "see the Plugins section of the README for the shape of a metric");
  };
  if (!d || typeof d !== "object") return bad("the default export is not a metric definition");
  if (typeof d.id !== "string" || !/^[a-z][a-z0-9-]*$/.test(d.id)) bad("id must be a kebab-case string");
  if (typeof d.title !== "string") bad("title must be a string");
  if (!["count", "percent", "seconds", "score"].includes(d.unit as string)) bad("unit must be count, percent, seconds or score");
  if (typeof d.facts !== "function" || typeof d.value !== "function") bad("facts and value must be functions");
  if (!d.options || typeof (d.options as { safeParse?: unknown }).safeParse !== "function") bad("options must be a zod schema (use the z the plugin function receives)");
  return guard({ description: "", details: "", needs: ["contacts"], ...d } as MetricDef, file);
}

/**
 * A plugin's code runs inside the engine (facts) and the report (value). An
 * exception there is its author's mistake, not a cckpi bug: report it as
 * BAD_PLUGIN naming the file and the metric.
 */
function guard(def: MetricDef, file: string): MetricDef {
  const fail = (where: string, e: unknown): never => {
    throw new CckpiError("BAD_PLUGIN", `${file}: metric ${def.id}: ${where} threw: ${firstLine(e)}`, "fix the plugin; `cckpi metrics --plugin FILE` lists what loaded");
  };
  const wrapFact = (f: FactDef): FactDef =>
    f.of
      ? { ...f, of: (c) => { try { return f.of!(c); } catch (e) { return fail(`fact ${f.key}`, e); } } }
      : f;
  return {
    ...def,
    facts: (o) => {
      let fs: Record<string, FactDef>;
      try { fs = def.facts(o); } catch (e) { return fail("facts()", e); }
      return Object.fromEntries(Object.entries(fs).map(([k, f]) => [k, wrapFact(f)]));
    },
    value: (p, o, h) => {
      try { return def.value(p, o, h); } catch (e) { return fail("value()", e); }
    },
  };
}

export async function loadPlugins(files: readonly string[]): Promise<MetricDef[]> {
  const out: MetricDef[] = [];
  if (files.length === 0) return out;
  const { builtinMetrics } = await import("../metrics/index.js");
  for (const f of files) {
    // Checked first: a plugin that imports a missing package also fails with
    // ERR_MODULE_NOT_FOUND, and that is a broken plugin, not a missing file.
    if (!existsSync(f)) throw new CckpiError("INPUT_NOT_FOUND", `plugin not found: ${f}`);
    let mod: { default?: unknown };
    try {
      mod = (await import(pathToFileURL(resolve(f)).href)) as { default?: unknown };
    } catch (e) {
      throw new CckpiError("BAD_PLUGIN", `${f}: cannot load (${firstLine(e)})`);
    }
    let exp = mod.default;
    if (typeof exp === "function") {
      // The plugin's own code (and defineMetric's id check) may throw: its author's
      // mistake, reported in one line rather than as a cckpi bug with a stack.
      try {
        exp = (exp as (api: typeof pluginApi) => unknown)(pluginApi);
      } catch (e) {
        throw new CckpiError("BAD_PLUGIN", `${f}: the default export threw (${firstLine(e)})`);
      }
    }
    for (const m of Array.isArray(exp) ? exp : [exp]) {
      const d = check(m, f);
      // Otherwise the registry's first match wins and the plugin is silently ignored.
      if (builtinMetrics.some((b) => b.id === d.id) || out.some((p) => p.id === d.id)) {
        throw new CckpiError("BAD_PLUGIN", `${f}: metric id "${d.id}" is already taken`, "give the plugin's metric another id");
      }
      out.push(d);
    }
  }
  return out;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
}
