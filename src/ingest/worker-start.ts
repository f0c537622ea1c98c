/**
 * Starting the reading worker (parallel.ts) before it is needed. A worker thread
 * takes 100-150 ms to boot and load its modules, and the main thread, meanwhile,
 * spends about as long loading the report's own modules and settings: measured
 * on a 1M-contact report, the first parsed batch reached the main thread 420-580 ms
 * after the process started, and the worker was created at 260-370 ms.
 *
 * So the CLI calls `startEarly` with the files named on the command line (patterns
 * expanded) as soon as it has parsed them; when they will be read on a worker, the
 * first gets one at once, which loads its modules and waits for its input.
 * `takeWorker` hands it to `readInputInWorker` (or starts one then), and
 * `releaseWorker` keeps it for the next file of the run: one worker reads the
 * files in turn. A worker started early and never taken (the run stopped before
 * reading), or waiting for a file that does not come, is unref'ed, so it never
 * holds the process, and `dropEarlyWorkers` ends it.
 *
 * Light on purpose: the CLI imports this (and input.ts, for the patterns) before
 * the report's modules.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { filesNamed } from "./input.js";

export const WORKER_FILE = fileURLToPath(new URL("./read-worker.js", import.meta.url));
const DEFAULT_MIN_BYTES = 8 << 20;

/** The smallest file read on a worker (CCKPI_WORKER_MIN_BYTES; anything but a number >= 0 or "off" keeps the default); null: never. */
export function workerMinBytes(env: NodeJS.ProcessEnv = process.env): number | null {
  const setting = env.CCKPI_WORKER_MIN_BYTES?.trim();
  if (setting === "off") return null;
  const n = setting === undefined || setting === "" ? NaN : Number(setting);
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_MIN_BYTES;
}

/** Whether a file of `bytes` at `path` is read on a worker (stdin never is). */
export function readsOnWorker(path: string | null, bytes: number | null, env: NodeJS.ProcessEnv = process.env): boolean {
  const min = workerMinBytes(env);
  if (min === null || path === null || bytes === null) return false;
  return bytes >= min && existsSync(WORKER_FILE);
}

/** A worker and whether it has stopped (it cannot be used then). */
interface Tracked {
  worker: Worker;
  exited: boolean;
}

/** Each worker's entry, with one "exit" listener however often it is handed back. */
const tracked = new WeakMap<Worker, Tracked>();

function track(worker: Worker): Tracked {
  let t = tracked.get(worker);
  if (t === undefined) {
    const entry: Tracked = (t = { worker, exited: false });
    worker.once("exit", () => (entry.exited = true));
    tracked.set(worker, t);
  }
  return t;
}

/**
 * The worker's young generation, in MB (V8's default on 64-bit: 48, three 16 MB
 * semi-spaces). What the reader makes dies within a chunk (decoded text, field
 * views), so a smaller one frees the same garbage with more, shorter scavenges.
 * Measured on the bench's 1M contacts, alternating with the default: peak RSS
 * 308-328 -> 289-312 MiB, wall the same. On the 1M queue_log, where the worker is
 * the slower thread, its GC took 0.11 s (default), 0.15 s (16) and 0.19 s (8).
 */
const WORKER_YOUNG_MB = 16;

function newWorker(): Worker {
  return new Worker(WORKER_FILE, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
}

/** Workers started early, by the path they will read. */
const early = new Map<string, Tracked>();

/**
 * Start a worker for the first of `files` (as named on the command line) when the
 * files will be read on one: one of them big enough, or all of them together.
 */
export function startEarly(files: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  // Patterns too (`'exports/2026-03-*.csv'`, as the README suggests), expanded as the reader will.
  const found = filesNamed(files);
  const first = found[0]?.path ?? null;
  const total = found.reduce((n, f) => n + f.bytes, 0);
  if (first === null || !readsOnWorker(first, total, env) || early.has(first)) return;
  const entry = track(newWorker());
  entry.worker.unref();
  early.set(first, entry);
}

/** The worker the previous file was read on, waiting for the next (see `releaseWorker`). */
let idle: Tracked | null = null;

/**
 * A worker for `path`, counted on (ref'ed): the one started early for it, else the
 * one the previous file was read on, else a new one. It waits for its WorkerInit message.
 */
export function takeWorker(path: string): Worker {
  const e = early.get(path) ?? idle ?? undefined;
  early.delete(path);
  if (e === idle) idle = null;
  if (e !== undefined && !e.exited) {
    e.worker.ref();
    return e.worker;
  }
  if (e !== undefined) void e.worker.terminate();
  return newWorker();
}

/** A worker that has read its file waits for the next one; it does not hold the process meanwhile. */
export function releaseWorker(worker: Worker): void {
  if (idle !== null && idle.worker !== worker) void idle.worker.terminate();
  worker.unref();
  idle = track(worker);
}

/**
 * Count on a worker already reading the file asked for next (parallel.ts): ref'ed,
 * no longer the one waiting. False when it has stopped meanwhile (a new one is needed).
 */
export function claimWorker(worker: Worker): boolean {
  if (idle?.worker === worker) idle = null;
  if (track(worker).exited) return false;
  worker.ref();
  return true;
}

/** End the workers started early and not taken, and the one waiting for another file. */
export function dropEarlyWorkers(): void {
  for (const e of early.values()) void e.worker.terminate();
  early.clear();
  if (idle !== null) void idle.worker.terminate();
  idle = null;
}
