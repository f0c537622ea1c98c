/**
 * What `report` and `intervals` share: flags -> validated settings (one zod parse
 * of the merged flags, env and config), inputs -> interval records, and the
 * stderr side of a run (warnings, the reconciliation line).
 */
import { lookupName, nameMap } from "../model/names.js";
import { z } from "zod";
import { envVar, loadConfig, resolveMetrics } from "../config/load.js";
import type { Config } from "../config/schema.js";
import { IntervalBuilder, type Attribution } from "../engine/builder.js";
import type { RecordStore } from "../engine/records.js";
import { CckpiError } from "../errors.js";
import { parseDelimiterOption } from "../ingest/dialect.js";
import { resolveInputs } from "../ingest/input.js";
import { useWorker, readInputInWorker } from "../ingest/parallel.js";
import { dropEarlyWorkers } from "../ingest/worker-start.js";
import { readInputBatched } from "../ingest/batching.js";
import type { ReadOptions, ReadResult, ReadSinks } from "../ingest/read.js";
import { Tally, type RejectRow } from "../ingest/tally.js";
import { TimeZone } from "../model/time.js";
import { parseTimestamp } from "../model/timestamp.js";
import type { MetricDef } from "../metrics/define.js";
import { allFacts, type MetricInstance } from "../report/instances.js";
import { TIME_DIMS } from "../report/rollup.js";
import { builtinSources } from "../sources/index.js";
import { AtomicFile } from "../output/write.js";
import type { Io } from "./output.js";
import { loadPlugins } from "./plugins.js";
import { Progress } from "./progress.js";

export interface CommonFlags {
  tz?: string;
  interval?: string;
  by?: string;
  metrics?: string;
  from?: string;
  to?: string;
  attribution?: string;
  config?: string;
  inputFormat?: string;
  delimiter?: string;
  encoding?: string;
  onError?: string;
  rejects?: string;
  maxErrors?: string;
  plugin?: string[];
  /** Agent state exports (`--agents`), and rosters (`--schedule`). */
  agents?: string[];
  schedule?: string[];
  quiet?: boolean;
  verbose?: boolean;
}

const flagSchema = z.object({
  interval: z.coerce.number().pipe(z.union([z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60)])).optional(),
  attribution: z.enum(["arrival", "end"]).optional(),
  onError: z.enum(["fail", "skip"]).optional(),
  maxErrors: z.coerce.number().int().min(0).optional(),
});

export interface Settings {
  zone: TimeZone;
  intervalMinutes: number;
  attribution: Attribution;
  fromMs: number | null;
  toMs: number | null;
  from: string | null;
  to: string | null;
  by: string[];
  instances: MetricInstance[];
  metrics: readonly MetricDef[];
  config: Config;
  configPath: string | null;
}

export const DEFAULT_METRICS = ["offered", "answered", "abandon-rate", "service-level", "asa", "aht"];
export const DEFAULT_BY = ["day", "queue"];
/** Defaults when agent state data is read; with a schedule, adherence and conformance too. */
export const AGENT_METRICS = ["logged-in", "available", "talking", "paused", "occupancy", "utilization"];
export const SCHEDULE_METRICS = ["adherence", "conformance"];
export const AGENT_BY = ["day", "agent"];

function list(s: string | undefined): string[] | undefined {
  return s === undefined ? undefined : s.split(",").map((x) => x.trim()).filter(Boolean);
}

function localDateMs(s: string, zone: TimeZone, flag: string): number {
  const r = parseTimestamp(s, zone);
  if (r.ok) return r.utcMs;
  if (r.code === "DST_GAP") {
    const later = parseTimestamp(`${s.slice(0, 10)}T01:00:00`, zone);
    if (later.ok) return later.utcMs;
  }
  throw new CckpiError("BAD_OPTION", `${flag} "${s}" is not a date (expected YYYY-MM-DD or an ISO date-time)`);
}

