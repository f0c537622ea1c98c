/**
 * The built binary as users and cron jobs run it: `node bin/cckpi.js`, a real
 * process with real pipes. Builds dist/ first (tsc, the same as `npm run build`).
 * Covers what the in-process tests cannot: exit codes through process.exitCode,
 * a pipe closed early (`| head -1`), SIGINT, `./cckpi.config.json` in the
 * current folder, and start-up time.
 */
import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, ROOT } from "../helpers.js";

const BIN = join(ROOT, "bin", "cckpi.js");
const QL = fixture("asterisk", "queue_log");
const TZ = ["--tz", "America/New_York"];
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const dir = mkdtempSync(join(tmpdir(), "cckpi-bin-"));

/** The environment of a plain terminal-less run: no colour forcing from the test runner's own env. */
const ENV: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith("CCKPI_") && k !== "FORCE_COLOR" && k !== "NO_COLOR"),
);

function cckpi(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: { ...ENV, ...opts.env }, encoding: "utf8", timeout: 30_000 });
}

beforeAll(() => {
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`build failed:\n${err.stdout ?? ""}${err.stderr ?? ""}`);
  }
  // Enough output (about 250 KB, several pipe buffers) to fill the pipe before `head` has closed it.
  const lines = ["queue,arrived_at,outcome,wait_seconds,talk_seconds"];
  for (let i = 0; i < 5_000; i++) lines.push(`q${String(i).padStart(5, "0")},2026-03-02T09:${String(i % 60).padStart(2, "0")}:00,answered,${i % 40},${60 + (i % 100)}`);
  writeFileSync(join(dir, "big.csv"), `${lines.join("\n")}\n`);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("node bin/cckpi.js", () => {
  it("report on the queue_log exits 0, CSV on stdout (piped), the summary on stderr", () => {
    const r = cckpi(["report", QL, ...TZ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`day,queue,offered,answered,abandon_rate,service_level,asa,aht
2026-03-02,sales,7,5,0.166666666666667,0.5,20,160
2026-03-02,support,5,3,0,0.6,13.3333333333333,150
Total,,11,7,0.1,0.4,20,178.571428571429
`);
    expect(r.stderr).toContain("rows read 40 = used 37 + rejected 0 + filtered 2 + duplicates 1");
  });

  it("exit codes reach the shell: 2 usage, 3 input, 4 output, 1 data", () => {
    expect(cckpi(["report", QL, ...TZ, "--metrics", "nope"]).status).toBe(2);
    expect(cckpi(["report", join(dir, "missing.log"), ...TZ]).status).toBe(3);
    expect(cckpi(["report", QL, ...TZ, "-o", join(dir, "no", "such", "out.csv")]).status).toBe(4);
    expect(cckpi(["report", join(ROOT, "package.json"), ...TZ]).status).toBe(1);
    for (const r of [cckpi(["report", QL, "--tz", "CST"]), cckpi(["report", QL, ...TZ, "--bogus"])]) {
      expect(r.status).toBe(2);
      expect(r.stderr).not.toContain("    at ");
    }
  });

  it("reads stdin with -", () => {
    const r = spawnSync(process.execPath, [BIN, "report", "-", ...TZ, "--metrics", "offered", "--by", "queue"], {
      cwd: ROOT, env: ENV, encoding: "utf8", input: readFileSync(QL, "utf8"),
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe("queue,offered\nsales,7\nsupport,5\nTotal,11\n");
  });

  it("`| head -1` closing the pipe early is not an error: exit 0, no EPIPE message", () => {
    const cmd = `set -o pipefail; "${process.execPath}" "${BIN}" report "${join(dir, "big.csv")}" --tz America/New_York --by queue | head -1`;
    const r = spawnSync("bash", ["-c", cmd], { cwd: ROOT, env: ENV, encoding: "utf8", timeout: 30_000 });
    expect(r.stdout).toBe("queue,offered,answered,abandon_rate,service_level,asa,aht\n");
    expect(r.stderr).not.toMatch(/EPIPE|Error|    at /);
    expect(r.status).toBe(0);
  });

  it("SIGINT exits 130", async () => {
    // Reading stdin that never ends: the process waits until interrupted.
    const child = spawn(process.execPath, [BIN, "report", "-", ...TZ], { cwd: ROOT, env: ENV, stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    child.stdin.write("1772460000|1772460000.1|sales|NONE|ENTERQUEUE||+12125550101|1\n");
    await new Promise((r) => setTimeout(r, 1500));
    child.kill("SIGINT");
    const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    expect(code).toBe(130);
    expect(stderr).not.toContain("    at ");
  });

  it("./cckpi.config.json in the current folder is read; --config and CCKPI_CONFIG beat it", () => {
    const cwd = mkdtempSync(join(dir, "cwd-"));
    writeFileSync(join(cwd, "cckpi.config.json"), JSON.stringify({ timeZone: "Asia/Tokyo", intervalMinutes: 15 }));
    writeFileSync(join(cwd, "other.json"), JSON.stringify({ timeZone: "Europe/Paris" }));
    const tz = (r: SpawnSyncReturns<string>): unknown => {
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { settings: { timeZone: string } }).settings.timeZone;
    };
    expect(tz(cckpi(["report", QL, "-f", "json"], { cwd }))).toBe("Asia/Tokyo");
    expect(tz(cckpi(["report", QL, "-f", "json", "--config", "other.json"], { cwd }))).toBe("Europe/Paris");
    expect(tz(cckpi(["report", QL, "-f", "json"], { cwd, env: { CCKPI_CONFIG: "other.json" } }))).toBe("Europe/Paris");
    expect(tz(cckpi(["report", QL, "-f", "json"], { cwd, env: { CCKPI_TZ: "UTC" } }))).toBe("UTC");
  });

  it("a bad ./cckpi.config.json is a usage error naming the file", () => {
    const cwd = mkdtempSync(join(dir, "cwd-"));
    writeFileSync(join(cwd, "cckpi.config.json"), JSON.stringify({ metrics: { "service-level": { thresholdSeconds: -5 } } }));
    const r = cckpi(["report", QL, ...TZ], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("cckpi.config.json: metrics.service-level.thresholdSeconds");
  });

  it("--version prints the package.json version, fast (commands load lazily)", () => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = cckpi(["--version"]);
      times.push(performance.now() - t0);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${VERSION}\n`);
      expect(r.stderr).toBe("");
    }
    // About 0.1 s on a laptop; a generous bound for loaded CI machines.
    expect(Math.min(...times)).toBeLessThan(1000);
  });

  it("--help exits 0", () => {
    const r = cckpi(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Usage: cckpi");
  });
});

describe("a large file is read on a worker thread, with the same figures, ledger and messages", () => {
  const both = (args: string[]): [SpawnSyncReturns<string>, SpawnSyncReturns<string>] => [
    cckpi(args, { env: { CCKPI_WORKER_MIN_BYTES: "0" } }),
    cckpi(args, { env: { CCKPI_WORKER_MIN_BYTES: "off" } }),
  ];
  const fx = (...p: string[]): string => fixture(...p);
  const cases: [string, string[]][] = [
    ["queue_log: rejects, duplicates, calls across queues", ["report", QL, ...TZ, "--by", "interval,queue", "--metrics", "offered,service-level,abandon-rate,asa,aht,fcr"]],
    ["queue_log with agent states and a schedule", ["report", QL, "--schedule", fx("schedule", "queue_log_schedule.csv"), ...TZ, "--by", "agent", "--metrics", "answered,logged-in,paused,occupancy,adherence,conformance"]],
    ["two overlapping exports: the last export wins across files", ["report", fx("contacts", "export-0910.csv"), fx("contacts", "export-0930.csv"), ...TZ, "--by", "queue", "--metrics", "offered,aht"]],
    ["contact CSV with dims and --from/--to filtering", ["report", fx("contacts", "calls.csv"), ...TZ, "--by", "day,channel", "--from", "2026-03-02", "--to", "2026-03-03", "-f", "json"]],
    ["agent state file", ["report", "--agents", fx("agent-states", "states.csv"), ...TZ]],
    ["roster schedule with states", ["report", "--agents", fx("agent-states", "states.csv"), "--schedule", fx("schedule", "roster.csv"), ...TZ]],
    ["interval records (Avaya CMS)", ["report", fx("avaya-cms", "interval.csv"), ...TZ, "--by", "queue", "--metrics", "offered,answered,abandoned,asa,aht"]],
    ["the intervals command", ["intervals", QL, ...TZ, "--metrics", "offered,service-level,aht,wait-percentile"]],
    ["JSON export", ["report", fx("amazon-connect", "ctr.ndjson"), "--tz", "UTC", "--by", "queue", "--metrics", "offered,answered,abandon-rate,asa,aht,transfer-rate"]],
    ["a generated file of 5,000 rows", ["report", join(dir, "big.csv"), ...TZ, "--by", "queue", "--metrics", "offered,answered,asa,aht"]],
  ];
  it.each(cases)("%s", (_name, args) => {
    const [w, s] = both(args);
    expect(s.status, s.stderr).toBe(0);
    expect(w.status, w.stderr).toBe(0);
    expect(w.stdout).toBe(s.stdout);
    expect(w.stderr).toBe(s.stderr);
  });

  it("ids that are not ASCII, and ids whose hashes collide: duplicates and calls found by their bytes, in both modes", () => {
    // 呼叫-1 is read again (wait 7 s replaces 5 s); k-é is one call of two contacts; c1062789/c1279192
    // (contact ids) and c1062788/c1279193 (call ids) have equal hashString values but are different ids.
    const f = join(dir, "unicode-ids.csv");
    writeFileSync(f, [
      "contact_id,call_id,queue,customer,arrived_at,outcome,wait_seconds,talk_seconds",
      "呼叫-1,k-é,sales,+15550001,2026-03-02T09:00:00,answered,5,60",
      "呼叫-2,k-é,support,+15550001,2026-03-02T09:03:00,answered,9,100",
      "c1062789,c1062788,sales,+15550002,2026-03-02T09:05:00,abandoned,30,",
      "c1279192,c1279193,sales,+15550003,2026-03-02T09:06:00,answered,12,80",
      "呼叫-1,k-é,sales,+15550001,2026-03-02T09:00:00,answered,7,60",
      "",
    ].join("\n"));
    const [w, s] = both(["report", f, "--tz", "UTC", "--by", "queue", "--metrics", "offered,answered,asa,aht"]);
    expect(s.status, s.stderr).toBe(0);
    // sales: ASA (7 + 12) / 2, AHT (60 + 80) / 2. Total, by call: k-é waited 7 + 9 and talked 60 + 100.
    expect(s.stdout).toBe("queue,offered,answered,asa,aht\nsales,3,2,9.5,70\nsupport,1,1,9,100\nTotal,3,2,14,120\n");
    expect(s.stderr).toContain("rows read 6 = used 4 + rejected 0 + filtered 1 + duplicates 1");
    expect(w.stdout).toBe(s.stdout);
    expect(w.stderr).toBe(s.stderr);
  });

  it("an intervals file read back (histograms included)", () => {
    const f = join(dir, "ql.intervals.csv");
    const w = cckpi(["intervals", QL, ...TZ, "--metrics", "offered,service-level,aht,wait-percentile", "-o", f]);
    expect(w.status, w.stderr).toBe(0);
    const [a, b] = both(["report", f, ...TZ, "--by", "interval,queue", "--metrics", "offered,service-level,aht,wait-percentile"]);
    expect(b.status, b.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stderr).toBe(b.stderr);
  });

  it("a GBK export, plain and gzipped: the same encoding warning (with its line) and figures", () => {
    // queue names 销售 and 支持 in GBK bytes
    const gbk = Buffer.concat([
      Buffer.from("queue,arrived_at,outcome,wait_seconds,talk_seconds\n"),
      Buffer.from([0xcf, 0xfa, 0xca, 0xdb]), Buffer.from(",2026-03-02T09:00:00,answered,5,60\n"),
      Buffer.from([0xd6, 0xa7, 0xb3, 0xd6]), Buffer.from(",2026-03-02T09:10:00,abandoned,30,\n"),
    ]);
    writeFileSync(join(dir, "gbk.csv"), gbk);
    writeFileSync(join(dir, "gbk.csv.gz"), gzipSync(gbk));
    for (const f of ["gbk.csv", "gbk.csv.gz"]) {
      const [w, s] = both(["report", join(dir, f), "--tz", "UTC", "--by", "queue"]);
      expect(s.status, s.stderr).toBe(0);
      expect(s.stdout).toContain("销售,1,1,0,1,5,60");
      expect(s.stderr).toContain(`${f}:2: not valid UTF-8`);
      expect(w.stdout).toBe(s.stdout);
      expect(w.stderr).toBe(s.stderr);
    }
  });

  it("the worker started early is the one handed to the reader, once; dropped ones are not reused (dist/ingest/worker-start.js)", async () => {
    type Start = { startEarly(f: string[], env: object): void; takeWorker(p: string): Worker; dropEarlyWorkers(): void };
    const m = (await import(pathToFileURL(join(ROOT, "dist", "ingest", "worker-start.js")).href)) as Start;
    const env = { CCKPI_WORKER_MIN_BYTES: "0" };
    m.startEarly([join(dir, "missing.csv"), "-", QL], env); // the first file that exists gets it
    const early = m.takeWorker(QL);
    const later = m.takeWorker(QL); // none left: a new one
    expect(early.threadId).toBeLessThan(later.threadId);
    m.startEarly([QL], env);
    m.dropEarlyWorkers();
    const after = m.takeWorker(QL);
    expect(after.threadId).toBeGreaterThan(later.threadId + 1); // the dropped one (later + 1) is not handed out
    m.startEarly([QL], { CCKPI_WORKER_MIN_BYTES: "off" }); // off: none started
    const fresh = m.takeWorker(QL);
    expect(fresh.threadId).toBe(after.threadId + 1);
    await Promise.all([early, later, after, fresh].map((w) => w.terminate()));
  });

  it("a worker started early and never used does not hold the process (a usage error before reading)", () => {
    const t0 = Date.now();
    const r = cckpi(["report", QL, ...TZ, "--metrics", "nope"], { env: { CCKPI_WORKER_MIN_BYTES: "0" } });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain("nope");
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it("says so with --verbose", () => {
    const [w, s] = both(["report", QL, ...TZ, "-v"]);
    expect(w.stderr).toContain("read on a worker thread");
    expect(s.stderr).not.toContain("read on a worker thread");
  });

  it("rejected rows: the same --rejects file, --max-errors and --on-error fail outcomes", () => {
    const bad = join(dir, "bad.csv");
    const rows = ["queue,arrived_at,outcome,wait_seconds,talk_seconds"];
    for (let i = 0; i < 300; i++) rows.push(i % 7 === 3 ? `q1,2026-03-02T09:${String(i % 60).padStart(2, "0")}:00,maybe,1,2` : `q${i % 3},2026-03-02T09:${String(i % 60).padStart(2, "0")}:00,answered,${i % 40},60`);
    writeFileSync(bad, `${rows.join("\n")}\n`);
    const outs = (["0", "off"] as const).map((m) => {
      const rej = join(dir, `rejects-${m}.csv`);
      const env = { CCKPI_WORKER_MIN_BYTES: m };
      const skip = cckpi(["report", bad, ...TZ, "--by", "queue", "--rejects", rej], { env });
      const max = cckpi(["report", bad, ...TZ, "--max-errors", "5"], { env });
      const fail = cckpi(["report", bad, ...TZ, "--on-error", "fail"], { env });
      return { skip, rejects: readFileSync(rej, "utf8"), max, fail };
    });
    const [w, s] = outs as [(typeof outs)[0], (typeof outs)[0]];
    expect(s.skip.status).toBe(0);
    expect(s.rejects.split("\n").filter((l) => l.includes("BAD_OUTCOME"))).toHaveLength(43);
    expect(w.skip.stdout).toBe(s.skip.stdout);
    expect(w.skip.stderr).toBe(s.skip.stderr);
    expect(w.rejects).toBe(s.rejects);
    for (const k of ["max", "fail"] as const) {
      expect(s[k].status).toBe(1);
      expect(w[k].status).toBe(s[k].status);
      expect(w[k].stdout).toBe(s[k].stdout);
      expect(w[k].stderr).toBe(s[k].stderr);
    }
    expect(w.fail.stderr).toContain("bad.csv:5: BAD_OUTCOME");
  });

  describe("several files: one worker reads them in turn, each given to it while the one before is replayed", () => {
    // Five day files of a contact CSV; day 3 holds a row whose outcome is not one (BAD_OUTCOME).
    const days = [1, 2, 3, 4, 5].map((d) => {
      const f = join(dir, `day-0${d}.csv`);
      const rows = ["contact_id,call_id,queue,customer,arrived_at,outcome,wait_seconds,talk_seconds"];
      for (let i = 0; i < 400; i++) {
        const t = `2026-03-0${d}T${String(8 + (i % 10)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00`;
        const outcome = d === 3 && i === 250 ? "maybe" : i % 5 ? "answered" : "abandoned";
        rows.push(`c${d}-${i},k${d}-${i % 350},q${i % 3},+1555000${i % 97},${t},${outcome},${i % 40},${i % 5 ? 60 + (i % 200) : ""}`);
      }
      writeFileSync(f, `${rows.join("\n")}\n`);
      return f;
    });
    const args = ["report", ...days, ...TZ, "--by", "day,queue", "--metrics", "offered,service-level,asa,aht,fcr"];

    it("the same report, ledger and messages as one thread, the bad row at its place", () => {
      const [w, s] = both([...args, "-v"]);
      expect(s.status, s.stderr).toBe(0);
      expect(w.stdout).toBe(s.stdout);
      expect(w.stderr.replace(/, read on a worker thread/g, "")).toBe(s.stderr);
      expect(w.stderr.match(/read on a worker thread/g)).toHaveLength(5);
      expect(s.stderr).toContain("day-03.csv:252");
    });

    it("--on-error fail in the third file while the fourth is being read: the same error, exit 1", () => {
      const [w, s] = both([...args, "--on-error", "fail"]);
      expect(s.status).toBe(1);
      expect(w.status).toBe(1);
      expect(w.stdout).toBe(s.stdout);
      expect(w.stderr).toBe(s.stderr);
      expect(w.stderr).toContain("day-03.csv:252: BAD_OUTCOME");
    });

    it("a file that cannot be read as the format, given to the worker early: the same error at its turn", () => {
      const bad = join(dir, "nocols-day.csv");
      writeFileSync(bad, "queue,when,what\nq1,x,y\n");
      const [w, s] = both(["report", days[0]!, bad, days[1]!, ...TZ, "--input-format", "cckpi-contacts"]);
      expect(s.status).not.toBe(0);
      expect(w.status).toBe(s.status);
      expect(w.stdout).toBe(s.stdout);
      expect(w.stderr).toBe(s.stderr);
      expect(w.stderr).toContain("nocols-day.csv");
    });

    it("files each under CCKPI_WORKER_MIN_BYTES that are over it together are read on the worker", () => {
      const size = readFileSync(days[0]!).length;
      const env = (n: number): NodeJS.ProcessEnv => ({ CCKPI_WORKER_MIN_BYTES: String(n) });
      const together = cckpi([...args, "-v"], { env: env(size * 4) });
      expect(together.stderr.match(/read on a worker thread/g)).toHaveLength(5);
      const over = cckpi([...args, "-v"], { env: env(size * 6) });
      expect(over.stderr).not.toContain("read on a worker thread");
      expect(together.stdout).toBe(over.stdout);
    });
  });

  it("a quoted pattern starts the worker early for the first file it matches (dist/ingest/worker-start.js)", async () => {
    type Start = { startEarly(f: string[], env: object): void; takeWorker(p: string): Worker; dropEarlyWorkers(): void };
    const m = (await import(pathToFileURL(join(ROOT, "dist", "ingest", "worker-start.js")).href)) as Start;
    for (const d of ["a", "b"]) writeFileSync(join(dir, `glob-${d}.csv`), "queue,arrived_at,outcome\nq,2026-03-02T09:00:00,abandoned\n");
    // Each file is 57 bytes: together over a 100-byte threshold, alone under it.
    m.startEarly([join(dir, "glob-*.csv")], { CCKPI_WORKER_MIN_BYTES: "100" });
    const other = m.takeWorker(join(dir, "glob-b.csv")); // not the one started early: a new one
    const early = m.takeWorker(join(dir, "glob-a.csv"));
    expect(early.threadId).toBeLessThan(other.threadId);
    m.startEarly([join(dir, "glob-*.csv")], { CCKPI_WORKER_MIN_BYTES: "200" }); // under it together: none
    const fresh = m.takeWorker(join(dir, "glob-a.csv"));
    expect(fresh.threadId).toBe(other.threadId + 1);
    m.dropEarlyWorkers();
    await Promise.all([other, early, fresh].map((w) => w.terminate()));
  });

  it("a worker handed back is the one the next file gets; one that stopped is not (dist/ingest/worker-start.js)", async () => {
    type Start = { takeWorker(p: string): Worker; releaseWorker(w: Worker): void; claimWorker(w: Worker): boolean; dropEarlyWorkers(): void };
    const m = (await import(pathToFileURL(join(ROOT, "dist", "ingest", "worker-start.js")).href)) as Start;
    const a = m.takeWorker(QL);
    m.releaseWorker(a);
    expect(m.takeWorker(QL)).toBe(a);
    m.releaseWorker(a);
    expect(m.claimWorker(a)).toBe(true); // given the next file early: counted on, no longer waiting
    const b = m.takeWorker(QL);
    expect(b).not.toBe(a);
    m.releaseWorker(b);
    await b.terminate(); // stopped while reading the next file ahead
    expect(m.claimWorker(b)).toBe(false);
    expect(m.takeWorker(QL)).not.toBe(b);
    m.dropEarlyWorkers();
    await a.terminate();
  });

  it("a file-level error (a header without the required columns) is the same error", () => {
    const f = join(dir, "nocols.csv");
    writeFileSync(f, "queue,when,what\nq1,x,y\n");
    const [w, s] = both(["report", f, ...TZ, "--input-format", "cckpi-contacts"]);
    expect(s.status).not.toBe(0);
    expect(w.status).toBe(s.status);
    expect(w.stderr).toBe(s.stderr);
    expect(w.stderr).not.toContain("    at ");
  });
});
