/**
 * One input through the front half of the pipeline: bytes -> decoded text ->
 * dialect -> format detection -> scanner -> the source's row handler. Contacts
 * and interval records go to the caller's sinks; every row lands in the tally.
 */
import { CckpiError } from "../errors.js";
import type { IntervalMapping } from "../config/interval-mapping.js";
import type { Mapping } from "../config/mapping.js";
import type { AgentStateSpan, ScheduleSpan, StateCategory } from "../model/agent.js";
import type { Contact } from "../model/contact.js";
import type { TimeZone } from "../model/time.js";
import type { AddResult } from "../engine/builder.js";
import type { IntervalRecordRow } from "../engine/records.js";
import type { Sample, SourceContext, SourceDef } from "../sources/define.js";
import type { ContactBatch } from "./contact-batch.js";
import { Decoder } from "./decode.js";
import { sniffDelimiter } from "./dialect.js";
import { readBytes, type Input } from "./input.js";
import { JsonSplitter } from "./json-splitter.js";
import { Scanner, type RecordView } from "./scanner.js";

/** What turns decoded text into records: the CSV scanner, or the JSON splitter. */
interface Splitter {
  feed(text: string): void;
  end(): void;
}
import type { Tally } from "./tally.js";

const SAMPLE_CHARS = 64 * 1024;

export interface ReadOptions {
  sources: readonly SourceDef[];
  /** `--format`: skip detection. */
  format: string | null;
  delimiter: string | null;
  encoding: string | null;
  fallbackEncoding: string;
  zone: TimeZone;
  agentAliases: ReadonlyMap<string, string> | null;
  mapping?: Mapping | null;
  intervalMapping?: IntervalMapping | null;
  /** Config `agents.states`: state name -> category. */
  stateMap?: ReadonlyMap<string, StateCategory> | null;
  dateOrder?: "dmy" | "mdy" | null;
  /** See SourceContext.wantStates (default true). */
  wantStates?: boolean;
  dims: readonly string[];
  warn: (message: string) => void;
  /** Called with the size of each chunk of (compressed) input read. */
  progress?: (bytes: number) => void;
  /** Awaited after each chunk has been parsed (the reading worker hands its items over and waits for the main thread here). */
  afterChunk?: () => Promise<void>;
}

/**
 * Where records go. "deferred": the sink only queued the item (the reading
 * worker, whose items reach the real sinks on the main thread, which then
 * accounts for them through a ReadLedger of its own); the ledger counts nothing.
 */
export type SinkResult = AddResult | "deferred";

export interface ReadSinks {
  contact(c: Contact, checkDuplicate: boolean): SinkResult;
  /** Contact `n` of a batch (batching.ts), left packed (sinks without it get `contact` with the contact built). */
  packed?(b: ContactBatch, n: number, checkDuplicate: boolean): SinkResult;
  /**
   * `rows`: the input rows the record uses (0: a second record from a row already counted).
   * `r` is read, not kept: a replayed batch fills one row object for record after record.
   */
  record(r: IntervalRecordRow, rows: number): SinkResult;
  state?(s: AgentStateSpan): SinkResult;
  schedule?(s: ScheduleSpan): SinkResult;
}

/**
 * How what the sinks answered lands in the tally, per input: one place for the
 * sequential reader and for the replay of batches (batching.ts).
 */
export class ReadLedger {
  /** A roster row makes many spans and counts on its last: the row is used if any span was. */
  private usedScheduleLine = -1;

  constructor(private readonly tally: Tally) {}

  contact(r: SinkResult, rows: number): void {
    if (r === "deferred") return;
    if (r === "used") this.tally.used += rows;
    else if (r === "duplicate") this.tally.duplicates += rows;
    else this.tally.filter("outside --from/--to", rows);
  }

  /** Interval records: `rows` 0 for a second record built from a row already counted. */
  record(r: SinkResult, rows: number): void {
    if (rows === 0) return;
    this.contact(r, rows);
  }

  state(r: SinkResult, rows: number): void {
    if (r === "deferred" || rows === 0) return;
    if (r === "used") this.tally.used += rows;
    else this.tally.filter("outside --from/--to", rows);
  }

  schedule(r: SinkResult, span: ScheduleSpan): void {
    if (r === "deferred") return;
    if (r === "used") this.usedScheduleLine = span.line;
    if (span.rowCount === 0) return;
    if (r === "used" || this.usedScheduleLine === span.line) this.tally.used += span.rowCount;
    else this.tally.filter("outside --from/--to", span.rowCount);
  }
}

export interface ReadResult {
  source: SourceDef;
  encoding: string;
  delimiter: string;
  /** Why the source was chosen: its score and the runner-up. */
  detection: { score: number; runnerUp: { id: string; score: number } | null } | null;
}

