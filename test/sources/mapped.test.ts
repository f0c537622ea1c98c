import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mappingSchema, type Mapping } from "../../src/config/mapping.js";
import mapped from "../../src/sources/mapped.js";
import { cli, hasShared, parseCsv, ROOT, shared, sharedNote } from "../helpers.js";
import { balanced, runSource } from "./run-source.js";

const lines = (...l: string[]): string => `${l.join("\n")}\n`;
const mapping = (m: unknown): Mapping => mappingSchema.parse(m);
const run = (text: string, m: Mapping, zone = "UTC") => runSource(mapped, text, { mapping: m, zone });

const PWC_LIKE = mapping({
  columns: {
    contactId: "Call Id", agent: "Agent", queue: "Topic", arrivedAt: { date: "Date", time: "Time" },
    answered: "Answered (Y/N)", resolved: "Resolved", waitSeconds: "Speed", talkSeconds: "Talk", rating: "Rating",
  },
  formats: { date: "yyyy-MM-dd", time: "H:mm:ss", durations: { talkSeconds: "h:mm:ss" } },
});

describe("mapped source", () => {
  it("reads date and time columns, flags, h:mm:ss durations; unanswered rows keep their agent and an unknown wait", () => {
    const r = run(lines(
      "Call Id,Agent,Date,Time,Topic,Answered (Y/N),Resolved,Speed,Talk,Rating",
      "ID1,Diane,2021-01-01,9:12:58,Contract,Y,Y,109,0:02:23,3",
      "ID2,Joe,2021-01-01,11:15:22,Payment,N,N,,,",
    ), PWC_LIKE);
    expect(balanced(r.ledger)).toBe(true);
    expect(r.contacts).toHaveLength(2);
    expect(r.contacts[0]).toMatchObject({
      contactId: "ID1", agent: "Diane", queue: "Contract", outcome: "answered", waitSeconds: 109, talkSeconds: 143,
      rating: 3, resolved: true, arrivedMs: Date.UTC(2021, 0, 1, 9, 12, 58), answeredMs: Date.UTC(2021, 0, 1, 9, 14, 47),
      endedMs: Date.UTC(2021, 0, 1, 9, 17, 10),
    });
    expect(r.contacts[1]).toMatchObject({ agent: "Joe", outcome: "abandoned", resolved: false, rating: null, endedMs: null });
    expect(Number.isNaN(r.contacts[1]!.waitSeconds)).toBe(true);
  });

  it("ivrSeconds: a negative IVR time reads as 0 and is counted; unanswered rows keep their recorded talk", () => {
    const m = mapping({
      columns: { contactId: "id", arrivedAt: "at", outcome: "outcome", waitSeconds: "q", talkSeconds: "ser", ivrSeconds: "vru" },
      outcomes: { AGENT: "answered", HANG: "abandoned" },
    });
    const r = run(lines("id,at,outcome,q,ser,vru", "a,2026-03-02T09:00:00,AGENT,10,60,12", "b,2026-03-02T09:01:00,HANG,20,7,-5", "c,2026-03-02T09:02:00,HANG,30,,x"), m);
    expect(r.contacts.map((c) => [c.contactId, c.ivrSeconds, c.talkSeconds])).toEqual([["a", 12, 60], ["b", 0, 7]]);
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[4, "BAD_NUMBER"]]);
    expect(r.warnings).toEqual(["test-input: 1 row(s) have a negative IVR time (exit before entry), read as 0"]);
    expect(balanced(r.ledger)).toBe(true);
  });

  it("maps outcome words, empty values, a dateTime pattern read in the mapping's zone, mm:ss and minutes", () => {
    const m = mapping({
      timeZone: "Asia/Jerusalem",
      columns: { arrivedAt: "Start", outcome: "Result", waitSeconds: "Wait", talkSeconds: "Talk", acwSeconds: "Wrap", queue: { value: "bank" } },
      formats: { dateTime: "dd/MM/yyyy HH:mm", durations: { waitSeconds: "mm:ss", acwSeconds: "minutes" } },
      outcomes: { AGENT: "answered", HANG: "abandoned", PHANTOM: "not_joined" },
      emptyValues: ["0:00:00"],
    });
    const r = run(lines(
      "Start,Result,Wait,Talk,Wrap",
      "01/08/1999 10:00,AGENT,01:05,120,0.5",
      "01/08/1999 10:05,HANG,0:00:00,0,0",
      "01/08/1999 10:06,PHANTOM,,,",
      "31/02/1999 10:06,HANG,00:10,,",
      "01/08/1999 10:07,BUSY,00:10,,",
    ), m);
    expect(r.contacts.map((c) => [c.outcome, c.waitSeconds, c.talkSeconds, c.acwSeconds, c.queue])).toEqual([
      ["answered", 65, 120, 30, "bank"],
      ["abandoned", NaN, 0, 0, "bank"],
      ["not_joined", 0, 0, 0, "bank"],
    ]);
    // Israel was UTC+3 (summer time) on 1999-08-01.
    expect(r.contacts[0]!.arrivedMs).toBe(Date.UTC(1999, 7, 1, 7, 0));
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[5, "BAD_TIMESTAMP"], [6, "BAD_OUTCOME"]]);
    expect(balanced(r.ledger)).toBe(true);
  });

  it.each([
    ["an answered row without wait", "ID1,2021-01-01,9:00:00,Y,,", "MISSING_VALUE"],
    ["a flag word it does not know", "ID1,2021-01-01,9:00:00,maybe,10,", "BAD_FLAG"],
    ["a time that does not match the pattern", "ID1,2021-01-01,9h00,Y,10,", "BAD_TIMESTAMP"],
    ["a negative wait", "ID1,2021-01-01,9:00:00,Y,-3,", "BAD_NUMBER"],
    ["a ragged row", "ID1,2021-01-01,9:00:00,Y", "RAGGED_ROW"],
  ])("rejects %s with a code and the line", (_n, row, code) => {
    const m = mapping({ columns: { contactId: "Id", arrivedAt: { date: "D", time: "T" }, answered: "A", waitSeconds: "W", talkSeconds: "Talk" } });
    const r = run(lines("Id,D,T,A,W,Talk", row), m);
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[2, code]]);
  });

  it("rejects a local time in a DST gap, not guessing", () => {
    const m = mapping({ columns: { arrivedAt: { date: "D", time: "T" }, answered: "A", waitSeconds: "W" } });
    const r = run(lines("D,T,A,W", "2026-03-08,2:30:00,Y,5"), m, "America/New_York");
    expect(r.rejects.map((x) => x.code)).toEqual(["DST_GAP"]);
  });

  it("skips title lines above the header and totals rows, counting them", () => {
    const m = mapping({ columns: { agent: "Agent", arrivedAt: { date: "Date", time: "Time" }, answered: "Answered", waitSeconds: "Wait" } });
    const r = run(lines(
      "Daily ACD report",
      "Generated 2026-03-03 06:00,,,,",
      "Agent,Date,Time,Answered,Wait",
      "ann,2026-03-02,9:00:00,Y,12",
      "bob,2026-03-02,9:05:00,N,",
      "Total,,,1,12",
      "合计,,,1,12",
    ), m);
    expect(r.contacts.map((c) => c.agent)).toEqual(["ann", "bob"]);
    expect(r.filters.map((f) => [f.line, f.reason])).toEqual([
      [1, "title row above the header"], [2, "title row above the header"], [3, "header"], [6, "totals row"], [7, "totals row"],
    ]);
    expect(balanced(r.ledger)).toBe(true);
  });

  it("stops with MISSING_COLUMN when the file lacks a mapped column", () => {
    expect(() => run(lines("Id,D", "1,2021-01-01"), PWC_LIKE)).toThrow(expect.objectContaining({ code: "MISSING_COLUMN" }));
  });

  it("is detected only when a mapping is configured and the header has its columns", () => {
    const header = ["Call Id", "Agent", "Date", "Time", "Topic", "Answered (Y/N)", "Resolved", "Speed", "Talk", "Rating"];
    const sample = { name: "x", text: "", delimiter: ",", rows: [header] };
    expect(mapped.detect({ ...sample, mapping: PWC_LIKE })).toBeGreaterThan(0.9);
    expect(mapped.detect({ ...sample, mapping: null })).toBe(0);
    expect(mapped.detect({ ...sample, rows: [header.slice(0, 4)], mapping: PWC_LIKE })).toBe(0);
  });

  it("the shipped mappings are valid configs", () => {
    const cfg = JSON.parse(readFileSync(`${ROOT}/mappings/pwc-call-center.json`, "utf8")) as { mapping: unknown };
    expect(() => mappingSchema.parse(cfg.mapping)).not.toThrow();
  });
});

