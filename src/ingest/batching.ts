/**
 * Reading in batches: what a source emits is queued (contacts packed, everything
 * else as events at its place among them) and later replayed, in order, into the
 * real sinks through a ReadLedger. The reading worker records and the main thread
 * replays (parallel.ts); a file read on the main thread is recorded and replayed
 * there, chunk by chunk (`readInputBatched`), so that its contacts, too, wait in
 * the builder as rows of their batch rather than as objects.
 *
 * Nothing changes in the figures or the ledger: the recorder's sinks answer
 * "deferred" and its tally only records; the replayer applies every item as the
 * sequential reader would have, rejections and filters at their place.
 */
import type { IntervalRecordRow } from "../engine/records.js";
import type { AgentStateSpan, ScheduleSpan } from "../model/agent.js";
import type { Contact } from "../model/contact.js";
import { ContactPacker, ContactUnpacker, type PackedContacts } from "./contact-batch.js";
import type { Input } from "./input.js";
import { readInput, ReadLedger, type ReadOptions, type ReadResult, type ReadSinks } from "./read.js";
import { Tally, type RejectRow } from "./tally.js";

/** Something the source did, at its place among the batch's contacts (`at` = contacts before it). */
export type BatchEvent =
  | { at: number; k: "reject"; row: RejectRow }
  | { at: number; k: "filter"; reason: string; rows: number }
  | { at: number; k: "warn"; message: string }
  | { at: number; k: "progress"; bytes: number }
  | RecordRun
  | { at: number; k: "state"; span: AgentStateSpan }
  | { at: number; k: "schedule"; span: ScheduleSpan };

/**
 * Interval records read one after another (nothing else between them) whose dimensions and
 * facts have the same names in the same order, as columns: a file of `cckpi intervals` records
 * is one run per chunk. As an event each, a record was three objects (itself, its dims, its
 * facts) copied into the message and made again on the other side: reading back the 872k
 * records of a month by interval, queue and agent took 5.4 s, most of it posting and cloning.
 */
export interface RecordRun {
  at: number;
  k: "records";
  n: number;
  dimKeys: string[];
  factKeys: string[];
  /** Queue, agent and dimension values, each once; the columns below hold their positions. */
  names: string[];
  /** Per record: 1 for a call-level record, else 0; its start, minutes, queue, agent and rows. */
  call: number[];
  startMs: number[];
  minutes: number[];
  queue: number[];
  agent: number[];
  rows: number[];
  /** `dimKeys.length` per record. */
  dims: number[];
  /** `factKeys.length` per record. */
  facts: number[];
  /** Per record, its histograms (null: none), or null when no record of the run has any. */
  hists: (IntervalRecordRow["hists"] | null)[] | null;
}

/** Whether the own keys of `o` are `keys`, in that order. */
function hasKeys(o: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in o) if (k !== keys[i++]) return false;
  return i === keys.length;
}

/** One batch: the contacts and events of (about) one chunk, and the rows read and source duplicates counted meanwhile. */
export interface Batch {
  contacts: PackedContacts;
  checkDuplicate: boolean;
  events: BatchEvent[];
  read: number;
  duplicates: number;
}

/** A tally that records rejections and filters as events (rows read and duplicates stay counts). */
class RecordingTally extends Tally {
  constructor(private readonly recorder: BatchRecorder) {
    super("skip", null, null);
  }
  override reject(row: RejectRow): void {
    this.recorder.reject(row);
  }
  override filter(reason: string, rows = 1): void {
    this.recorder.filter(reason, rows);
  }
}

type FilterEvent = Extract<BatchEvent, { k: "filter" }>;

/**
 * Whether `s` is contact `c`'s talking span (model/agent.ts `talkSpan`): the same
 * fields, and no others. A queue_log gives one per answered contact; as events
 * they were objects made, posted and rebuilt by the hundred thousand (a report of
 * agent time over the bench's 1M-contact log spent 0.73 s of the reading thread
 * posting them). Such a span folds into the contact as a flag and is made again,
 * the same, when the contact is replayed.
 */
function isTalkSpanOf(s: AgentStateSpan, c: Contact): boolean {
  return (
    s.layer === "work" && s.category === "talking" && s.reason === "" && s.rowCount === 0 && s.busyShare === undefined &&
    c.answeredMs !== null && c.endedMs !== null && s.agent === c.agent && s.startMs === c.answeredMs &&
    s.endMs === Math.max(c.endedMs, c.answeredMs) && s.file === c.file && s.line === c.line && Object.keys(s).length === 9
  );
}

