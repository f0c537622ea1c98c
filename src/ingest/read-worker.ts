/**
 * The reading worker (see parallel.ts): runs `readInput` on each file the main
 * thread sends, one after another, and posts what it reads, chunk by chunk, to
 * the main thread, which replays it into the builder. A BatchRecorder queues
 * (batching.ts): contacts packed, rejections, filters and other items as events
 * at their place, rows read and source duplicates as counts. Between files it
 * waits for the next one; the main thread ends it when the reading is over.
 */
import { parentPort } from "node:worker_threads";
import { CckpiError } from "../errors.js";
import { TimeZone } from "../model/time.js";
import { builtinSources } from "../sources/index.js";
import { BatchRecorder } from "./batching.js";
import type { WorkerInit, WorkerMessage } from "./parallel.js";
import { readInput } from "./read.js";

/**
 * Batches posted and not yet replayed by the main thread before the worker waits.
 * Both threads' work per chunk comes in bursts (sweeps, collections): with 2 in
 * flight the main thread waited for the next batch 0.44-0.48 s of a 1M-contact
 * report, with 6 or more 0.21-0.30 s (mostly the worker's start). A batch of a
 * 1 MiB chunk is about 1.5 MB.
 */
const MAX_IN_FLIGHT = 8;

const port = parentPort!;
const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

// Messages from the main thread: an input to read (WorkerInit), or "ack" for a batch replayed.
let inFlight = 0;
let wake: (() => void) | null = null;
const inits: WorkerInit[] = [];
let nextInit: ((init: WorkerInit) => void) | null = null;
port.on("message", (m: WorkerInit | "ack") => {
  if (m !== "ack") {
    if (nextInit !== null) {
      const take = nextInit;
      nextInit = null;
      take(m);
    } else inits.push(m);
    return;
  }
  inFlight--;
  if (wake !== null && inFlight < MAX_IN_FLIGHT) {
    const w = wake;
    wake = null;
    w();
  }
});

/** Read one input, posting its batches, then "done" (or what stopped it). */
async function read({ input, options }: WorkerInit): Promise<void> {
  const recorder = new BatchRecorder();
  const flush = (): void => {
    const batch = recorder.take();
    if (batch === null) return;
    const { f64, i32, text, textEnd } = batch.contacts;
    post({ k: "batch", ...batch }, [f64.buffer as ArrayBuffer, i32.buffer as ArrayBuffer, text.buffer as ArrayBuffer, textEnd.buffer as ArrayBuffer]);
    inFlight++;
  };
  try {
    const result = await readInput(
      input,
      {
        ...options,
        sources: builtinSources.filter((s) => options.sourceIds.includes(s.id)),
        zone: TimeZone.of(options.zoneName),
        warn: recorder.warn,
        progress: recorder.progress,
        afterChunk: async () => {
          flush();
          if (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (wake = r));
        },
      },
      recorder.tally,
      recorder.sinks,
    );
    flush();
    post({ k: "done", sourceId: result.source.id, encoding: result.encoding, delimiter: result.delimiter, detection: result.detection });
  } catch (e) {
    if (e instanceof CckpiError) post({ k: "error", code: e.code, message: e.message, hint: e.hint });
    else post({ k: "crash", message: (e as Error).message, stack: (e as Error).stack });
  }
}

// Inputs one after another, as the main thread sends them (a month of day files is read by one worker).
for (;;) {
  const init = inits.shift() ?? (await new Promise<WorkerInit>((resolve) => (nextInit = resolve)));
  await read(init);
}
