/**
 * When a file is read on a worker thread. (That the worker path gives the same
 * output, ledger and messages as one thread is checked on the built CLI in
 * test/cli/bin.test.ts: the worker runs dist/ code.)
 */
import { EventEmitter } from "node:events";
import type { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { Channel, useWorker, type WorkerMessage } from "../../src/ingest/parallel.js";
import { workerMinBytes } from "../../src/ingest/worker-start.js";

describe("CCKPI_WORKER_MIN_BYTES", () => {
  it("defaults to 8 MiB; a number of bytes sets it; off turns the worker off", () => {
    expect(workerMinBytes({})).toBe(8 * 1024 * 1024);
    expect(workerMinBytes({ CCKPI_WORKER_MIN_BYTES: "0" })).toBe(0);
    expect(workerMinBytes({ CCKPI_WORKER_MIN_BYTES: " 1048576 " })).toBe(1_048_576);
    expect(workerMinBytes({ CCKPI_WORKER_MIN_BYTES: "off" })).toBeNull();
  });

  it("keeps the default for values that are not a size", () => {
    for (const v of ["", "-1", "lots", "NaN", "Infinity"]) expect(workerMinBytes({ CCKPI_WORKER_MIN_BYTES: v })).toBe(8 * 1024 * 1024);
  });

  it("never for standard input or inputs of unknown size", () => {
    const env = { CCKPI_WORKER_MIN_BYTES: "0" };
    expect(useWorker({ name: "<stdin>", path: null, bytes: null }, env)).toBe(false);
    expect(useWorker({ name: "x.csv", path: "x.csv", bytes: null }, env)).toBe(false);
    expect(useWorker({ name: "x.csv", path: "x.csv", bytes: 1 << 30 }, { CCKPI_WORKER_MIN_BYTES: "off" })).toBe(false);
  });
});

describe("a worker's Channel", () => {
  it("keeps messages that come before a reader takes them, in order, and after a reader stops", () => {
    const worker = new EventEmitter();
    const channel = new Channel(worker as unknown as Worker);
    const msg = (n: number): WorkerMessage => ({ k: "error", code: "INPUT_UNREADABLE", message: String(n), hint: undefined });
    worker.emit("message", msg(1));
    worker.emit("message", msg(2));
    const seen: string[] = [];
    channel.consume((m) => seen.push(`a${(m as { message: string }).message}`));
    worker.emit("message", msg(3));
    channel.stop();
    worker.emit("message", msg(4));
    worker.emit("message", msg(5));
    // A reader that stops on the first message it takes leaves the rest waiting for the next one.
    channel.consume((m) => {
      seen.push(`b${(m as { message: string }).message}`);
      channel.stop();
    });
    channel.consume((m) => seen.push(`c${(m as { message: string }).message}`));
    expect(seen).toEqual(["a1", "a2", "a3", "b4", "c5"]);
  });
});