/** The recording side: give `tally`, `sinks`, `warn` and `progress` to readInput, `take` a batch after each chunk. */
export class BatchRecorder {
  private readonly packer = new ContactPacker();
  private events: BatchEvent[] = [];
  /** The record run that is the last event, while records keep coming, and its names' positions. */
  private run: RecordRun | null = null;
  private readonly runNames = new Map<string, number>();
  /**
   * This batch's filter events by reason. Filtered rows are counts (Tally.filter), so a
   * reason met again in the batch adds to its first event, which stays at its place:
   * the totals, and the order in which reasons first appear, are the same. Not past a
   * rejection, which may stop the run (--on-error fail, --max-errors): the tally then
   * holds what was filtered before that row, as reading directly does. One event per
   * filtered row was an object made, posted and replayed per row, and real queue_logs
   * filter more rows than they use (PBXware's sample: 360 RINGNOANSWER of 1,000 lines).
   */
  private readonly filters = new Map<string, FilterEvent>();
  private checkDuplicate = true;
  readonly tally: Tally = new RecordingTally(this);
  readonly warn = (message: string): void => this.event({ at: 0, k: "warn", message });
  readonly progress = (bytes: number): void => this.event({ at: 0, k: "progress", bytes });
  /** The contact just packed, while nothing has been recorded after it: its talking span may fold into it (`isTalkSpanOf`). */
  private last: Contact | null = null;
  readonly sinks: ReadSinks = {
    contact: (c, checkDuplicate) => {
      this.checkDuplicate = checkDuplicate;
      this.packer.add(c);
      this.last = c;
      return "deferred";
    },
    record: (record, rows) => {
      this.addRecord(record, rows);
      return "deferred";
    },
    state: (span) => {
      if (this.last !== null && isTalkSpanOf(span, this.last)) {
        // The queue_log's talking span of the contact just packed: a flag on the contact, not an event.
        this.packer.markTalkSpan();
        this.last = null;
      } else this.event({ at: 0, k: "state", span });
      return "deferred";
    },
    schedule: (span) => {
      this.event({ at: 0, k: "schedule", span });
      return "deferred";
    },
  };

  /** Queue an event at the current place (`at` is set here). */
  event(e: BatchEvent): void {
    e.at = this.packer.count;
    this.events.push(e);
    this.last = null;
    this.run = null;
  }

  /** Add `r` to the record run going on, or start one. */
  private addRecord(r: IntervalRecordRow, rows: number): void {
    let run = this.run;
    if (run === null || run.at !== this.packer.count || !hasKeys(r.dims, run.dimKeys) || !hasKeys(r.facts, run.factKeys)) {
      run = { at: 0, k: "records", n: 0, dimKeys: Object.keys(r.dims), factKeys: Object.keys(r.facts), names: [], call: [], startMs: [], minutes: [], queue: [], agent: [], rows: [], dims: [], facts: [], hists: null };
      this.event(run);
      this.run = run;
      this.runNames.clear();
    }
    run.call.push(r.level === "call" ? 1 : 0);
    run.startMs.push(r.startMs);
    run.minutes.push(r.minutes);
    run.queue.push(this.runName(run, r.queue));
    run.agent.push(this.runName(run, r.agent));
    run.rows.push(rows);
    for (const k of run.dimKeys) run.dims.push(this.runName(run, r.dims[k]!));
    for (const k of run.factKeys) run.facts.push(r.facts[k]!);
    if (r.hists !== undefined) (run.hists ??= new Array<IntervalRecordRow["hists"] | null>(run.n).fill(null))[run.n] = r.hists;
    else if (run.hists !== null) run.hists.push(null);
    run.n++;
  }

  reject(row: RejectRow): void {
    this.event({ at: 0, k: "reject", row });
    this.filters.clear();
  }

  /** Count `rows` filtered for `reason`: into this batch's event for the reason since the last rejection, or a new one here. */
  filter(reason: string, rows: number): void {
    this.last = null;
    const e = this.filters.get(reason);
    if (e !== undefined) {
      e.rows += rows;
      return;
    }
    const f: FilterEvent = { at: 0, k: "filter", reason, rows };
    this.filters.set(reason, f);
    this.event(f);
  }

  /** The position of `v` in the names of `run`, the run going on. */
  private runName(run: RecordRun, v: string): number {
    let i = this.runNames.get(v);
    if (i === undefined) {
      i = run.names.push(v) - 1;
      this.runNames.set(v, i);
    }
    return i;
  }

