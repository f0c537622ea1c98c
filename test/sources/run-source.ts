/**
 * Drive a source without the CLI, two ways:
 *   - `runSource(def, text)`: the real scanner feeds the source's row handler
 *     through a fake context that keeps every emitted contact / record, every
 *     rejection (line, code), filter (line, reason, rows) and duplicate (line, rows);
 *   - `readText(text)`: the whole front half (decode -> sniff -> detect -> scan ->
 *     source) through `readInput`, from a temp file, into a real Tally.
 * Both give the row ledger so tests can check read = used + rejected + filtered + duplicates.
 */
import type { Mapping } from "../../src/config/mapping.js";
import type { IntervalMapping } from "../../src/config/interval-mapping.js";
import type { Ledger as InspectLedger } from "../../src/commands/inspect.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IntervalRecordRow } from "../../src/engine/records.js";
import { sniffDelimiter } from "../../src/ingest/dialect.js";
import { rankSources, readInput, sampleRows, type ReadResult } from "../../src/ingest/read.js";
import { Scanner, type RecordView } from "../../src/ingest/scanner.js";
import { Tally, type RejectRow } from "../../src/ingest/tally.js";
import type { AgentStateSpan, ScheduleSpan, StateCategory } from "../../src/model/agent.js";
import type { Contact } from "../../src/model/contact.js";
import { TimeZone } from "../../src/model/time.js";
import type { Sample, SourceDef } from "../../src/sources/define.js";
import { builtinSources } from "../../src/sources/index.js";

export interface RunOptions {
  zone?: string;
  dims?: readonly string[];
  aliases?: ReadonlyMap<string, string>;
  delimiter?: string;
  file?: string;
  /** The config's column mapping (for the `mapped` source). */
  mapping?: Mapping;
  /** Config `agents.states`: state name -> category. */
  stateMap?: ReadonlyMap<string, StateCategory>;
  /** The config's interval report mapping (for the `mapped-intervals` source). */
  intervalMapping?: IntervalMapping;
  /** Config `agents.dateOrder`. */
  dateOrder?: "dmy" | "mdy";
  /** How rows reach the source: its `rowView` when it has one (as `readInput` does), or `row`. */
  via?: "row" | "view";
}

/** The row ledger, as `cckpi inspect` reports it (its counts only). */
export type Ledger = Pick<InspectLedger, "read" | "used" | "rejected" | "filtered" | "duplicates">;

export interface Ran {
  contacts: Contact[];
  records: { record: IntervalRecordRow; line: number }[];
  states: AgentStateSpan[];
  schedule: ScheduleSpan[];
  rejects: { line: number; code: string; message: string; raw: string }[];
  filters: { line: number; reason: string; rows: number }[];
  duplicates: { line: number; rows: number }[];
  warnings: string[];
  ledger: Ledger;
}

/** True when the ledger adds up. */
export function balanced(l: Ledger): boolean {
  return l.read === l.used + l.rejected + l.filtered + l.duplicates;
}

/** Filtered rows by reason. */
export function filteredBy(r: Ran): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of r.filters) out[f.reason] = (out[f.reason] ?? 0) + f.rows;
  return out;
}

