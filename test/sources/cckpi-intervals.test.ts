/**
 * cckpi-intervals: interval records read back. The round trip must be exact:
 * `cckpi report` on what `cckpi intervals` wrote gives the same table as on the
 * raw export; a fact the file lacks stops the report with MISSING_FACT.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import intervalsSource from "../../src/sources/cckpi-intervals.js";
import { cli, fixture } from "../helpers.js";
import { lines, readText, runSource, tempDir } from "./run-source.js";

const S = 1000;
const T0 = 1772460000 * S; // 2026-03-02T09:00:00-05:00
const NY = "America/New_York";
const HEADER = "level,interval_start,interval_minutes,queue,agent,dim_channel,offered,answered,wait_answered_s";

describe("cckpi-intervals source", () => {
  it("reads records, filters repeated headers, rejects bad rows at their lines", () => {
    const r = runSource(intervalsSource, lines(
      HEADER,
      "contact,2026-03-02T09:00:00-05:00,30,sales,1001,phone,3,2,25",
      "call,2026-03-02T09:30:00-05:00,30,,,phone,1,1,8",
      HEADER, //                                                          4: concatenated files
      "agent,2026-03-02T09:00:00-05:00,30,sales,,phone,1,1,1", //         5: no such level
      "contact,2026-03-02T09:00:00-05:00,0,sales,,phone,1,1,1", //        6: 0 minutes
      "contact,2026-03-02T09:00:00-05:00,30,sales,,phone,x,1,1", //       7: fact not a number
      "contact,2026-03-02T09:00:00-05:00,30,sales", //                    8: short
      "contact,yesterday,30,sales,,phone,1,1,1", //                       9
      "contact,2026-03-02T10:00:00-05:00,30,support,,phone,,,", //       10: blank facts are 0
    ), { zone: NY });
    expect(r.records).toEqual([
      { line: 2, record: { level: "contact", startMs: T0, minutes: 30, queue: "sales", agent: "1001", dims: { channel: "phone" }, facts: { offered: 3, answered: 2, wait_answered_s: 25 } } },
      { line: 3, record: { level: "call", startMs: T0 + 1800 * S, minutes: 30, queue: "", agent: "", dims: { channel: "phone" }, facts: { offered: 1, answered: 1, wait_answered_s: 8 } } },
      { line: 10, record: { level: "contact", startMs: T0 + 3600 * S, minutes: 30, queue: "support", agent: "", dims: { channel: "phone" }, facts: { offered: 0, answered: 0, wait_answered_s: 0 } } },
    ]);
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([
      [5, "BAD_VALUE"],
      [6, "BAD_NUMBER"],
      [7, "BAD_NUMBER"],
      [8, "RAGGED_ROW"],
      [9, "BAD_TIMESTAMP"],
    ]);
    expect(r.filters).toEqual([
      { line: 1, reason: "header", rows: 1 },
      { line: 4, reason: "repeated header", rows: 1 },
    ]);
    expect(r.ledger).toEqual({ read: 10, used: 3, rejected: 5, filtered: 2, duplicates: 0 });
  });

  it("filters a repeated header behind a BOM (concatenated --excel files) and whitespace-only lines", () => {
    const r = runSource(intervalsSource, [HEADER, "contact,2026-03-02T09:00:00-05:00,30,sales,,phone,1,1,5", "  ", `\uFEFF${HEADER}`, "contact,2026-03-03T09:00:00-05:00,30,sales,,phone,2,2,9", ""].join("\r\n"), { zone: NY });
    expect(r.records.map((x) => [x.line, x.record.startMs, x.record.facts.offered])).toEqual([[2, T0, 1], [5, T0 + 86_400 * S, 2]]);
    expect(r.filters.map((f) => [f.line, f.reason])).toEqual([[1, "header"], [3, "blank line"], [4, "repeated header"]]);
    expect(r.ledger).toEqual({ read: 5, used: 2, rejected: 0, filtered: 3, duplicates: 0 });
  });

  it("a header without the fixed columns is MISSING_COLUMN", () => {
    expect(() => runSource(intervalsSource, lines("level,interval_start,queue,agent,offered", "contact,2026-03-02T09:00:00Z,sales,,1"))).toThrow(
      expect.objectContaining({ code: "MISSING_COLUMN", message: expect.stringContaining("interval_minutes") }),
    );
  });

  it("is detected through readInput", async () => {
    const o = await readText(lines(HEADER, "contact,2026-03-02T09:00:00-05:00,30,sales,1001,phone,3,2,25"), { zone: NY, name: "iv.csv" });
    expect(o.result.source.id).toBe("cckpi-intervals");
    expect(o.records).toHaveLength(1);
    expect(o.tally.toJSON()).toMatchObject({ read: 2, used: 1, filtered: 1, rejected: 0, duplicates: 0 });
  });
});

describe("round trip through `cckpi intervals`", () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Two days, two queues, a transfer (one call id in two queues), waits on both sides of 20 s,
  // a not-joined contact, and a call just before local midnight.
  const contactsCsv = join(dir, "contacts.csv");
  writeFileSync(contactsCsv, lines(
    "contact_id,call_id,queue,agent,customer,arrived_at,answered_at,ended_at,outcome,wait_seconds,talk_seconds,hold_seconds,acw_seconds,transferred",
    "c1,call1,sales,1001,+12125550101,2026-03-02T09:00:00,,,answered,12,300,20,30,1",
    "c2,call1,support,1002,+12125550101,2026-03-02T09:05:32,,,answered,25,120,0,10,0",
    "c3,c3,sales,,+12125550102,2026-03-02T09:14:00,,,abandoned,4,,,,",
    "c4,c4,sales,,+12125550103,2026-03-02T09:31:00,,,abandoned,45,,,,",
    "c5,c5,support,1002,+12125550104,2026-03-02T23:59:50,,,answered,20,60,,,",
    "c6,c6,support,,+12125550105,2026-03-03T08:00:00,,,timeout,300,,,,",
    "c7,c7,sales,1001,+12125550106,2026-03-03T08:10:00,,,answered,21,200,,,",
    "c8,c8,sales,,,2026-03-03T08:20:00,,,not_joined,,,,,",
  ));

  async function roundTrip(input: string, name: string, metrics: string[] = []): Promise<void> {
    const tmp = join(dir, `${name}.intervals.csv`);
    const direct = await cli(["report", input, "--tz", NY, "--by", "day,queue", ...metrics, "-f", "csv"]);
    expect(direct.code, direct.stderr).toBe(0);
    const w = await cli(["intervals", input, "--tz", NY, ...metrics, "-o", tmp]);
    expect(w.code, w.stderr).toBe(0);
    expect(readFileSync(tmp, "utf8").split("\n")[0]).toMatch(/^level,interval_start,interval_minutes,queue,agent,/);
    const back = await cli(["report", tmp, "--tz", NY, "--by", "day,queue", ...metrics, "-f", "csv"]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toBe(direct.stdout);
    expect(direct.stdout.trim().split("\n").length).toBeGreaterThan(2);
  }

  it("the bundled queue_log gives the same report from its interval records", async () => {
    await roundTrip(fixture("asterisk", "queue_log"), "queue_log");
  });

  it("a contacts CSV gives the same report from its interval records", async () => {
    await roundTrip(contactsCsv, "contacts");
  });

  it("percentiles come back the same: distributions are written as value:count pairs", async () => {
    const metrics = ["--metrics", "offered,wait-percentile,handle-percentile"];
    await roundTrip(contactsCsv, "percentiles", metrics);
    const tmp = join(dir, "percentiles.intervals.csv");
    const text = readFileSync(tmp, "utf8");
    expect(text.split("\n")[0]).toContain("wait_answered_hist");
    // c1 and c2 are answered in the 09:00 interval of sales / support: waits 12 and 25.
    expect(text).toMatch(/contact,2026-03-02T09:00:00-05:00,30,sales,1001,\d+,12:1,/);
  });

  it("a fact the interval file lacks stops the report with MISSING_FACT (exit 1)", async () => {
    const tmp = join(dir, "sl20.intervals.csv");
    const w = await cli(["intervals", contactsCsv, "--tz", NY, "-o", tmp]); // service level at the default 20 s
    expect(w.code, w.stderr).toBe(0);
    const config = join(dir, "sl30.json");
    writeFileSync(config, JSON.stringify({ metrics: { "service-level": { thresholdSeconds: 30 } } }));
    const r = await cli(["report", tmp, "--tz", NY, "--config", config, "--metrics", "service-level", "-f", "csv"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("[MISSING_FACT]");
    expect(r.stdout).toBe("");
    // Same config on the raw contacts works.
    const raw = await cli(["report", contactsCsv, "--tz", NY, "--config", config, "--metrics", "service-level", "-f", "csv"]);
    expect(raw.code, raw.stderr).toBe(0);
  });
});
