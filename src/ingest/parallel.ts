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
 * Used for files of at least CCKPI_WORKER_MIN_BYTES (default 8 MiB; 0 = every
 * file, "off" = never), and only from the built CLI (the worker is a .js file).
 * The CLI starts the worker of the first such file before loading the report's
 * modules (worker-start.ts); it gets its input as its first message.
 */
import { CckpiError, type ErrorCode } from "../errors.js";
import { BatchReplayer, type Batch } from "./batching.js";
import type { Input } from "./input.js";
import type { ReadOptions, ReadResult, ReadSinks } from "./read.js";
import type { Tally } from "./tally.js";
import { readsOnWorker, takeWorker } from "./worker-start.js";

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

/** Whether to read this input in a worker: a file big enough to pay for the worker's start (not stdin). */
export function useWorker(input: Input, env: NodeJS.ProcessEnv = process.env): boolean {
  return readsOnWorker(input.path, input.bytes, env);
}

/** `readInput` with the reading on a worker thread: same sinks, same tally, same result. */
export function readInputInWorker(input: Input, o: ReadOptions, tally: Tally, sinks: ReadSinks): Promise<ReadResult> {
  const init: WorkerInit = {
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
  // Started early by the CLI when it could be (worker-start.ts): its first message is its input.
  const worker = takeWorker(input.path!);
  worker.postMessage(init);
  const replayer = new BatchReplayer(o, tally, sinks);

  return new Promise<ReadResult>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(err);
    };
    worker.on("message", (m: WorkerMessage) => {
      if (settled) return;
      try {
        switch (m.k) {
          case "batch":
            replayer.replay(m);
            worker.postMessage("ack");
            break;
          case "done": {
            settled = true;
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
    });
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the reading worker for ${input.name} stopped (exit code ${code}) before it finished`)));
  });
}
