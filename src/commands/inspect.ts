/**
 * `cckpi inspect <files...>`: what cckpi sees in each input, file by file, read
 * fully through the same pipeline `report` uses (decoder, dialect, detection,
 * the source's row handler, the row ledger) but into a counting sink instead of
 * interval records. Per file: the format (its score and the runner-up, or
 * "forced with --input-format"), the encoding actually used (with the line of a
 * fallback), the delimiter, the header (first record), the ledger
 * (read = used + rejected + filtered + duplicates) with reasons and the first
 * rejected rows (file:line), the time span in `--tz`, contacts by outcome,
 * queues and agents, warnings, and a ready-to-paste `cckpi report` command.
 *
 * Rejected rows are reported, not fatal (exit 0). A file no format recognizes
 * is reported with every format's score and the other files are still
 * inspected; the run then exits 1 (FORMAT_NOT_DETECTED). A missing file is
 * exit 3 before anything is read, as for `report`.
 */
import { CckpiError, EXIT } from "../errors.js";
import { resolveInputs } from "../ingest/input.js";
import { readInput, type ReadResult } from "../ingest/read.js";
import { Tally, type RejectRow } from "../ingest/tally.js";
import { OUTCOMES, type Contact, type Outcome } from "../model/contact.js";
import type { IntervalRecordRow } from "../engine/records.js";
import type { AddResult } from "../engine/builder.js";
import type { AgentStateSpan, ScheduleSpan } from "../model/agent.js";
import type { Sample, SourceDef } from "../sources/define.js";
import { builtinSources } from "../sources/index.js";
import type { Io } from "./output.js";
import { DEFAULT_BY, readOptions, settingsFrom } from "./pipeline.js";

export interface InspectFlags {
  tz?: string;
  config?: string;
  inputFormat?: string;
  delimiter?: string;
  encoding?: string;
  json?: boolean;
}

/** How many rejected rows, queues and header fields a file's report lists. */
const MAX_REJECTS = 10;
const MAX_QUEUES = 10;
const MAX_HEADER_SHOWN = 12;

export interface Ledger {
  read: number;
  used: number;
  rejected: number;
  filtered: number;
  duplicates: number;
  rejectedBy: Record<string, number>;
  filteredBy: Record<string, number>;
  /** read = used + rejected + filtered + duplicates. */
  balanced: boolean;
}

export type InspectStatus = "ok" | "empty" | "not-recognized" | "error";