describe.skipIf(!hasShared)("conformance: the PwC call-centre dataset with mappings/pwc-call-center.json", () => {
  sharedNote();
  const FILE = shared("real", "pwc-call-center", "Call-Center-Dataset.csv");
  const CFG = `${ROOT}/mappings/pwc-call-center.json`;

  it("reproduces the published totals (PROVENANCE.md §2)", async () => {
    const r = await cli(["report", FILE, "--config", CFG, "--by", "period", "-f", "csv", "--metrics", "offered,answered,asa,avg-talk,csat,resolved,resolution-rate"]);
    expect(r.code, r.stderr).toBe(0);
    const [row] = parseCsv(r.stdout);
    expect(Number(row!.offered)).toBe(5000);
    expect(Number(row!.answered)).toBe(4054);
    expect(Number(row!.asa)).toBeCloseTo(273729 / 4054, 9); // 67.52 s, over answered only
    expect(Number(row!.avg_talk)).toBeCloseTo(224.92, 2);
    expect(Number(row!.csat)).toBeCloseTo(3.4036, 4);
    expect(Number(row!.resolved)).toBe(3646);
    expect(Number(row!.resolution_rate)).toBeCloseTo(0.7292, 4); // 72.9 % of all calls
    expect(r.stderr).toContain("rows read 5001 = used 5000 + rejected 0 + filtered 1 + duplicates 0");
  });

  it("reproduces the per-month and per-agent figures", async () => {
    const months = parseCsv((await cli(["report", FILE, "--config", CFG, "--by", "month", "--metrics", "offered", "-f", "csv", "-q"])).stdout);
    expect(months.map((m) => [m.month, m.offered])).toEqual([["2021-01", "1772"], ["2021-02", "1616"], ["2021-03", "1612"], ["Total", "5000"]]);
    const agents = parseCsv((await cli(["report", FILE, "--config", CFG, "--by", "agent", "--metrics", "offered,asa,csat,resolution-rate", "-f", "csv", "-q"])).stdout);
    const a = Object.fromEntries(agents.map((x) => [x.agent, x]));
    expect(a.Jim!.offered).toBe("666");
    expect(a.Stewart!.offered).toBe("582");
    expect(Number(a.Dan!.resolution_rate)).toBeCloseTo(0.744, 3);
    expect(Number(a.Diane!.resolution_rate)).toBeCloseTo(0.714, 3);
    expect(Number(a.Martha!.csat)).toBeCloseTo(3.47, 2);
    expect(Number(a.Joe!.csat)).toBeCloseTo(3.33, 2);
    expect(Number(a.Becky!.asa)).toBeCloseTo(65.3, 1);
    expect(Number(a.Joe!.asa)).toBeCloseTo(71.0, 1);
  });
});


