/**
 * Format detection: every source scores a sample (first 64 KiB, sniffed
 * delimiter, first rows) and the best score above 0 wins. Each dialect must put
 * the right source first; text that no source knows is FORMAT_NOT_DETECTED (exit 1).
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CckpiError } from "../../src/errors.js";
import { cli, fixture, hasShared, shared, sharedNote } from "../helpers.js";
import { detect, lines, readText, tempDir } from "./run-source.js";

const first = (text: string): string | undefined => detect(text)[0]?.id;

describe("detection ranks the right source", () => {
  it("queue_log text, even after blank lines", () => {
    const text = lines("", "1772460000|1772460000.1|sales|NONE|ENTERQUEUE||+12125550101|1", "1772460012|1772460000.1|sales|PJSIP/1001|CONNECT|12|x|3");
    expect(detect(text)).toEqual([{ id: "asterisk-queue-log", score: 0.95 }]);
    expect(first(readFileSync(fixture("asterisk", "queue_log"), "utf8"))).toBe("asterisk-queue-log");
  });

  it("queue_log realtime table CSV, with or without an id column", () => {
    expect(first(lines("time,callid,queuename,agent,event,data1,data2,data3,data4,data5", "1772460000,c1,sales,NONE,ENTERQUEUE,,+1,1,,"))).toBe("asterisk-queue-log");
    expect(first(lines("id,time,callid,queuename,agent,event,data1,data2,data3,data4,data5", "1,2026-03-02 09:00:00,c1,sales,NONE,ENTERQUEUE,,+1,1,,"))).toBe("asterisk-queue-log");
  });

  it("PBXware's queue_log table", () => {
    const text = lines(
      "uid,date_time,callid,queue_name,type,event,param1,param2,param3,entpos,expos,htime,ttime,time",
      '1,1543527289,NONE,NONE,NONE,QUEUESTART,,,,0,0,0,0,"2018-11-29 16:34:49"',
    );
    expect(detect(text)).toEqual([{ id: "asterisk-queue-log", score: 0.9 }]);
  });

  it("cckpi contacts CSV: the required columns are enough; more known columns score higher", () => {
    const minimal = detect(lines("queue,arrived_at,outcome", "sales,2026-03-02 09:00:00,answered"));
    const fuller = detect(lines("contact_id,queue,agent,arrived_at,outcome,wait_seconds", "a,sales,1001,2026-03-02 09:00:00,answered,10"));
    expect(minimal.map((x) => x.id)).toEqual(["cckpi-contacts"]);
    expect(fuller.map((x) => x.id)).toEqual(["cckpi-contacts"]);
    // 0.9 + 0.005 per known column: 3 vs 6
    expect(minimal[0]!.score).toBeCloseTo(0.915, 10);
    expect(fuller[0]!.score).toBeCloseTo(0.93, 10);
    expect(first(lines("Queue;Arrived_At;Outcome", "sales;2026-03-02 09:00:00;answered"))).toBe("cckpi-contacts");
  });

  it("cckpi interval records", () => {
    expect(detect(lines("level,interval_start,interval_minutes,queue,agent,offered", "contact,2026-03-02T09:00:00-05:00,30,sales,,3"))).toEqual([
      { id: "cckpi-intervals", score: 0.99 },
    ]);
  });

  it("nothing for text no source knows", () => {
    expect(detect(lines("hello world", "this is not an export"))).toEqual([]);
    expect(detect(lines("date,calls,agents", "2026-03-02,100,5"))).toEqual([]);
    // A pipe line whose first field is no epoch is not queue_log.
    expect(detect(lines("abc|c1|sales|NONE|ENTERQUEUE||+1|1"))).toEqual([]);
  });
});

describe("unknown text", () => {
  it("readInput throws FORMAT_NOT_DETECTED", async () => {
    const err = await readText(lines("hello world", "this is not an export")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CckpiError);
    expect((err as CckpiError).code).toBe("FORMAT_NOT_DETECTED");
    expect((err as CckpiError).exitCode).toBe(1);
  });

  it("the CLI exits 1 with FORMAT_NOT_DETECTED and names the formats", async () => {
    const dir = tempDir();
    try {
      const f = join(dir, "mystery.txt");
      writeFileSync(f, lines("hello world", "this is not an export"));
      const r = await cli(["report", f, "--tz", "UTC"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("[FORMAT_NOT_DETECTED]");
      expect(r.stderr).toContain("hello world");
      for (const id of ["asterisk-queue-log", "cckpi-contacts", "cckpi-intervals"]) expect(r.stderr).toContain(id);
      expect(r.stdout).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an empty file is a warning, not an error", async () => {
    const o = await readText("");
    expect(o.warnings.some((w) => w.includes("empty input"))).toBe(true);
    expect(o.tally.read).toBe(0);
  });
});

describe.skipIf(!hasShared)("real samples are detected (../shared/data/real)", () => {
  sharedNote();
  it.each([
    ["asterisk-queue_log-small", "queue_log"],
    ["asterisk-queue_log-small", "asterisk-issue-759_queue_log_excerpt.txt"],
    ["pbxware-voipreports1", "queue_log.csv"],
  ])("%s/%s is asterisk-queue-log", (folder, file) => {
    expect(first(readFileSync(shared("real", folder, file), "utf8"))).toBe("asterisk-queue-log");
  });
});
