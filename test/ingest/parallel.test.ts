/**
 * When a file is read on a worker thread. (That the worker path gives the same
 * output, ledger and messages as one thread is checked on the built CLI in
 * test/cli/bin.test.ts: the worker runs dist/ code.)
 */
import { describe, expect, it } from "vitest";
import { useWorker } from "../../src/ingest/parallel.js";
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
