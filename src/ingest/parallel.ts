/**
 * Reading a large file on the second core: a worker thread runs `readInput`
 * (decode, scan, parse: about a third of a report's time) while the main thread
 * runs the interval builder on what the worker has parsed so far.
 *
 * Nothing changes in the figures or the ledger: the worker records what the
 * source emits in batches, and the main thread replays every item, in the order
 * the source emitted it, into the real sinks (batching.ts). Contacts travel
 * packed (contact-batch.ts). The worker parses at most eight chunks ahead of
 * the main thread, so memory stays flat.
 *
 * Used when the files of a run come to at least CCKPI_WORKER_MIN_BYTES (default
 * 8 MiB; 0 = every file, "off" = never), and only from the built CLI (the worker
 * is a .js file). The CLI starts the worker before loading the report's modules
 * (worker-start.ts); it gets each input as a message, and reads the files of a
 * run one after another.
 */
import { CckpiError, type ErrorCode } from "../errors.js";
import { BatchReplayer, type Batch } from "./batching.js";
import type { Worker } from "node:worker_threads";
import type { Input } from "./input.js";
import type { ReadOptions, ReadResult, ReadSinks } from "./read.js";
import type { Tally } from "./tally.js";
import { claimWorker, readsOnWorker, releaseWorker, takeWorker } from "./worker-start.js";

/** The read options that cross to the worker (functions and the zone object stay behind). */
export interface WorkerOptions {
  sourceIds: string[];
  format: string | null;
  delimiter: string | null;
  encoding: string | null;
  fallbackEncoding: string;
  zoneName: string;
  agentAliases: ReadonlyMap<string, string> | null;
  mapping: NonNullable<ReadOptions["mapping"]> | null;
  intervalMapping: NonNullable<ReadOptions["intervalMapping"]> | null;
  stateMap: NonNullable<ReadOptions["stateMap"]> | null;
  dateOrder: NonNullable<ReadOptions["dateOrder"]> | null;
  wantStates: boolean;
  dims: readonly string[];
}

export interface WorkerInit {
  input: Input;
  options: WorkerOptions;
}

export type WorkerMessage =
  | ({ k: "batch" } & Batch)
  | { k: "done"; sourceId: string; encoding: string; delimiter: string; detection: ReadResult["detection"] }
  | { k: "error"; code: ErrorCode; message: string; hint: string | undefined }
  | { k: "crash"; message: string; stack: string | undefined };

/**
 * Whether to read this input in a worker: a file (not stdin), when the files of the
 * run (`totalBytes`, default this one's size) are big enough to pay for the worker's
 * start. One worker reads them one after another, so a month of day files of a few
 * MB each is parsed on the second core too.
 */
export function useWorker(input: Input, env: NodeJS.ProcessEnv = process.env, totalBytes: number | null = input.bytes): boolean {
  return input.bytes !== null && readsOnWorker(input.path, Math.max(input.bytes, totalBytes ?? 0), env);
}

/** The message that gives the worker an input to read. */
function initOf(input: Input, o: ReadOptions): WorkerInit {
  return {
    input,
    options: {
      sourceIds: o.sources.map((s) => s.id),
      format: o.format,
      delimiter: o.delimiter,
      encoding: o.encoding,
      fallbackEncoding: o.fallbackEncoding,
      zoneName: o.zone.name,
      agentAliases: o.agentAliases,
      mapping: o.mapping ?? null,
      intervalMapping: o.intervalMapping ?? null,
      stateMap: o.stateMap ?? null,
      dateOrder: o.dateOrder ?? null,
      wantStates: o.wantStates !== false,
      dims: o.dims,
    },
  };
}

/**
 * A worker's messages, kept in order until a reader takes them: the worker may
 * already be reading the next file (`readInputInWorker`'s `next`) while the main
 * thread is still replaying the last batches of the current one.
 */
export class Channel {
  private readonly queue: WorkerMessage[] = [];
  private consumer: ((m: WorkerMessage) => void) | null = null;

  constructor(worker: Pick<Worker, "on">) {
    worker.on("message", (m: WorkerMessage) => {
      if (this.consumer !== null) this.consumer(m);
      else this.queue.push(m);
    });
  }

  /** Hand the messages to `f`, those already waiting first, until `stop`. */
  consume(f: (m: WorkerMessage) => void): void {
    this.consumer = f;
    while (this.queue.length > 0 && this.consumer === f) f(this.queue.shift()!);
  }

  stop(): void {
    this.consumer = null;
  }
}

const channels = new WeakMap<Worker, Channel>();
const channelOf = (w: Worker): Channel => {
  let c = channels.get(w);
  if (c === undefined) channels.set(w, (c = new Channel(w)));
  return c;
};

/** The input a worker was given ahead of its turn, and that worker. */
let ahead: { input: Input; worker: Worker } | null = null;

/**
 * `readInput` with the reading on a worker thread: same sinks, same tally, same
 * result. `next`: the input the caller reads after this one, on a worker too; it
 * is given to the same worker now, which starts on it as soon as this one is read
 * instead of waiting for the main thread to finish this one's last batches (a
 * month of day files idled both threads at every file's start: 1.1 s of 31 files).
 */
export function readInputInWorker(input: Input, o: ReadOptions, tally: Tally, sinks: ReadSinks, next?: { input: Input; o: ReadOptions }): Promise<ReadResult> {
  let worker: Worker;
  const given = ahead !== null && ahead.input === input ? ahead.worker : null;
  ahead = null;
  if (given !== null && claimWorker(given)) worker = given;
  else {
    // Started early by the CLI when it could be, or left by the previous file (worker-start.ts); it waits for its input.
    worker = takeWorker(input.path!);
    worker.postMessage(initOf(input, o));
  }
  const channel = channelOf(worker);
  if (next !== undefined) {
    worker.postMessage(initOf(next.input, next.o));
    ahead = { input: next.input, worker };
  }
  const replayer = new BatchReplayer(o, tally, sinks);

  return new Promise<ReadResult>((resolve, reject) => {
    let settled = false;
    const detach = (): void => {
      channel.stop();
      worker.off("error", fail);
      worker.off("exit", onExit);
    };
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      detach();
      if (ahead?.worker === worker) ahead = null;
      void worker.terminate();
      reject(err);
    };
    const onExit = (code: number): void => fail(new Error(`the reading worker for ${input.name} stopped (exit code ${code}) before it finished`));
    const onMessage = (m: WorkerMessage): void => {
      if (settled) return;
      try {
        switch (m.k) {
          case "batch":
            replayer.replay(m);
            worker.postMessage("ack");
            break;
          case "done": {
            settled = true;
            detach();
            // Waiting for the next file, or already reading it (`next`): either way it must not hold the process.
            releaseWorker(worker);
            const source = o.sources.find((s) => s.id === m.sourceId)!;
            resolve({ source, encoding: m.encoding, delimiter: m.delimiter, detection: m.detection });
            break;
          }
          case "error":
            fail(new CckpiError(m.code, m.message, m.hint));
            break;
          case "crash": {
            const err = new Error(m.message);
            if (m.stack !== undefined) err.stack = m.stack;
            fail(err);
            break;
          }
        }
      } catch (err) {
        // A rejection over --max-errors, or --on-error fail: stop the worker too.
        fail(err);
      }
    };
    channel.consume(onMessage);
    worker.on("error", fail);
    worker.on("exit", onExit);
  });
}
