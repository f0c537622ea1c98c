import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { intervalMappingSchema } from "../../src/config/interval-mapping.js";
import mappedIntervals from "../../src/sources/mapped-intervals.js";
import { cli, fixture, hasShared, parseCsv, ROOT, shared, sharedNote } from "../helpers.js";
import { balanced, detect, runSource } from "./run-source.js";

const DAILY = fixture("mapped-intervals", "daily.csv");
const DAILY_MAPPING = {
  start: "Date",
  queue: "Queue",
  facts: {
    offered: "Offered",
    answered: "Answered",
    handled: "Answered",
    wait_answered_s: { average: "ASA", count: "Answered" },
    talk_s: { average: "Avg Talk", count: "Answered" },
  },
};

describe("mapped-intervals source", () => {
  const m = intervalMappingSchema.parse(DAILY_MAPPING);

  it("reads day rows into interval records: counts, and averages times their counts", () => {
    const r = runSource(mappedIntervals, readFileSync(DAILY, "utf8"), { intervalMapping: m, zone: "America/New_York" });
    const contact = r.records.filter((x) => x.record.level === "contact");
    expect(contact.map((x) => [x.line, x.record.queue, x.record.startMs, x.record.minutes, x.record.facts])).toEqual([
      [4, "sales", Date.UTC(2026, 2, 2, 5), 1440, { offered: 120, answered: 110, handled: 110, wait_answered_s: 15 * 110, talk_s: 180 * 110 }],
      [5, "support", Date.UTC(2026, 2, 2, 5), 1440, { offered: 80, answered: 60, handled: 60, wait_answered_s: 60 * 60, talk_s: 300 * 60 }],
      [6, "sales", Date.UTC(2026, 2, 3, 5), 1440, { offered: 100, answered: 100, handled: 100, wait_answered_s: 6 * 100, talk_s: 150 * 100 }],
      // 2026-03-08 (spring forward) starts at local midnight EST; plain seconds are read as seconds.
      [8, "sales", Date.UTC(2026, 2, 8, 5), 1440, { offered: 50, answered: 40, handled: 40, wait_answered_s: 20 * 40, talk_s: 150 * 40 }],
    ]);
    // The same record at the call level, using no row of its own.
    expect(r.records.filter((x) => x.record.level === "call")).toHaveLength(4);
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[7, "BAD_NUMBER"]]);
    expect(r.filters.map((f) => [f.line, f.reason])).toEqual([
      [1, "title row above the header"],
      [2, "title row above the header"],
      [3, "header"],
      [9, "blank row"],
      [10, "totals row"],
    ]);
    expect(r.ledger).toMatchObject({ read: 10, used: 4, rejected: 1, filtered: 5 });
    expect(balanced(r.ledger)).toBe(true);
  });

  it("an index with a stated first date, for exports with no dates", () => {
    const mi = intervalMappingSchema.parse({ start: { index: "Index", first: "2026-10-24" }, facts: { offered: "Calls" } });
    const r = runSource(mappedIntervals, "Index;Calls\n1;10\n2;12\n3;9\n", { intervalMapping: mi, zone: "Europe/London" });
    // 2026-10-25 is the fall-back day in London: 25 h, from 00:00 BST (23:00Z on the 24th).
    expect(r.records.filter((x) => x.record.level === "contact").map((x) => x.record.startMs)).toEqual([
      Date.UTC(2026, 9, 23, 23),
      Date.UTC(2026, 9, 24, 23),
      Date.UTC(2026, 9, 26, 0),
    ]);
  });

  it("is detected only with a mapping whose columns the header has", () => {
    const text = readFileSync(DAILY, "utf8");
    expect(detect(text).map((d) => d.id)).not.toContain("mapped-intervals");
    expect(mappedIntervals.detect({ name: "x", text, delimiter: ";", rows: text.split("\n").map((l) => l.split(";")), intervalMapping: m })).toBe(0.97);
  });
});

describe("cckpi report over a mapped daily report", () => {
  it("per queue and in total: ratios of the summed facts; a rate with no fact stops with MISSING_FACT", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cckpi-mi-"));
    try {
      const cfg = join(dir, "cckpi.config.json");
      writeFileSync(cfg, JSON.stringify({ intervalMapping: DAILY_MAPPING }));
      const r = await cli(["report", DAILY, "--config", cfg, "--tz", "America/New_York", "--by", "queue", "--metrics", "offered,answered,asa,avg-talk", "-f", "csv"]);
      expect(r.code, r.stderr).toBe(0);
      // sales: wait (1650 + 600 + 800) / 250 = 12.2, talk (19800 + 15000 + 6000) / 250 = 163.2
      // support: 3600 / 60 = 60, 18000 / 60 = 300; Total: 6650 / 310, 58800 / 310
      const rows = parseCsv(r.stdout);
      expect(rows.slice(0, 2)).toEqual([
        { queue: "sales", offered: "270", answered: "250", asa: "12.2", avg_talk: "163.2" },
        { queue: "support", offered: "80", answered: "60", asa: "60", avg_talk: "300" },
      ]);
      expect(Number(rows[2]!.asa)).toBeCloseTo(6650 / 310, 12);
      expect(Number(rows[2]!.avg_talk)).toBeCloseTo(58800 / 310, 12);
      expect(r.stderr).toContain("rows read 10 = used 4 + rejected 1 + filtered 5 + duplicates 0");
      // No contacts, no calls: the table carries no note about counting calls once.
      const table = await cli(["report", DAILY, "--config", cfg, "--tz", "America/New_York", "--by", "queue", "--metrics", "offered,asa", "-f", "table"]);
      expect(table.stdout).toContain("│ sales ");
      expect(table.stdout).not.toContain("each call once");
      const sl = await cli(["report", DAILY, "--config", cfg, "--tz", "America/New_York", "--metrics", "service-level", "-f", "csv"]);
      expect(sl.code).toBe(1);
      expect(sl.stderr).toContain("[MISSING_FACT]");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasShared)("conformance: the Kaggle daily aggregates (no dates) with the shipped mapping", () => {
  sharedNote();

  it("every row read; per day, offered = answered + abandoned and the answer rate is the file's", async () => {
    const file = shared("real", "kaggle-callcenter-daily", "Call Center Data.csv");
    const r = await cli(["report", file, "--config", `${ROOT}/mappings/kaggle-callcenter-daily.json`, "--tz", "UTC", "--by", "day", "--metrics", "offered,answered,abandoned,answer-rate,asa", "-f", "csv"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("rows read 1252 = used 1251 + rejected 0 + filtered 1 + duplicates 0");
    const ours = parseCsv(r.stdout).filter((x) => x.day !== "Total");
    const lines = readFileSync(file, "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(";"));
    expect(ours).toHaveLength(lines.length);
    ours.forEach((o, i) => {
      const f = lines[i]!;
      // Index i + 1 is day i of the mapping's stated first date, in order.
      expect([f[0], Number(o.offered), Number(o.answered), Number(o.abandoned)]).toEqual([String(i + 1), Number(f[1]), Number(f[2]), Number(f[4])]);
      expect(Number(o.offered)).toBe(Number(o.answered) + Number(o.abandoned));
      expect((Math.round(Number(o.answer_rate) * 10000) / 100).toFixed(2)).toBe(f[3]!.replace("%", ""));
      // ASA back from the sum of waits: the file's H:MM:SS average.
      const [h, mi, s] = f[5]!.split(":").map(Number) as [number, number, number];
      expect(Number(o.asa)).toBeCloseTo(h * 3600 + mi * 60 + s, 9);
    });
  });
});