  /** What was read since the last call; null when nothing was. */
  take(): Batch | null {
    this.run = null;
    const t = this.tally;
    if (this.packer.count === 0 && this.events.length === 0 && t.read === 0 && t.duplicates === 0) return null;
    const batch: Batch = { contacts: this.packer.take(), checkDuplicate: this.checkDuplicate, events: this.events, read: t.read, duplicates: t.duplicates };
    this.events = [];
    this.filters.clear();
    this.last = null;
    t.read = 0;
    t.duplicates = 0;
    return batch;
  }
}

/** The replaying side, one per input: every item into the real sinks and tally, in the order read. */
export class BatchReplayer {
  private readonly ledger: ReadLedger;
  private readonly unpacker = new ContactUnpacker();

  constructor(
    private readonly o: Pick<ReadOptions, "warn" | "progress">,
    private readonly tally: Tally,
    private readonly sinks: ReadSinks,
  ) {
    this.ledger = new ReadLedger(tally);
  }

  private apply(e: BatchEvent): void {
    const { tally, ledger, sinks } = this;
    switch (e.k) {
      case "reject": tally.reject(e.row); break;
      case "filter": tally.filter(e.reason, e.rows); break;
      case "warn": this.o.warn(e.message); break;
      case "progress": this.o.progress?.(e.bytes); break;
      case "records": this.replayRecords(e); break;
      case "state": ledger.state(sinks.state ? sinks.state(e.span) : "used", e.span.rowCount); break;
      case "schedule": ledger.schedule(sinks.schedule ? sinks.schedule(e.span) : "used", e.span); break;
    }
  }

  /**
   * A run's records into the record sink, one row object filled in turn (sinks read a
   * record and do not keep it), its dims and facts with the run's keys in their order.
   */
  private replayRecords(run: RecordRun): void {
    const dims: Record<string, string> = {};
    for (const k of run.dimKeys) dims[k] = "";
    const facts: Record<string, number> = {};
    for (const k of run.factKeys) facts[k] = 0;
    const row: IntervalRecordRow = { level: "contact", startMs: 0, minutes: 0, queue: "", agent: "", dims, facts };
    const { names, dimKeys, factKeys } = run;
    for (let i = 0; i < run.n; i++) {
      row.level = run.call[i] ? "call" : "contact";
      row.startMs = run.startMs[i]!;
      row.minutes = run.minutes[i]!;
      row.queue = names[run.queue[i]!]!;
      row.agent = names[run.agent[i]!]!;
      for (let d = 0; d < dimKeys.length; d++) dims[dimKeys[d]!] = names[run.dims[i * dimKeys.length + d]!]!;
      for (let f = 0; f < factKeys.length; f++) facts[factKeys[f]!] = run.facts[i * factKeys.length + f]!;
      const h = run.hists?.[i];
      if (h) row.hists = h;
      else if (row.hists !== undefined) delete row.hists; // only in a run with histograms
      const rows = run.rows[i]!;
      this.ledger.record(this.sinks.record(row, rows), rows);
    }
  }

  replay(m: Batch): void {
    const b = this.unpacker.begin(m.contacts);
    const ev = m.events;
    const sinks = this.sinks;
    const packed = sinks.packed?.bind(sinks);
    let e = 0;
    for (let n = 0; n < b.count; n++) {
      while (e < ev.length && ev[e]!.at <= n) this.apply(ev[e++]!);
      if (packed) this.ledger.contact(packed(b, n, m.checkDuplicate), b.rowCount(n));
      else this.ledger.contact(sinks.contact(b.contact(n), m.checkDuplicate), b.rowCount(n));
      if (b.hasTalkSpan(n)) this.apply({ at: n, k: "state", span: b.talkSpan(n) });
    }
    while (e < ev.length) this.apply(ev[e++]!);
    this.tally.read += m.read;
    this.tally.duplicates += m.duplicates;
  }
}

/**
 * `readInput` on this thread, recorded and replayed chunk by chunk: for sinks that
 * take packed contacts (`sinks.packed`), whose builder then keeps waiting contacts
 * as rows. Same sinks, same tally, same result as `readInput`.
 */
export async function readInputBatched(input: Input, o: ReadOptions, tally: Tally, sinks: ReadSinks): Promise<ReadResult> {
  const recorder = new BatchRecorder();
  const replayer = new BatchReplayer(o, tally, sinks);
  const flush = (): void => {
    const m = recorder.take();
    if (m !== null) replayer.replay(m);
  };
  try {
    return await readInput(
      input,
      {
        ...o,
        warn: recorder.warn,
        progress: recorder.progress,
        afterChunk: async () => {
          flush();
          if (o.afterChunk) await o.afterChunk();
        },
      },
      recorder.tally,
      recorder.sinks,
    );
  } finally {
    // What was read before the end (or before an error) reaches the sinks, as it would have read directly.
    flush();
  }
}