export async function settingsFrom(flags: CommonFlags, defaults: { by: string[]; contacts?: boolean }, env = process.env): Promise<Settings> {
  const parsed = flagSchema.safeParse({
    interval: flags.interval ?? envVar(env, "CCKPI_INTERVAL_MINUTES"),
    attribution: flags.attribution,
    onError: flags.onError,
    maxErrors: flags.maxErrors,
  });
  if (!parsed.success) {
    // Name the flag (or the variable) the bad value came from, and the value.
    const names: Record<string, [string, unknown]> = {
      interval: flags.interval !== undefined ? ["--interval", flags.interval] : ["CCKPI_INTERVAL_MINUTES", envVar(env, "CCKPI_INTERVAL_MINUTES")],
      attribution: ["--attribution", flags.attribution],
      onError: ["--on-error", flags.onError],
      maxErrors: ["--max-errors", flags.maxErrors],
    };
    const message = parsed.error.issues
      .map((i) => {
        const key = String(i.path[0]);
        const [name, value] = names[key] ?? [key, undefined];
        const why = key === "interval" ? "must be one of 5, 10, 15, 30, 60 (minutes)" : key === "maxErrors" ? "must be a whole number >= 0" : i.message;
        return `${name} ${JSON.stringify(value)}: ${why}`;
      })
      .join("; ");
    throw new CckpiError("BAD_OPTION", message, "see `cckpi report --help`");
  }
  const { config, path: configPath } = loadConfig(flags.config ?? null, env);
  const zone = flags.tz ?? envVar(env, "CCKPI_TZ") ?? config.timeZone;
  const tz = zone ? TimeZone.of(zone) : TimeZone.system();
  const plugins = await loadPlugins(flags.plugin ?? []);
  const { builtinMetrics } = await import("../metrics/index.js");
  const metrics = [...builtinMetrics, ...plugins];
  const agentInputs = (flags.agents?.length ?? 0) > 0;
  const scheduleInputs = (flags.schedule?.length ?? 0) > 0;
  const contactInputs = defaults.contacts !== false;
  const defaultIds = [
    ...(contactInputs ? DEFAULT_METRICS : []),
    ...(agentInputs ? AGENT_METRICS : []),
    ...(scheduleInputs ? SCHEDULE_METRICS : []),
    ...plugins.map((p) => p.id),
  ];
  const ids = list(flags.metrics) ?? config.report?.metrics ?? defaultIds;
  const instances = resolveMetrics(ids, metrics, config, configPath);
  const by = list(flags.by) ?? config.report?.by ?? defaults.by;
  const timeDims = by.filter((d) => (TIME_DIMS as readonly string[]).includes(d));
  if (timeDims.length > 1) throw new CckpiError("UNKNOWN_DIMENSION", `--by has more than one time dimension (${timeDims.join(", ")})`, "pick one of interval, day, week, month, period");
  for (const d of by) {
    if (!/^[A-Za-z_][A-Za-z0-9_ -]*$/.test(d)) throw new CckpiError("UNKNOWN_DIMENSION", `--by "${d}" is not a dimension name`);
  }
  const fromMs = flags.from ? localDateMs(flags.from, tz, "--from") : null;
  const toMs = flags.to ? localDateMs(flags.to, tz, "--to") : null;
  if (fromMs !== null && toMs !== null && toMs <= fromMs) throw new CckpiError("BAD_OPTION", `--to ${flags.to} is not after --from ${flags.from}`, "--from is inclusive, --to exclusive");
  return {
    zone: tz,
    intervalMinutes: parsed.data.interval ?? config.intervalMinutes ?? 30,
    attribution: parsed.data.attribution ?? config.attribution ?? "arrival",
    fromMs,
    toMs,
    from: flags.from ?? null,
    to: flags.to ?? null,
    by,
    instances,
    metrics,
    config,
    configPath,
  };
}

export interface RunResult {
  store: RecordStore;
  tally: Tally;
  inputs: { name: string; result: ReadResult }[];
  builder: IntervalBuilder;
}

