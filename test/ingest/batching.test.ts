/**
 * Reading in batches (recorded, then replayed chunk by chunk) hands the sinks and
 * the tally exactly what reading directly does: every item in the same order,
 * with the sinks' answers landing in the same ledger, rejections and warnings at
 * their place, and the same error at the same point. Over every fixture file and
 * a file of bad rows, with sinks that answer "duplicate" and "out-of-range" too,
 * and with sinks that take the contacts packed.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AddResult } from "../../src/engine/builder.js";
import { readInputBatched } from "../../src/ingest/batching.js";
import { readInput, type ReadOptions, type ReadSinks } from "../../src/ingest/read.js";
import { Tally, type RejectRow } from "../../src/ingest/tally.js";
import type { Contact } from "../../src/model/contact.js";
import { TimeZone } from "../../src/model/time.js";
import { builtinSources } from "../../src/sources/index.js";
import { fixture } from "../helpers.js";

const fixtures = readdirSync(fixture())
  .filter((d) => statSync(fixture(d)).isDirectory())
  .flatMap((d) => readdirSync(fixture(d)).map((f) => fixture(d, f)));

interface Outcome {
  log: string[];
  tally: unknown;
  rejects: RejectRow[];
  error: string | null;
}

type Reader = typeof readInput;

/** Read `path` with sinks that log every call and answer by position (some duplicates, some out of range). */
async function run(read: Reader, path: string, o: { packed?: boolean; onError?: "fail" | "skip"; maxErrors?: number } = {}): Promise<Outcome> {
  const log: string[] = [];
  const rejects: RejectRow[] = [];
  const tally = new Tally(o.onError ?? "skip", o.maxErrors ?? null, (r) => rejects.push(r));
  let n = 0;
  const answer = (): AddResult => (++n % 7 === 0 ? "out-of-range" : n % 5 === 0 ? "duplicate" : "used");
  const contact = (c: Contact, checkDuplicate: boolean): AddResult => {
    log.push(`contact ${checkDuplicate} ${c.contactId} ${JSON.stringify(c)}`); // the id apart: a StintContact makes it when read
    return answer();
  };
  const sinks: ReadSinks = {
    contact,
    ...(o.packed ? { packed: (b, i, checkDuplicate) => contact(b.contact(i), checkDuplicate) } : {}),
    record: (r, rows) => (log.push(`record ${rows} ${JSON.stringify(r)}`), answer()),
    state: (s) => (log.push(`state ${JSON.stringify(s)}`), answer()),
    schedule: (s) => (log.push(`schedule ${JSON.stringify(s)}`), answer()),
  };
  const options: ReadOptions = {
    sources: builtinSources, format: null, delimiter: null, encoding: null, fallbackEncoding: "gb18030", zone: TimeZone.of("America/New_York"),
    agentAliases: null, dims: [], warn: (m) => log.push(`warn ${m}`), progress: (bytes) => log.push(`progress ${bytes}`),
  };
  let error: string | null = null;
  try {
    await read({ name: path, path, bytes: null }, options, tally, sinks);
  } catch (e) {
    error = (e as Error).message;
  }
  // A run that stops on an error prints no ledger; rows read are added per batch, so they are left out then.
  const { read: rowsRead, ...rest } = tally.toJSON();
  return { log, tally: error === null ? { read: rowsRead, ...rest } : rest, rejects, error };
}

describe("readInputBatched gives the sinks and the tally what readInput gives", () => {
  it.each(fixtures.map((f) => [f.slice(fixture().length + 1), f]))("%s", async (_name, path) => {
    const direct = await run(readInput, path);
    expect(await run(readInputBatched, path)).toEqual(direct);
    expect(await run(readInputBatched, path, { packed: true })).toEqual(direct);
  });

  describe("bad rows: rejections at their place, and the same error at the same point", () => {
    const dir = mkdtempSync(join(tmpdir(), "cckpi-batching-"));
    const path = join(dir, "bad.csv");
    const rows = ["contact_id,queue,arrived_at,outcome,wait_seconds,talk_seconds"];
    // 3,000 rows (several chunks' worth of text would need more: the point is the order within one).
    for (let i = 0; i < 3000; i++) {
      const bad = i % 97 === 13;
      rows.push(`c${i % 2900},q${i % 3},2026-03-02T09:${String(i % 60).padStart(2, "0")}:00-05:00,${i % 4 ? "answered" : "abandoned"},${bad ? "soon" : i % 40},${i % 4 ? 60 + (i % 300) : 0}`);
    }
    writeFileSync(path, `${rows.join("\n")}\n`);
    it.each([
      ["skip", {}],
      ["--max-errors 5", { maxErrors: 5 }],
      ["--on-error fail", { onError: "fail" as const }],
    ])("%s", async (_name, o) => {
      try {
        const direct = await run(readInput, path, o);
        expect(direct.rejects.length).toBeGreaterThan(0);
        expect(direct.error === null).toBe(o === undefined || !("maxErrors" in o || "onError" in o));
        expect(await run(readInputBatched, path, o)).toEqual(direct);
        expect(await run(readInputBatched, path, { ...o, packed: true })).toEqual(direct);
      } finally {
        if (_name === "--on-error fail") rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