export interface FileReport {
  file: string;
  status: InspectStatus;
  format: string | null;
  detection: {
    forced: boolean;
    score: number | null;
    runnerUp: { id: string; score: number } | null;
    /** Every format's score on the file's sample (empty when forced). */
    scores: { id: string; score: number }[];
  };
  encoding: string | null;
  delimiter: string | null;
  /** The first record as the scanner split it (the header row of a CSV). */
  header: string[] | null;
  ledger: Ledger;
  contacts: number;
  /** Interval records read back from a `cckpi intervals` file. */
  records: number;
  /** Agent state spans, by state category, and schedule spans. */
  states: number;
  stateCategories: Record<string, number>;
  scheduleSpans: number;
  timeZone: string;
  timeSpan: { from: string; to: string } | null;
  outcomes: Record<Outcome, number>;
  queues: { queue: string; contacts: number }[];
  queueCount: number;
  agents: number;
  rejects: { file: string; line: number; code: string; message: string }[];
  warnings: string[];
  /** A `cckpi report` command for this file, ready to paste. */
  command: string | null;
  error: { code: string; message: string; hint: string | null } | null;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Quote an argument for a POSIX shell when it needs it. */
function shellArg(s: string): string {
  return /^[A-Za-z0-9_./@:+,=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export async function inspectCommand(files: string[], flags: InspectFlags, io: Io): Promise<void> {
  const s = await settingsFrom({ ...(flags.tz !== undefined ? { tz: flags.tz } : {}), ...(flags.config !== undefined ? { config: flags.config } : {}) }, { by: DEFAULT_BY }, io.env);
  if (flags.inputFormat !== undefined && !builtinSources.some((x) => x.id === flags.inputFormat)) {
    throw new CckpiError("UNKNOWN_FORMAT", `unknown format "${flags.inputFormat}"`, `choose one of: ${builtinSources.map((x) => x.id).join(", ")}`);
  }
  // Checked (and --delimiter validated) before any file is read.
  // Inspect counts every span a file holds, whatever metrics a report would ask for.
  const base = { ...readOptions(flags, s, [], () => {}), wantStates: true };
  const delimiter = base.delimiter;
  const inputs = resolveInputs(files);

  const reports: FileReport[] = [];
  for (const input of inputs) {
    // Per file: wrapped sources record every detection score, the sample, and the first record.
    const scores: { id: string; score: number }[] = [];
    let sample: Sample | null = null;
    let firstRecord: string[] | null = null;
    const sources: SourceDef[] = builtinSources.map((src) => ({
      ...src,
      detect(smp: Sample): number {
        sample ??= smp;
        const score = src.detect(smp);
        scores.push({ id: src.id, score: round(score) });
        return score;
      },
      create(ctx) {
        const h = src.create(ctx);
        return {
          row(fields: string[], line: number, raw: string): void {
            if (firstRecord === null) firstRecord = fields;
            h.row(fields, line, raw);
          },
          end: () => h.end(),
        };
      },
    }));

    const rejects: RejectRow[] = [];
    const tally = new Tally("skip", null, (r) => { if (rejects.length < MAX_REJECTS) rejects.push(r); });
    const warnings: string[] = [];
    const seen = new Set<string>();
    const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
    const queues = new Map<string, number>();
    const agents = new Set<string>();
    let contacts = 0;
    let records = 0;
    let states = 0;
    let scheduleSpans = 0;
    const stateCategories: Record<string, number> = {};
    let minMs = Infinity;
    let maxMs = -Infinity;
    const span = (from: number, to: number): void => {
      if (from < minMs) minMs = from;
      if (to > maxMs) maxMs = to;
    };
    const sinks = {
      contact(c: Contact, checkDuplicate: boolean): AddResult {
        if (checkDuplicate) {
          const before = seen.size;
          seen.add(c.contactId);
          if (seen.size === before) return "duplicate";
        }
        contacts++;
        outcomes[c.outcome] = (outcomes[c.outcome] ?? 0) + 1;
        queues.set(c.queue, (queues.get(c.queue) ?? 0) + 1);
        if (c.agent !== "") agents.add(c.agent);
        span(c.arrivedMs, Math.max(c.arrivedMs, c.answeredMs ?? -Infinity, c.endedMs ?? -Infinity));
        return "used";
      },
      record(r: IntervalRecordRow): AddResult {
        records++;
        if (r.queue !== "") queues.set(r.queue, (queues.get(r.queue) ?? 0) + 1);
        if (r.agent !== "") agents.add(r.agent);
        span(r.startMs, r.startMs + r.minutes * 60_000);
        return "used";
      },
      state(sp: AgentStateSpan): AddResult {
        states++;
        stateCategories[sp.category] = (stateCategories[sp.category] ?? 0) + 1;
        agents.add(sp.agent);
        span(sp.startMs, sp.endMs ?? sp.startMs);
        return "used";
      },
      schedule(sp: ScheduleSpan): AddResult {
        scheduleSpans++;
        agents.add(sp.agent);
        span(sp.startMs, sp.endMs);
        return "used";
      },
    };

    let result: ReadResult | null = null;
    let failure: CckpiError | null = null;
    try {
      result = await readInput(
        input,
        { ...base, sources, warn: (m) => warnings.push(m) },
        tally,
        sinks,
      );
    } catch (e) {
      // A file cckpi cannot read as data is reported, and the other files still inspected;
      // usage and input errors stop the run as elsewhere.
      if (!(e instanceof CckpiError) || e.exitCode !== EXIT.data) throw e;
      failure = e;
    }

    const empty = failure === null && tally.read === 0 && warnings.some((w) => w.endsWith(": empty input"));
    const status: InspectStatus = failure ? (failure.code === "FORMAT_NOT_DETECTED" ? "not-recognized" : "error") : empty ? "empty" : "ok";
    const smp = sample as Sample | null;
    // JSON sources get each record whole as one field: no header to show.
    const jsonInput = (result?.source as { input?: string } | undefined)?.input === "json";
    const header = jsonInput ? null : ((firstRecord as string[] | null) ?? smp?.rows[0] ?? null);
    const format = status === "ok" && result ? result.source.id : null;
    const forced = flags.inputFormat !== undefined;
    let command: string | null = null;
    if (format !== null) {
      const file = input.path === null ? "-" : input.name;
      const kind = result?.source.records;
      // Agent files go after --agents / --schedule; a schedule needs state data beside it.
      const args =
        kind === "agent states"
          ? ["cckpi", "report", "--agents", file, "--input-format", format, "--tz", s.zone.name, "--by", "day,agent"]
          : kind === "schedule"
            ? ["cckpi", "report", "--agents", "STATES_FILE", "--schedule", file, "--tz", s.zone.name, "--by", "day,agent"]
            : ["cckpi", "report", file, "--input-format", format, "--tz", s.zone.name, "--by", "day,queue"];
      if (flags.delimiter !== undefined) args.push("--delimiter", flags.delimiter);
      if (flags.encoding !== undefined) args.push("--encoding", flags.encoding);
      if (s.configPath !== null && flags.config !== undefined) args.push("--config", flags.config);
      command = args.map(shellArg).join(" ");
    }
    reports.push({
      file: input.name,
      status,
      format,
      detection: {
        forced,
        score: result?.detection?.score ?? null,
        runnerUp: result?.detection?.runnerUp ? { id: result.detection.runnerUp.id, score: round(result.detection.runnerUp.score) } : null,
        scores: [...scores].sort((a, b) => b.score - a.score),
      },
      encoding: result?.encoding ?? null,
      delimiter: jsonInput ? null : (result?.delimiter ?? smp?.delimiter ?? delimiter),
      header,
      ledger: {
        read: tally.read,
        used: tally.used,
        rejected: tally.rejected,
        filtered: tally.filtered,
        duplicates: tally.duplicates,
        rejectedBy: Object.fromEntries(tally.rejectedBy),
        filteredBy: Object.fromEntries(tally.filteredBy),
        balanced: tally.balanced(),
      },
      contacts,
      records,
      states,
      stateCategories,
      scheduleSpans,
      timeZone: s.zone.name,
      timeSpan: Number.isFinite(minMs) ? { from: s.zone.formatLocal(minMs), to: s.zone.formatLocal(maxMs) } : null,
      outcomes,
      queues: [...queues].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_QUEUES).map(([queue, n]) => ({ queue, contacts: n })),
      queueCount: queues.size,
      agents: agents.size,
      rejects: rejects.map((r) => ({ file: r.file, line: r.line, code: r.code, message: r.message })),
      warnings,
      command,
      error: failure
        ? {
            code: failure.code,
            message: failure.message,
            // readInput's hint names report's --format; inspect takes --input-format.
            hint: failure.code === "FORMAT_NOT_DETECTED" ? "name the format with --input-format <id> (ids above; `cckpi formats` describes each)" : (failure.hint ?? null),
          }
        : null,
    });
  }

  if (flags.json) io.stdout(`${JSON.stringify({ files: reports }, null, 2)}\n`);
  else io.stdout(reports.map(renderText).join("\n"));

  const bad = reports.filter((r) => r.status === "not-recognized" || r.status === "error");
  if (bad.length) {
    const notRecognized = bad.filter((r) => r.status === "not-recognized");
    const code = notRecognized.length ? "FORMAT_NOT_DETECTED" : (bad[0]!.error!.code as "FORMAT_NOT_DETECTED");
    throw new CckpiError(
      code,
      `${bad.length} of ${reports.length} input(s) could not be read: ${bad.map((r) => (r.status === "not-recognized" ? `${r.file} (not recognized)` : `${r.file} (${r.error!.code})`)).join(", ")}`,
      notRecognized.length ? `name the format with --input-format (one of: ${builtinSources.map((x) => x.id).join(", ")}); \`cckpi formats\` describes each` : (bad[0]!.error!.hint ?? undefined),
    );
  }
}

function showDelimiter(d: string | null): string {
  if (d === null) return "-";
  return d === "\t" ? "tab" : JSON.stringify(d);
}

/** The human block for one file. */
export function renderText(r: FileReport): string {
  const lines: string[] = [r.file];
  const row = (label: string, value: string): void => { lines.push(`  ${`${label}:`.padEnd(11)} ${value}`); };
  const d = r.detection;
  if (r.status === "not-recognized" || r.status === "error") {
    row("format", r.status === "not-recognized" ? "not recognized" : `error [${r.error!.code}]`);
    if (r.error) row("why", r.error.message);
    if (d.scores.length) row("scores", d.scores.map((x) => `${x.id} ${x.score}`).join(", "));
    if (r.delimiter !== null) row("delimiter", showDelimiter(r.delimiter));
    if (r.header) row("first row", showHeader(r.header));
    if (r.error?.hint) row("hint", r.error.hint);
    for (const w of r.warnings) row("warning", w);
    return `${lines.join("\n")}\n`;
  }
  if (r.status === "empty") {
    row("format", "none (empty input)");
    row("encoding", r.encoding ?? "-");
    return `${lines.join("\n")}\n`;
  }
  const why = d.forced
    ? "forced with --input-format"
    : `score ${d.score ?? "-"}; runner-up ${d.runnerUp ? `${d.runnerUp.id} ${d.runnerUp.score}` : "none (no other format scored above 0)"}`;
  row("format", `${r.format} (${why})`);
  row("encoding", r.encoding ?? "-");
  row("delimiter", showDelimiter(r.delimiter));
  if (r.header) row("header", showHeader(r.header));
  const l = r.ledger;
  row("rows", `read ${l.read} = used ${l.used} + rejected ${l.rejected} + filtered ${l.filtered} + duplicates ${l.duplicates}`);
  if (l.filtered) row("filtered", Object.entries(l.filteredBy).map(([k, n]) => `${k} ${n}`).join(", "));
  if (l.rejected) {
    row("rejected", Object.entries(l.rejectedBy).map(([k, n]) => `${k} ${n}`).join(", "));
    for (const x of r.rejects) lines.push(`    ${x.file}:${x.line}: ${x.code}: ${x.message}`);
    if (l.rejected > r.rejects.length) lines.push(`    ... and ${l.rejected - r.rejects.length} more (cckpi report --rejects FILE lists them all)`);
  }
  if (r.records) row("records", `${r.records} interval records`);
  if (r.states) row("states", `${r.states} spans (${Object.entries(r.stateCategories).map(([k, n]) => `${k} ${n}`).join(", ")})`);
  if (r.scheduleSpans) row("schedule", `${r.scheduleSpans} spans`);
  if (r.contacts || (!r.records && !r.states && !r.scheduleSpans)) {
    const by = OUTCOMES.filter((o) => r.outcomes[o] > 0).map((o) => `${o} ${r.outcomes[o]}`);
    row("contacts", `${r.contacts}${by.length ? ` (${by.join(", ")})` : ""}`);
  }
  row("time span", r.timeSpan ? `${r.timeSpan.from} .. ${r.timeSpan.to} (${r.timeZone})` : "-");
  if (r.queueCount) {
    const more = r.queueCount > r.queues.length ? `, ... (${r.queueCount - r.queues.length} more)` : "";
    row("queues", `${r.queueCount}: ${r.queues.map((q) => `${q.queue || "(none)"} ${q.contacts}`).join(", ")}${more}`);
  }
  row("agents", String(r.agents));
  for (const w of r.warnings) row("warning", w);
  if (r.command) row("report", r.command);
  return `${lines.join("\n")}\n`;
}

function showHeader(h: readonly string[]): string {
  const shown = h.slice(0, MAX_HEADER_SHOWN).map((f) => {
    const v = f.length > 40 ? `${f.slice(0, 39)}…` : f;
    return v === "" || /[,\s"]/.test(v) ? JSON.stringify(v) : v;
  });
  return `${shown.join(", ")}${h.length > MAX_HEADER_SHOWN ? `, ... (${h.length} fields)` : ""}`;
}