/**
 * Flags and settings -> how `readInput` reads each file: the one place that turns
 * --input-format, --delimiter, --encoding and the config (fallback encoding, agent
 * aliases, column mapping) into read options, for `report`, `intervals` and `inspect`.
 */
export function readOptions(flags: CommonFlags, s: Settings, dims: readonly string[], warn: (m: string) => void): ReadOptions {
  const delimiter = flags.delimiter === undefined ? null : parseDelimiterOption(flags.delimiter);
  if (flags.delimiter !== undefined && delimiter === null) {
    throw new CckpiError("BAD_OPTION", `--delimiter "${flags.delimiter}" must be one character (or tab, comma, semicolon, pipe)`);
  }
  return {
    sources: builtinSources,
    format: flags.inputFormat ?? null,
    delimiter,
    encoding: flags.encoding ?? null,
    fallbackEncoding: s.config.fallbackEncoding ?? "gb18030",
    zone: s.zone,
    agentAliases: s.config.agents?.aliases ? nameMap(Object.entries(s.config.agents.aliases)) : null,
    stateMap: s.config.agents?.states ? nameMap(Object.entries(s.config.agents.states)) : null,
    dateOrder: s.config.agents?.dateOrder ?? null,
    wantStates: allFacts(s.instances).some((f) => f.agent !== undefined),
    mapping: s.config.mapping ?? null,
    intervalMapping: s.config.intervalMapping ?? null,
    dims,
    warn,
  };
}

/**
 * The coarsest record bucket a report's rows allow: intervals for interval rows,
 * local days for day, week and month rows, one bucket otherwise. Figures are the
 * same (sums of the same facts); records, time and memory are fewer.
 */
export function bucketFor(by: readonly string[]): "interval" | "day" | "period" {
  const t = by.find((d) => (TIME_DIMS as readonly string[]).includes(d));
  return t === "interval" ? "interval" : t === undefined || t === "period" ? "period" : "day";
}

