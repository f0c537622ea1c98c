/**
 * The source contract: one module per export format. A source declares itself
 * (id = file name = `--format` value, title, docs printed by `cckpi formats`),
 * scores a sample of a file in `detect`, and turns rows into records through a
 * push-based handler: `row()` per record, `end()` once.
 *
 * Push, not `async *normalize(rows)` as ARCHITECTURE.md sketched: an async
 * generator costs a promise per row, more than the rest of the row's work.
 *
 * Every row handed to `row()` must end up in exactly one bucket: used (through
 * the contacts it builds: `Contact.rowCount`), rejected, filtered or duplicate.
 * The pipeline checks the sum.
 */
import type { IntervalMapping } from "../config/interval-mapping.js";
import type { Mapping } from "../config/mapping.js";
import type { AgentStateSpan, ScheduleSpan, StateCategory } from "../model/agent.js";
import type { Contact } from "../model/contact.js";
import type { TimeZone } from "../model/time.js";
import type { IntervalRecordRow } from "../engine/records.js";
import type { RecordView } from "../ingest/scanner.js";

export interface Sample {
  name: string;
  /** The first decoded text (up to 64 KiB). */
  text: string;
  delimiter: string;
  /** The first records, as the scanner splits them. */
  rows: string[][];
  /** The config's column mapping, for the `mapped` source. */
  mapping?: Mapping | null;
  /** The config's interval report mapping, for the `mapped-intervals` source. */
  intervalMapping?: IntervalMapping | null;
}

export interface SourceContext {
  file: string;
  /** Zone for timestamps that carry no offset. */
  zone: TimeZone;
  agentAliases: ReadonlyMap<string, string> | null;
  /** Extra columns the report groups by; a source keeps only these as dimensions. */
  dims: readonly string[];
  /** The config's column mapping, for the `mapped` source. */
  mapping?: Mapping | null;
  /** The config's interval report mapping, for the `mapped-intervals` source. */
  intervalMapping?: IntervalMapping | null;
  /** Hand over a contact built from `contact.rowCount` rows. */
  emit(contact: Contact): void;
  /**
   * Hand over an interval record. `rows` (default 1) is how many input rows it
   * uses; 0 for a second record built from a row already counted.
   */
  emitRecord(record: IntervalRecordRow, line: number, rows?: number): void;
  /** Hand over an agent state span built from `span.rowCount` rows (0: rows already counted). */
  emitState(span: AgentStateSpan): void;
  /** Hand over a schedule span built from `span.rowCount` rows (0: rows already counted). */
  emitSchedule(span: ScheduleSpan): void;
  /** Config `agents.states`: a source's state name -> category, read before the source's defaults. */
  stateMap?: ReadonlyMap<string, StateCategory> | null;
  /**
   * False when no selected metric needs agent time: a source may then skip spans
   * that use no rows of their own (queue_log's talk spans, one per call). Spans
   * that count rows must still be emitted.
   */
  wantStates?: boolean;
  /** Config `agents.dateOrder`: day order of slash dates in agent and schedule files; null = decide from the data. */
  dateOrder?: "dmy" | "mdy" | null;
  reject(line: number, code: string, message: string, raw: string): void;
  filter(line: number, reason: string, rows?: number): void;
  duplicate(line: number, rows?: number): void;
  warn(message: string): void;
}

export interface RowHandler {
  row(fields: string[], line: number, raw: string): void;
  /**
   * The same row as offsets into the scanned text (CSV sources that want it: no
   * string per field). When present, the reader calls it instead of `row`; it
   * must treat the row exactly as `row` would.
   */
  rowView?(v: RecordView, line: number): void;
  end(): void;
}

export interface SourceDef {
  id: string;
  title: string;
  /** What it reads: columns, time zone, traps, the vendor document it follows. */
  docs: string;
  records: "contacts" | "interval records" | "contacts or interval records" | "contacts and agent states" | "agent states" | "schedule";
  /** "json": records are JSON values (NDJSON lines or array elements), each handed over as `fields[0]`. */
  input?: "csv" | "json";
  /** The source drops duplicates itself and builds unique contact ids: the engine need not remember them. */
  uniqueContactIds?: boolean;
  extensions: readonly string[];
  /** 0 = not this format; higher = more certain. The best score above 0 wins. */
  detect(sample: Sample): number;
  /** Why detect scored as it did, for `inspect` and the not-detected error. */
  create(ctx: SourceContext): RowHandler;
}

export function defineSource(def: SourceDef): SourceDef {
  if (!/^[a-z][a-z0-9-]*$/.test(def.id)) throw new Error(`source id "${def.id}" must be kebab-case`);
  return def;
}

/** Header lookup: lower-cased, trimmed, BOM- and quote-free names to column indexes. */
export function headerIndex(header: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  header.forEach((h, i) => {
    const k = h.replace(/^\uFEFF/, "").trim().toLowerCase();
    if (!m.has(k)) m.set(k, i);
  });
  return m;
}

/** Seconds from a field: empty gives `empty`; anything not a finite number >= 0 gives NaN. */
export function parseSeconds(s: string, empty: number): number {
  if (s.length === 0) return empty;
  const v = +s;
  return Number.isFinite(v) && v >= 0 ? v : NaN;
}

/**
 * Whether one of a sample's first rows (after up to `maxTitleRows` title lines, as
 * ACD report exports have) holds every wanted column, compared trimmed, BOM-free
 * and case-insensitively. For sources driven by a mapping the user wrote.
 */
export function headerWithin(rows: readonly string[][], wanted: readonly string[], maxTitleRows: number): boolean {
  const norm = (s: string): string => s.replace(/^\uFEFF/, "").trim().toLowerCase();
  const want = wanted.map(norm);
  return rows.slice(0, maxTitleRows + 1).some((h) => {
    const have = new Set(h.map(norm));
    return want.every((c) => have.has(c));
  });
}

/** How much of a bad JSON record a rejection keeps (records can be large). */
const RAW_JSON_KEPT = 500;

/**
 * A JSON source's record (`fields[0]`) parsed, or `undefined` after rejecting it
 * with BAD_JSON at its line: the one parse-or-refuse step of every JSON source.
 */
export function parseJsonRecord(ctx: Pick<SourceContext, "reject">, fields: readonly string[], line: number, raw: string): unknown {
  try {
    return JSON.parse(fields[0]!) as unknown;
  } catch (e) {
    ctx.reject(line, "BAD_JSON", `not a JSON value (${(e as Error).message})`, raw.slice(0, RAW_JSON_KEPT));
    return undefined;
  }
}