describe.skipIf(!hasShared)("conformance: the other public datasets with the shipped mappings", () => {
  sharedNote();

  it("Anonymous Bank, August 1999: every day's total_calls, hangs and hang_rate from daily_metrics.csv", async () => {
    const cfg = `${ROOT}/mappings/anonymous-bank-technion.json`;
    const file = shared("real", "anonymous-bank-technion", "august_calls.csv");
    const r = await cli(["report", file, "--config", cfg, "--by", "day", "--metrics", "offered,not-joined,abandoned", "-f", "csv", "-q"]);
    expect(r.code, r.stderr).toBe(0);
    const ours = Object.fromEntries(parseCsv(r.stdout).map((x) => [x.day, x]));
    const published = parseCsv(readFileSync(shared("real", "anonymous-bank-technion", "daily_metrics.csv"), "utf8")).filter((x) => x.date!.startsWith("1999-08"));
    expect(published).toHaveLength(31);
    for (const p of published) {
      const o = ours[p.date!]!;
      // Their total_calls is every row, PHANTOM included: offered + not joined. hangs = HANG rows.
      const total = Number(o.offered) + Number(o.not_joined);
      expect([p.date, total, Number(o.abandoned)]).toEqual([p.date, Number(p.total_calls), Number(p.hangs)]);
      expect(Math.round((10000 * Number(o.abandoned)) / total) / 100).toBeCloseTo(Number(p.hang_rate), 2);
    }
    // The month: AGENT 31,402, HANG 10,366, PHANTOM 310 (PROVENANCE.md §1), 42,078 rows.
    const total = await cli(["report", file, "--config", cfg, "--by", "period", "--metrics", "answered,abandoned,not-joined", "-f", "csv"]);
    expect(parseCsv(total.stdout)[0]).toMatchObject({ answered: "31402", abandoned: "10366", not_joined: "310" });
    expect(total.stderr).toContain("rows read 42079 = used 42078 + rejected 0 + filtered 1 + duplicates 0");
  });

  it("Anonymous Bank, August 1999, with the shipped stats plugin: every figure of every day in daily_metrics.csv", async () => {
    const dir = shared("real", "anonymous-bank-technion");
    // Published column -> our metric column, and the scale (rates are fractions here, percents there).
    const pairs: [string, string, number][] = [
      ["total_calls", "all_rows", 1],
      ["avg_service_time", "avg_service_all", 1],
      ["median_service_time", "median_service_all", 1],
      ["std_service_time", "std_service_all", 1],
      ["avg_vru_time", "avg_vru_all", 1],
      ["median_vru_time", "median_vru_all", 1],
      ["avg_queue_time", "avg_queue_all", 1],
      ["median_queue_time", "median_queue_all", 1],
      ["hangs", "hangs", 1],
      ["hang_rate", "hang_rate_all", 100],
      ["efficiency_score", "efficiency_score", 100],
    ];
    const r = await cli([
      "report", `${dir}/august_calls.csv`, "--config", `${ROOT}/mappings/anonymous-bank-technion.json`, "--plugin", `${ROOT}/mappings/anonymous-bank-stats.js`,
      "--by", "day", "--metrics", pairs.map((p) => p[1].replace(/_/g, "-")).join(","), "-f", "csv",
    ]);
    expect(r.code, r.stderr).toBe(0);
    // 19 rows log the VRU exit before the entry: read as 0, as the publisher did, and said on stderr.
    expect(r.stderr).toContain("19 row(s) have a negative IVR time (exit before entry), read as 0");
    const ours = Object.fromEntries(parseCsv(r.stdout).map((x) => [x.day, x]));
    const published = parseCsv(readFileSync(`${dir}/daily_metrics.csv`, "utf8")).filter((x) => x.date!.startsWith("1999-08"));
    expect(published).toHaveLength(31);
    const r2 = (x: number): number => Math.round(x * 100) / 100;
    for (const p of published) {
      const o = ours[p.date!]!;
      // Published figures are rounded to 2 dp; ours, rounded the same way, must be equal.
      expect(pairs.map(([a, b, k]) => [a, r2(Number(o[b]) * k)])).toEqual(pairs.map(([a]) => [a, Number(p[a])]));
    }
  });

  it("restaurant booking calls: 25,100 calls, 369 unanswered, mean wait 22.98 s (PROVENANCE.md §10)", async () => {
    const r = await cli(["report", shared("real", "restaurant-booking-callcenter", "Call Center Data.csv"), "--config", `${ROOT}/mappings/restaurant-booking-callcenter.json`, "--by", "period", "--metrics", "offered,answered,abandoned,asa", "-f", "csv"]);
    expect(r.code, r.stderr).toBe(0);
    const [row] = parseCsv(r.stdout);
    expect(row).toMatchObject({ offered: "25100", answered: "24731", abandoned: "369" });
    expect(Number(row!.asa)).toBeCloseTo(22.98, 2);
    expect(r.stderr).toContain("rows read 25101 = used 25100 + rejected 0 + filtered 1 + duplicates 0");
    // Rows are not in time order: the run says so.
    expect(r.stderr).toContain("out of time order");
  });

  it("the shipped mappings are valid configs", () => {
    for (const f of ["anonymous-bank-technion", "restaurant-booking-callcenter"]) {
      const cfg = JSON.parse(readFileSync(`${ROOT}/mappings/${f}.json`, "utf8")) as { mapping: unknown };
      expect(() => mappingSchema.parse(cfg.mapping)).not.toThrow();
    }
  });
});