/** Read every input into interval records. */
export async function buildRecords(
  files: readonly string[],
  flags: CommonFlags,
  s: Settings,
  opts: { keepAgent: boolean; keepQueue?: boolean; io?: Io; bucket?: "interval" | "day" | "period" },
  log: Logger,
): Promise<RunResult> {
  const inputs = [
    ...(files.length ? resolveInputs(files).map((i) => ({ input: i, role: "any" as const })) : []),
    ...(flags.agents?.length ? resolveInputs(flags.agents).map((i) => ({ input: i, role: "agents" as const })) : []),
    ...(flags.schedule?.length ? resolveInputs(flags.schedule).map((i) => ({ input: i, role: "schedule" as const })) : []),
  ];
  if (inputs.length === 0) throw new CckpiError("NO_INPUT", "no input files", "give export files, or --agents / --schedule files");
  const total = inputs.every((i) => i.input.bytes !== null) ? inputs.reduce((n, i) => n + i.input.bytes!, 0) : null;
  const progress = opts.io ? new Progress(total, opts.io, flags.quiet === true, opts.io.stderr) : null;
  const warn = (m: string): void => {
    progress?.clear();
    log.warn(m);
  };
  const extraDims = s.by.filter((d) => !(TIME_DIMS as readonly string[]).includes(d) && d !== "queue" && d !== "agent");
  const builder = new IntervalBuilder({
    zone: s.zone,
    intervalMinutes: s.intervalMinutes,
    attribution: s.attribution,
    fromMs: s.fromMs,
    toMs: s.toMs,
    facts: allFacts(s.instances),
    keepQueue: opts.keepQueue ?? true,
    keepAgent: opts.keepAgent || s.by.includes("agent"),
    dims: extraDims,
    teamOf: teamLookup(s.config.agents?.teams, s.config.agents?.aliases),
    activities: s.config.agents?.activities ? nameMap(Object.entries(s.config.agents.activities)) : null,
    bucket: opts.bucket ?? "interval",
  });
  const rejectsFile = flags.rejects ? new AtomicFile(flags.rejects) : null;
  if (rejectsFile) rejectsFile.write("file,line,code,message,raw\n");
  const csvCell = (v: string | number): string => (typeof v === "number" || !/[",\r\n]/.test(v) ? String(v) : `"${v.replace(/"/g, '""')}"`);
  const tally = new Tally(
    (flags.onError as "fail" | "skip" | undefined) ?? "skip",
    flags.maxErrors === undefined ? null : Number(flags.maxErrors),
    rejectsFile ? (r: RejectRow) => rejectsFile.write(`${[r.file, r.line, r.code, r.message, r.raw].map(csvCell).join(",")}\n`) : null,
  );
  const base = readOptions(flags, s, extraDims, warn);
  const results: RunResult["inputs"] = [];
  // The files' sizes together decide whether they are read on a worker (one worker reads them in turn).
  const fileBytes = inputs.reduce((n, { input }) => n + (input.bytes ?? 0), 0);
  try {
    // Each input's read options, worked out before the reading so that the worker can be given the next file early.
    const plans = inputs.map(({ input, role }) => {
      // --agents and --schedule name what a file is: detection only among sources of that kind.
      const sources = role === "any" ? base.sources : base.sources.filter((src) => (role === "agents" ? /agent states/.test(src.records) : src.records === "schedule"));
      // --input-format names the main inputs' format; an agent or schedule file keeps it only if it is of that kind.
      const format = role === "any" || (base.format !== null && sources.some((src) => src.id === base.format)) ? base.format : null;
      const o = { ...base, sources, format, ...(progress ? { progress: (n: number) => progress.add(n) } : {}) };
      // A large file (or a run of files large together) is read on a worker thread while this one builds the records.
      return { input, role, sources, o, inWorker: useWorker(input, process.env, fileBytes) };
    });
    const sinks: ReadSinks = {
      contact: (c, checkDuplicate) => builder.add(c, checkDuplicate),
      packed: (b, n, checkDuplicate) => builder.addPacked(b, n, checkDuplicate),
      record: (r) => builder.addRecord(r),
      state: (sp) => builder.addState(sp),
      schedule: (sp) => builder.addSchedule(sp),
    };
    for (let i = 0; i < plans.length; i++) {
      const { input, role, sources, o, inWorker } = plans[i]!;
      const after = plans[i + 1];
      const next = inWorker && after?.inWorker ? { input: after.input, o: after.o } : undefined;
      // Otherwise it is read here in batches all the same: the builder keeps waiting contacts as packed rows.
      const result = await (inWorker ? readInputInWorker(input, o, tally, sinks, next) : readInputBatched(input, o, tally, sinks)).catch((e: unknown) => {
        // A contact export given after --agents (or a state file after --schedule): say what that flag reads.
        if (role !== "any" && e instanceof CckpiError && e.code === "FORMAT_NOT_DETECTED") {
          const what = role === "agents" ? "--agents reads agent state exports" : "--schedule reads schedules (long form or roster grid)";
          throw new CckpiError("FORMAT_NOT_DETECTED", e.message, `${what}: ${sources.map((src) => src.id).join(", ")}; give contact exports without a flag (\`cckpi formats\` describes each)`);
        }
        throw e;
      });
      results.push({ name: input.name, result });
      log.verbose(`${input.name}: ${result.source.id}, ${result.encoding}, delimiter ${JSON.stringify(result.delimiter)}${inWorker ? ", read on a worker thread" : ""}`);
    }
    rejectsFile?.commit();
    progress?.clear();
    // Every input is read: the worker that waits for another file ends now, not after the report is
    // written. Its heap went with it: 1M contacts -f table, peak 284-317 -> 257-274 MiB.
    dropEarlyWorkers();
  } catch (e) {
    progress?.clear();
    rejectsFile?.abort();
    throw e;
  }
  const store = builder.finish();
  if (builder.coarseRecords > 0) {
    warn(`interval records of ${builder.coarseRecords} min were read into ${s.intervalMinutes}-min intervals; each counts whole in the first: use --interval ${builder.coarseRecords} (or more) for interval rows`);
  }
  if (builder.lateContacts > 0) {
    warn(
      `${builder.lateContacts} contact(s) came more than 6 h (data time) out of time order; their duplicates or the other contacts of their call may not be matched. Give the files in time order (a sorted export, or day files in date order).`,
    );
  }
  if (builder.missingFacts.size) {
    throw new CckpiError(
      "MISSING_FACT",
      `the interval records lack ${[...builder.missingFacts].join(", ")}, which the chosen metrics need`,
      "write the interval file with the same --metrics and options (cckpi intervals --metrics ...), or choose other metrics",
    );
  }
  const ag = builder.agentSummary;
  if (ag) {
    if (ag.openSpans) warn(`${ag.openSpans} agent state span(s) were still open at the end of the data; they are closed there (${s.zone.formatLocal(Math.max(builder.dataEndMs, builder.agents.dataEndMs))})`);
    if (ag.overlapSeconds) warn(`agent state rows overlap for ${Math.round(ag.overlapSeconds)} s (e.g. ${ag.overlapExample}); the overlap is counted once, in the later-starting state`);
    if (ag.scheduleOnly.length) warn(`in the schedule but not in the agent state data: ${ag.scheduleOnly.join(", ")} (map names with agents.aliases in the config)`);
    if (ag.noSchedule.length) warn(`agents with state data but no schedule (reported as "no schedule"): ${ag.noSchedule.join(", ")}`);
  }
  if (!tally.balanced()) throw new Error(`row ledger does not balance: ${tally.summary()}`);
  return { store, tally, inputs: results, builder };
}

