/**
 * The reading worker (see parallel.ts): runs `readInput` on one file and posts
 * what it reads, chunk by chunk, to the main thread, which replays it into the
 * builder. Sinks here only queue; the tally here only records (rejections and
 * filters as events at their place, rows read and source duplicates as counts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { CckpiError } from "../errors.js";
import { TimeZone } from "../model/time.js";
import { builtinSources } from "../sources/index.js";
import { ContactPacker } from "./contact-batch.js";
import type { WorkerEvent, WorkerInit, WorkerMessage } from "./parallel.js";
import { readInput } from "./read.js";
import { Tally, type RejectRow } from "./tally.js";

/** Batches posted and not yet replayed by the main thread before the worker waits. */
const MAX_IN_FLIGHT = 2;

const port = parentPort!;
const { input, options } = workerData as WorkerInit;
const packer = new ContactPacker();
let events: WorkerEvent[] = [];
let checkDuplicate = true;

class RecordingTally extends Tally {
  constructor() {
    super("skip", null, null);
  }
  override reject(row: RejectRow): void {
    events.push({ at: packer.count, k: "reject", row });
  }
  override filter(reason: string, rows = 1): void {
    events.push({ at: packer.count, k: "filter", reason, rows });
  }
}
const tally = new RecordingTally();

const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

let inFlight = 0;
let wake: (() => void) | null = null;
port.on("message", () => {
  inFlight--;
  if (wake !== null && inFlight < MAX_IN_FLIGHT) {
    const w = wake;
    wake = null;
    w();
  }
});

function flush(): void {
  if (packer.count === 0 && events.length === 0 && tally.read === 0 && tally.duplicates === 0) return;
  const contacts = packer.take();
  post(
    { k: "batch", contacts, checkDuplicate, events, read: tally.read, duplicates: tally.duplicates },
    [contacts.f64.buffer as ArrayBuffer, contacts.i32.buffer as ArrayBuffer],
  );
  events = [];
  tally.read = 0;
  tally.duplicates = 0;
  inFlight++;
}

try {
  const result = await readInput(
    input,
    {
      ...options,
      sources: builtinSources.filter((s) => options.sourceIds.includes(s.id)),
      zone: TimeZone.of(options.zoneName),
      warn: (message) => events.push({ at: packer.count, k: "warn", message }),
      progress: (bytes) => events.push({ at: packer.count, k: "progress", bytes }),
      afterChunk: async () => {
        flush();
        if (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (wake = r));
      },
    },
    tally,
    {
      contact(c, cd) {
        checkDuplicate = cd;
        packer.add(c);
        return "deferred";
      },
      record(record, rows) {
        events.push({ at: packer.count, k: "record", record, rows });
        return "deferred";
      },
      state(span) {
        events.push({ at: packer.count, k: "state", span });
        return "deferred";
      },
      schedule(span) {
        events.push({ at: packer.count, k: "schedule", span });
        return "deferred";
      },
    },
  );
  flush();
  post({ k: "done", sourceId: result.source.id, encoding: result.encoding, delimiter: result.delimiter, detection: result.detection });
} catch (e) {
  if (e instanceof CckpiError) post({ k: "error", code: e.code, message: e.message, hint: e.hint });
  else post({ k: "crash", message: (e as Error).message, stack: (e as Error).stack });
}
port.unref();
