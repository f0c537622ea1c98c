/**
 * Configuration precedence (CLI.md): flags > environment (CCKPI_TZ,
 * CCKPI_INTERVAL_MINUTES, CCKPI_CONFIG) > `--config FILE` > defaults, plus
 * per-queue metric options, report defaults and agent aliases. Settings are
 * read back from JSON output; effects are checked on the bundled queue_log.
 * (`./cckpi.config.json` in the current folder is tested in bin.test.ts: a
 * worker thread cannot chdir.)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, fixture, parseCsv } from "../helpers.js";

const QL = fixture("asterisk", "queue_log");
const dir = mkdtempSync(join(tmpdir(), "cckpi-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(name: string, value: unknown): string {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(value, null, 2));
  return f;
}

const TOKYO = config("tokyo.json", { timeZone: "Asia/Tokyo", intervalMinutes: 15, attribution: "end" });
const PARIS = config("paris.json", { timeZone: "Europe/Paris", intervalMinutes: 10 });

interface Settings {
  timeZone: string;
  intervalMinutes: number;
  attribution: string;
  by: string[];
  metrics: { id: string; options: Record<string, unknown> }[];
}

async function settings(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Settings> {
  const r = await cli(["report", QL, "-f", "json", ...args], env);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { settings: Settings }).settings;
}

describe("precedence: flags > env > config file > defaults", () => {
  it("defaults: 30-minute intervals, arrival attribution, by day and queue, the six default metrics", async () => {
    const s = await settings(["--tz", "UTC"]);
    expect(s).toMatchObject({ timeZone: "UTC", intervalMinutes: 30, attribution: "arrival", by: ["day", "queue"] });
    expect(s.metrics.map((m) => m.id)).toEqual(["offered", "answered", "abandon-rate", "service-level", "asa", "aht"]);
    expect(s.metrics.find((m) => m.id === "service-level")!.options).toEqual({ thresholdSeconds: 20, formula: "answered-within/offered-minus-short", shortAbandonSeconds: 5 });
  });

  it("--config FILE beats the defaults", async () => {
    expect(await settings(["--config", TOKYO])).toMatchObject({ timeZone: "Asia/Tokyo", intervalMinutes: 15, attribution: "end" });
  });

  it("CCKPI_CONFIG names the file when --config is absent; --config beats it", async () => {
    expect(await settings([], { CCKPI_CONFIG: TOKYO })).toMatchObject({ timeZone: "Asia/Tokyo", intervalMinutes: 15 });
    expect(await settings(["--config", PARIS], { CCKPI_CONFIG: TOKYO })).toMatchObject({ timeZone: "Europe/Paris", intervalMinutes: 10 });
  });

  it("CCKPI_TZ beats the config file; --tz beats CCKPI_TZ", async () => {
    expect(await settings(["--config", TOKYO], { CCKPI_TZ: "Europe/London" })).toMatchObject({ timeZone: "Europe/London", intervalMinutes: 15 });
    expect(await settings(["--config", TOKYO, "--tz", "America/New_York"], { CCKPI_TZ: "Europe/London" })).toMatchObject({ timeZone: "America/New_York" });
  });

  it("CCKPI_INTERVAL_MINUTES beats the config file; --interval beats it", async () => {
    expect(await settings(["--config", TOKYO], { CCKPI_INTERVAL_MINUTES: "60" })).toMatchObject({ intervalMinutes: 60, timeZone: "Asia/Tokyo" });
    expect(await settings(["--config", TOKYO, "--interval", "5"], { CCKPI_INTERVAL_MINUTES: "60" })).toMatchObject({ intervalMinutes: 5 });
  });

  it("--attribution beats the config file", async () => {
    expect(await settings(["--config", TOKYO, "--attribution", "arrival"])).toMatchObject({ attribution: "arrival" });
  });

  it("an empty variable counts as unset (CCKPI_TZ= does not hide the config's zone)", async () => {
    expect(await settings(["--config", TOKYO], { CCKPI_TZ: "", CCKPI_INTERVAL_MINUTES: "" })).toMatchObject({ timeZone: "Asia/Tokyo", intervalMinutes: 15 });
    expect(await settings(["--tz", "UTC"], { CCKPI_CONFIG: "" })).toMatchObject({ timeZone: "UTC", intervalMinutes: 30 });
  });

  it("the settings change the figures, not only the echo: the zone and interval size of the rows", async () => {
    const tokyo = await cli(["report", QL, "--by", "interval", "--metrics", "offered"], { CCKPI_CONFIG: TOKYO, CCKPI_INTERVAL_MINUTES: "60" });
    expect(tokyo.code).toBe(0);
    // 09:00-10:30 New York (UTC-5) is 23:00-00:30 in Tokyo, across midnight.
    expect(tokyo.stdout).toBe("interval_start,offered\n2026-03-02T23:00:00+09:00,9\n2026-03-03T00:00:00+09:00,2\nTotal,11\n");
    const ny = await cli(["report", QL, "--by", "interval", "--metrics", "offered", "--tz", "America/New_York", "--interval", "60"], { CCKPI_CONFIG: TOKYO });
    expect(ny.stdout).toBe("interval_start,offered\n2026-03-02T09:00:00-05:00,9\n2026-03-02T10:00:00-05:00,2\nTotal,11\n");
    const days = await cli(["report", QL, "--by", "day", "--metrics", "offered"], { CCKPI_CONFIG: TOKYO });
    expect(parseCsv(days.stdout).map((r) => r.day)).toEqual(["2026-03-02", "2026-03-03", "Total"]);
  });
});

describe("metric options in the config", () => {
  const TZ = ["--tz", "America/New_York"];
  const SL = ["--by", "queue", "--metrics", "service-level"];

  it("metrics.<id> changes the option everywhere", async () => {
    const f = config("sl30.json", { metrics: { "service-level": { thresholdSeconds: 30 } } });
    const r = await cli(["report", QL, ...TZ, ...SL, "--config", f]);
    // sales answered waits 12, 25, 8, 45, 10: 4 within 30 s of 7 - 1 short; support 20, 15, 5: 3 / 5;
    // calls: 12, 25, 20, 23 (8 + 15), 45, 5, 10: 6 within 30 s of 11 - 1
    expect(r.stdout).toBe("queue,service_level\nsales,0.666666666666667\nsupport,0.6\nTotal,0.6\n");
  });

  it("queues.sales.metrics.service-level.thresholdSeconds changes sales only", async () => {
    const f = config("sales30.json", { queues: { sales: { metrics: { "service-level": { thresholdSeconds: 30 } } } } });
    const r = await cli(["report", QL, ...TZ, ...SL, "--config", f]);
    expect(r.code, r.stderr).toBe(0);
    // sales now 4/6; support unchanged at 3/5 (20 s); the total judges each call by the
    // options of its last queue: the sales calls gain the 25 s one, the transferred
    // call (23 s, ending in support, 20 s) stays out: 5 / 10.
    expect(r.stdout).toBe("queue,service_level\nsales,0.666666666666667\nsupport,0.6\nTotal,0.5\n");
    const plain = await cli(["report", QL, ...TZ, ...SL]);
    expect(plain.stdout).toBe("queue,service_level\nsales,0.5\nsupport,0.6\nTotal,0.4\n");
  });

  it("rows not by queue still judge each queue by its own options", async () => {
    // By day the row reads calls, each judged by its last queue's options, as the Total above: 5 / 10.
    const f = config("sales30-day.json", { queues: { sales: { metrics: { "service-level": { thresholdSeconds: 30 } } } } });
    const r = await cli(["report", QL, ...TZ, "--metrics", "service-level", "--by", "day", "--config", f]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("day,service_level\n2026-03-02,0.5\n");
    const plain = await cli(["report", QL, ...TZ, "--metrics", "service-level", "--by", "day"]);
    expect(plain.stdout).toBe("day,service_level\n2026-03-02,0.4\n");
  });

  it("a per-queue override keeps the other options of metrics.<id>", async () => {
    const f = config("merge.json", {
      metrics: { "service-level": { formula: "answered-within/answered" } },
      queues: { sales: { metrics: { "service-level": { thresholdSeconds: 30 } } } },
    });
    const r = await cli(["report", QL, ...TZ, ...SL, "--config", f]);
    // sales: 4 within 30 s / 5 answered; support: 3 within 20 s / 3 answered
    expect(r.stdout).toBe("queue,service_level\nsales,0.8\nsupport,1\nTotal,0.714285714285714\n");
  });
});

describe("report defaults and agents in the config", () => {
  const TZ = ["--tz", "America/New_York"];

  it("report.metrics and report.by are the defaults; flags beat them", async () => {
    const f = config("report.json", { report: { metrics: ["offered", "max-wait"], by: ["queue"] } });
    const r = await cli(["report", QL, ...TZ, "--config", f]);
    expect(r.code, r.stderr).toBe(0);
    // longest waits: sales 45 (answered) vs 40 (abandoned); support 300 (timeout)
    expect(r.stdout).toBe("queue,offered,max_wait\nsales,7,45\nsupport,5,300\nTotal,11,300\n");
    const flags = await cli(["report", QL, ...TZ, "--config", f, "--metrics", "answered", "--by", "day"]);
    // one row: no Total row repeating it
    expect(flags.stdout).toBe("day,answered\n2026-03-02,7\n");
  });

  it("agents.aliases renames normalized agent ids (PJSIP/1001 -> 1001 -> alice)", async () => {
    const f = config("aliases.json", { agents: { aliases: { "1001": "alice", "1002": "bob" } } });
    const r = await cli(["report", QL, ...TZ, "--config", f, "--by", "agent", "--metrics", "answered"]);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(r.stdout).filter((x) => x.agent !== "(none)");
    expect(rows).toEqual([
      { agent: "1003", answered: "2" },
      { agent: "alice", answered: "5" },
      { agent: "bob", answered: "1" },
      { agent: "Total", answered: "7" },
    ]);
  });

  it("fallbackEncoding decides how non-UTF-8 bytes are read", async () => {
    const csv = join(dir, "latin.csv");
    writeFileSync(csv, Buffer.concat([
      Buffer.from("queue,arrived_at,outcome,wait_seconds,talk_seconds\n"),
      Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
      Buffer.from(",2026-03-02T09:01:00,answered,30,30\n"),
    ]));
    const f = config("latin.json", { fallbackEncoding: "windows-1252" });
    const r = await cli(["report", csv, ...TZ, "--config", f, "--by", "queue", "--metrics", "offered"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("queue,offered\nÖÐÎÄ,1\nTotal,1\n");
    expect(r.stderr).toContain("windows-1252");
  });
});