/** Agent -> team, through the aliases too, case-insensitively; "" when unmapped. */
function teamLookup(teams: Record<string, string> | undefined, aliases: Record<string, string> | undefined): (agent: string) => string {
  if (!teams) return () => "";
  const m = nameMap(Object.entries(teams));
  // A raw name an alias renames is in the team of the name it becomes.
  const viaAlias = nameMap(Object.entries(aliases ?? {}).flatMap(([raw, name]) => {
    const t = lookupName(m, name);
    return t === undefined ? [] : [[raw, t] as const];
  }));
  return (agent) => lookupName(m, agent) ?? lookupName(viaAlias, agent) ?? "";
}

export interface Logger {
  warn(message: string): void;
  verbose(message: string): void;
  info(message: string): void;
}

export function makeLogger(flags: { quiet?: boolean; verbose?: boolean }, stderr: (s: string) => void): Logger {
  return {
    warn: (m) => { if (!flags.quiet) stderr(`cckpi: warning: ${m}\n`); },
    verbose: (m) => { if (flags.verbose) stderr(`cckpi: ${m}\n`); },
    info: (m) => { if (!flags.quiet) stderr(`cckpi: ${m}\n`); },
  };
}

/** The stderr summary: reconciliation, reasons, first rejections. */
export function reconciliation(run: RunResult, log: Logger): void {
  const t = run.tally;
  log.info(t.summary());
  if (t.filtered) log.info(`  filtered: ${[...t.filteredBy].map(([r, n]) => `${r} ${n}`).join(", ")}`);
  if (run.builder.replacedContacts) log.info(`  duplicates: ${run.builder.replacedContacts} contact id(s) read again within 24 h; the later row replaced the earlier (last export wins)`);
  if (t.rejected) {
    log.info(`  rejected: ${[...t.rejectedBy].map(([c, n]) => `${c} ${n}`).join(", ")}`);
    for (const r of t.firstRejects) log.info(`  ${r.file}:${r.line}: ${r.code}: ${r.message}`);
  }
}