/** Feed `text` through the real scanner into one source's handler, with a recording context. */
export function runSource(def: SourceDef, text: string, o: RunOptions = {}): Ran {
  const r: Ran = { contacts: [], records: [], states: [], schedule: [], rejects: [], filters: [], duplicates: [], warnings: [], ledger: { read: 0, used: 0, rejected: 0, filtered: 0, duplicates: 0 } };
  const l = r.ledger;
  const handler = def.create({
    file: o.file ?? "test-input",
    zone: TimeZone.of(o.zone ?? "UTC"),
    agentAliases: o.aliases ?? null,
    dims: o.dims ?? [],
    mapping: o.mapping ?? null,
    intervalMapping: o.intervalMapping ?? null,
    stateMap: o.stateMap ?? null,
    dateOrder: o.dateOrder ?? null,
    emitState(s) {
      r.states.push(s);
      l.used += s.rowCount;
    },
    emitSchedule(s) {
      r.schedule.push(s);
      l.used += s.rowCount;
    },
    emit(c) {
      r.contacts.push(c);
      l.used += c.rowCount;
    },
    emitRecord(record, line, rows = 1) {
      r.records.push({ record, line });
      l.used += rows;
    },
    reject(line, code, message, raw) {
      r.rejects.push({ line, code, message, raw });
      l.rejected++;
    },
    filter(line, reason, rows = 1) {
      r.filters.push({ line, reason, rows });
      l.filtered += rows;
    },
    duplicate(line, rows = 1) {
      r.duplicates.push({ line, rows });
      l.duplicates += rows;
    },
    warn(message) {
      r.warnings.push(message);
    },
  });
  const useView = handler.rowView !== undefined && o.via !== "row";
  const scanner = new Scanner({ delimiter: o.delimiter ?? sniffDelimiter(text) }, {
    ...(useView
      ? { view(v: RecordView, line: number) { l.read++; handler.rowView!(v, line); } }
      : { record(fields: string[], line: number, raw: string) { l.read++; handler.row(fields, line, raw); } }),
    error(code, message, line, raw) {
      l.read++;
      r.rejects.push({ line, code, message, raw });
      l.rejected++;
    },
    blank(line) {
      l.read++;
      r.filters.push({ line, reason: "blank line", rows: 1 });
      l.filtered++;
    },
  });
  scanner.feed(text);
  scanner.end();
  handler.end();
  return r;
}

/** Detection as `readInput` does it, on a sample of `text`: source ids with scores, best first. */
export function detect(text: string, name = "sample"): { id: string; score: number }[] {
  const delimiter = sniffDelimiter(text);
  const sample: Sample = { name, text, delimiter, rows: sampleRows(text, delimiter) };
  return rankSources(builtinSources, sample).map((x) => ({ id: x.source.id, score: x.score }));
}

export interface ReadOutcome {
  result: ReadResult;
  tally: Tally;
  contacts: Contact[];
  records: IntervalRecordRow[];
  states: AgentStateSpan[];
  schedule: ScheduleSpan[];
  rejects: RejectRow[];
  warnings: string[];
}

/** Write `text` (or bytes) to a temp file and read it with `readInput` and the built-in sources. */
export async function readText(text: string | Buffer, o: RunOptions & { format?: string; name?: string } = {}): Promise<ReadOutcome> {
  const dir = mkdtempSync(join(tmpdir(), "cckpi-src-"));
  const path = join(dir, o.name ?? "input.txt");
  try {
    writeFileSync(path, text);
    const rejects: RejectRow[] = [];
    const tally = new Tally("skip", null, (x) => rejects.push(x));
    const contacts: Contact[] = [];
    const records: IntervalRecordRow[] = [];
    const states: AgentStateSpan[] = [];
    const schedule: ScheduleSpan[] = [];
    const warnings: string[] = [];
    const result = await readInput(
      { name: path, path, bytes: null },
      {
        sources: builtinSources,
        format: o.format ?? null,
        delimiter: o.delimiter ?? null,
        encoding: null,
        fallbackEncoding: "gb18030",
        zone: TimeZone.of(o.zone ?? "UTC"),
        agentAliases: o.aliases ?? null,
        stateMap: o.stateMap ?? null,
        dateOrder: o.dateOrder ?? null,
        dims: o.dims ?? [],
        warn: (m) => warnings.push(m),
      },
      tally,
      {
        contact: (c) => (contacts.push(c), "used"),
        record: (rec) => (records.push(rec), "used"),
        state: (sp) => (states.push(sp), "used"),
        schedule: (sp) => (schedule.push(sp), "used"),
      },
    );
    return { result, tally, contacts, records, states, schedule, rejects, warnings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh temp folder (caller removes it). */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "cckpi-src-"));
}

/** Text lines joined with LF and a final LF. */
export const lines = (...ls: string[]): string => `${ls.join("\n")}\n`;