/** Score every source on a sample; best first. */
export function rankSources(sources: readonly SourceDef[], sample: Sample): { source: SourceDef; score: number }[] {
  return sources
    .map((source) => ({ source, score: source.detect(sample) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score);
}

export function sampleRows(text: string, delimiter: string, max = 30): string[][] {
  const rows: string[][] = [];
  const sc = new Scanner({ delimiter }, {
    record: (f) => { if (rows.length < max) rows.push(f); },
    error: () => {},
    blank: () => {},
  });
  sc.feed(text);
  return rows;
}

/** No input read on this thread yet. */
let firstRead = true;

export async function readInput(input: Input, o: ReadOptions, tally: Tally, sinks: ReadSinks): Promise<ReadResult> {
  const decoder = new Decoder({ name: input.name, encoding: o.encoding, fallback: o.fallbackEncoding, warn: o.warn });
  let pending = "";
  let scanner: Splitter | null = null;
  let result: ReadResult | null = null;
  let handler: ReturnType<SourceDef["create"]> | null = null;

  const start = (final: boolean): void => {
    const delimiter = o.delimiter ?? sniffDelimiter(pending);
    const sample: Sample = { name: input.name, text: pending, delimiter, rows: sampleRows(pending, delimiter), mapping: o.mapping ?? null, intervalMapping: o.intervalMapping ?? null };
    let source: SourceDef | undefined;
    let detection: ReadResult["detection"] = null;
    if (o.format !== null) {
      source = o.sources.find((s) => s.id === o.format);
      if (!source) throw new CckpiError("UNKNOWN_FORMAT", `unknown format "${o.format}"`, `choose one of: ${o.sources.map((s) => s.id).join(", ")}`);
    } else {
      const ranked = rankSources(o.sources, sample);
      if (ranked.length === 0) {
        if (pending.trim() === "" && final) {
          o.warn(`${input.name}: empty input`);
          return;
        }
        throw new CckpiError(
          "FORMAT_NOT_DETECTED",
          `${input.name}: format not recognized (first line: ${JSON.stringify(pending.split(/\r?\n/)[0]?.slice(0, 80) ?? "")})`,
          `name it with --format (one of: ${o.sources.map((s) => s.id).join(", ")}); \`cckpi formats\` describes each`,
        );
      }
      source = ranked[0]!.source;
      const ru = ranked[1];
      detection = { score: ranked[0]!.score, runnerUp: ru ? { id: ru.source.id, score: ru.score } : null };
    }
    const checkDuplicate = source.uniqueContactIds !== true;
    const ledger = new ReadLedger(tally);
    const ctx: SourceContext = {
      file: input.name,
      zone: o.zone,
      agentAliases: o.agentAliases,
      mapping: o.mapping ?? null,
      intervalMapping: o.intervalMapping ?? null,
      dims: o.dims,
      emit(c) {
        ledger.contact(sinks.contact(c, checkDuplicate), c.rowCount);
      },
      emitState(span) {
        ledger.state(sinks.state ? sinks.state(span) : "used", span.rowCount);
      },
      emitSchedule(span) {
        ledger.schedule(sinks.schedule ? sinks.schedule(span) : "used", span);
      },
      stateMap: o.stateMap ?? null,
      dateOrder: o.dateOrder ?? null,
      wantStates: o.wantStates !== false,
      emitRecord(rec, _line, rows = 1) {
        ledger.record(sinks.record(rec, rows), rows);
      },
      reject(line, code, message, raw) {
        tally.reject({ file: input.name, line, code, message, raw });
      },
      filter(_line, reason, rows = 1) {
        tally.filter(reason, rows);
      },
      duplicate(_line, rows = 1) {
        tally.duplicates += rows;
      },
      warn: o.warn,
    };
    handler = source.create(ctx);
    const h = handler;
    result = { source, encoding: decoder.encoding, delimiter, detection };
    if (source.input === "json") {
      // JSON exports: one record per top-level value (NDJSON) or array element, as text.
      scanner = new JsonSplitter({
        record(text, line) {
          tally.read++;
          h.row([text], line, text);
        },
        error(message, line, raw) {
          tally.read++;
          tally.reject({ file: input.name, line, code: "BAD_JSON", message, raw });
        },
      });
      return;
    }
    scanner = new Scanner({ delimiter }, {
      // Sources that read fields as offsets get the record view; the others, strings.
      ...(h.rowView
        ? {
            view(v: RecordView, line: number) {
              tally.read++;
              h.rowView!(v, line);
            },
          }
        : {
            record(fields: string[], line: number, raw: string) {
              tally.read++;
              h.row(fields, line, raw);
            },
          }),
      error(code, message, line, raw) {
        tally.read++;
        tally.reject({ file: input.name, line, code, message, raw });
      },
      blank() {
        tally.read++;
        tally.filter("blank line");
      },
    });
  };

  // Only the first input a thread reads starts in small pieces (input.ts): for the files after it (a
  // month of day files) the reader is warm, and pieces only meant more batches for the same bytes, and
  // fewer bytes ahead of the builder (the worker stays at most eight batches ahead).
  const pieces = firstRead;
  firstRead = false;
  for await (const chunk of readBytes(input, pieces)) {
    o.progress?.(chunk.length);
    const text = decoder.decode(chunk);
    if (scanner === null) {
      pending += text;
      if (pending.length >= SAMPLE_CHARS) {
        start(false);
        (scanner as Splitter | null)?.feed(pending);
        pending = "";
      }
    } else (scanner as Splitter).feed(text);
    if (o.afterChunk) await o.afterChunk();
  }
  const tail = decoder.end();
  if (scanner === null) {
    pending += tail;
    start(true);
    (scanner as Splitter | null)?.feed(pending);
  } else (scanner as Splitter).feed(tail);
  (scanner as Splitter | null)?.end();
  (handler as ReturnType<SourceDef["create"]> | null)?.end();
  if (result) (result as ReadResult).encoding = decoder.encoding;
  return result ?? { source: o.sources[0]!, encoding: decoder.encoding, delimiter: ",", detection: null };
}
