#!/usr/bin/env node
/**
 * `npm run bench`: end-to-end speed of `cckpi report` on a generated month of contacts.
 *
 *   node bench/run.js [--rows 1000000] [--seed 42] [--runs 3] [--warmup 1] [--startup-runs 5]
 *                     [--check] [--profile] [--no-duckdb]
 *   (env BENCH_ROWS sets the default for --rows)
 *
 * Builds nothing: needs dist/ (`npm run build`). Generates the data once per rows+seed
 * (bench/generate.js, into bench/data/), then for the contact CSV and the queue_log times
 *   node bin/cckpi.js report <file> --tz America/New_York --by interval,queue
 *        --metrics service-level,abandon-rate,asa,aht,fcr -f table -q > /dev/null
 * as a whole process (start-up included): wall (measured here), user+sys CPU and peak RSS
 * (from /usr/bin/time, or from a --import hook reading process.resourceUsage() when
 * /usr/bin/time is absent). Median of --runs after --warmup unmeasured runs.
 * Also times `cckpi --version` and `cckpi metrics`, and, when bench/node_modules has
 * @duckdb/node-api, the same report computed by DuckDB from each file: duckdb-agg.mjs from
 * the contact CSV, duckdb-queue-log.mjs from the queue_log.
 *   --formats table,csv  output formats to time (default both: `-f table` is the headline command,
 *              `-f csv` separates reading + computing from table rendering)
 *   --check    compare cckpi's CSV output with DuckDB's, group by group (not timed; on by default
 *              when DuckDB is installed; --no-check skips it)
 *   --profile  also run each file once under `node --cpu-prof` and list the top functions
 * Never part of `npm test`; a failing cckpi run is reported in the table, not thrown.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureData } from "./generate.js";

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, "..");
const DATA = path.join(BENCH, "data");
const CLI = path.join(ROOT, "bin", "cckpi.js");
const REPORT_ARGS = ["--tz", "America/New_York", "--by", "interval,queue", "--metrics", "service-level,abandon-rate,asa,aht,fcr"];
const TIMEOUT_MS = 30 * 60 * 1000;

/* ---------- arguments ---------- */

function parseArgs(argv) {
  const envRows = process.env.BENCH_ROWS;
  const o = { rows: envRows ? Number(envRows) : 1_000_000, seed: 42, runs: 3, warmup: 1, startupRuns: 5, formats: ["table", "csv"], check: true, profile: false, duckdb: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v)) throw new Error(`${a} needs a number`);
      return v;
    };
    if (a === "--rows") o.rows = num();
    else if (a === "--seed") o.seed = num();
    else if (a === "--runs") o.runs = Math.max(1, num());
    else if (a === "--warmup") o.warmup = Math.max(0, num());
    else if (a === "--startup-runs") o.startupRuns = Math.max(1, num());
    else if (a === "--formats") o.formats = String(argv[++i] ?? "").split(",").filter(Boolean);
    else if (a === "--check") o.check = true;
    else if (a === "--no-check") o.check = false;
    else if (a === "--profile") o.profile = true;
    else if (a === "--no-duckdb") o.duckdb = false;
    else if (a === "-h" || a === "--help") {
      process.stdout.write(fs.readFileSync(fileURLToPath(import.meta.url), "utf8").split("*/")[0] + "*/\n");
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (see --help)`);
  }
  if (!Number.isInteger(o.rows) || o.rows < 100) throw new Error("--rows / BENCH_ROWS must be an integer >= 100");
  return o;
}

/* ---------- measuring one process ---------- */

const HAVE_TIME = (() => {
  if (process.env.BENCH_NO_TIME) return false;
  try {
    return spawnSync("/usr/bin/time", ["-f", "%e", "true"], { stdio: "ignore" }).status === 0;
  } catch {
    return false;
  }
})();
const HOOK = pathToFileURL(path.join(BENCH, "rss-hook.mjs")).href;

/**
 * Run `node <args>` once, stdout to /dev/null. Returns wall s, cpu s (user+sys), peak RSS MiB,
 * or { error } when the process failed.
 */
function measure(nodeArgs, { stdout = "ignore" } = {}) {
  const timeFile = path.join(os.tmpdir(), `cckpi-bench-${process.pid}.time`);
  let cmd, args;
  if (HAVE_TIME) {
    cmd = "/usr/bin/time";
    args = ["-f", "%e %U %S %M", "-o", timeFile, process.execPath, ...nodeArgs];
  } else {
    cmd = process.execPath;
    args = ["--import", HOOK, ...nodeArgs];
  }
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ["ignore", stdout, "pipe"], timeout: TIMEOUT_MS, maxBuffer: 64 << 20 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const stderr = r.stderr ? r.stderr.toString() : "";
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : r.signal ? `signal ${r.signal}` : `exit ${r.status}`;
    const tail = stderr.trim().split("\n").filter((l) => !l.startsWith("__BENCH__")).slice(-6).join("\n");
    return { error: why, stderr: tail, wall };
  }
  let cpu = NaN;
  let rssMiB = NaN;
  if (HAVE_TIME) {
    try {
      const last = fs.readFileSync(timeFile, "utf8").trim().split("\n").pop().split(/\s+/).map(Number);
      cpu = last[1] + last[2];
      rssMiB = last[3] / 1024;
    } catch {
      /* leave NaN */
    }
  } else {
    const line = stderr.split("\n").reverse().find((l) => l.startsWith("__BENCH__"));
    if (line) {
      const j = JSON.parse(line.slice(9));
      cpu = (j.user + j.sys) / 1e6;
      rssMiB = j.maxRSS / 1024;
    }
  }
  fs.rmSync(timeFile, { force: true });
  return { wall, cpu, rssMiB, stdout: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Warm-up runs, then `runs` measured runs; medians of each figure. */
function series(label, nodeArgs, runs, warmup) {
  process.stderr.write(`  ${label}: `);
  for (let i = 0; i < warmup; i++) {
    const r = measure(nodeArgs);
    process.stderr.write("w ");
    if (r.error) {
      process.stderr.write(`FAILED (${r.error})\n`);
      return { error: r.error, stderr: r.stderr };
    }
  }
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const r = measure(nodeArgs);
    if (r.error) {
      process.stderr.write(`FAILED (${r.error})\n`);
      return { error: r.error, stderr: r.stderr };
    }
    ms.push(r);
    process.stderr.write(`${r.wall.toFixed(2)}s `);
  }
  process.stderr.write("\n");
  const walls = ms.map((m) => m.wall);
  return {
    wall: median(walls),
    wallMin: Math.min(...walls),
    wallMax: Math.max(...walls),
    cpu: median(ms.map((m) => m.cpu)),
    rssMiB: median(ms.map((m) => m.rssMiB)),
    runs: ms.length,
  };
}

/* ---------- output helpers ---------- */

function table(head, rows, align) {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r) => "| " + r.map((c, i) => (align[i] === "r" ? String(c).padStart(w[i]) : String(c).padEnd(w[i]))).join(" | ") + " |";
  return [fmt(head), "|" + w.map((n, i) => (align[i] === "r" ? "-".repeat(n + 1) + ":" : "-".repeat(n + 2))).join("|") + "|", ...rows.map(fmt)].join("\n");
}
const int = (n) => Math.round(n).toLocaleString("en-US");
const f2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : "?");
const f3 = (n) => (Number.isFinite(n) ? n.toFixed(3) : "?");
const f0 = (n) => (Number.isFinite(n) ? n.toFixed(0) : "?");

function newestMtime(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/* ---------- --check: cckpi CSV vs DuckDB CSV, group by group ---------- */

function compareCsv(a, b) {
  const load = (text) => {
    const [, ...rows] = text.trim().split("\n");
    return new Map(rows.map((r) => {
      const c = r.split(",");
      return [`${c[0]}|${c[1]}`, c.slice(2)];
    }));
  };
  const A = load(a);
  const B = load(b);
  const bad = [];
  for (const [k, v] of A) {
    const w = B.get(k);
    if (!w) {
      bad.push(`${k}: only in cckpi`);
      continue;
    }
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      const y = w[i];
      if (x === "" && y === "") continue;
      if (x === "" || y === "" || Math.abs(+x - +y) > 1e-9 * Math.max(1, Math.abs(+x))) {
        bad.push(`${k}: column ${i + 2}: cckpi ${x || "(none)"} vs DuckDB ${y || "(none)"}`);
        break;
      }
    }
  }
  for (const k of B.keys()) if (!A.has(k)) bad.push(`${k}: only in DuckDB`);
  return { groups: A.size, bad };
}

/* ---------- --profile: top self-time functions of a .cpuprofile ---------- */

function summarizeProfile(file, top = 15) {
  const p = JSON.parse(fs.readFileSync(file, "utf8"));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i];
    self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map();
  const mod = new Map();
  for (const [id, us] of self) {
    const cf = byId.get(id).callFrame;
    const url = cf.url.replace(pathToFileURL(ROOT).href + "/", "").replace(/^node:/, "node:");
    const where = url ? `${url}:${cf.lineNumber + 1}` : "";
    const key = `${cf.functionName || "(anonymous)"} ${where}`.trim();
    fn.set(key, (fn.get(key) ?? 0) + us);
    const m = url ? (url.startsWith("node_modules/") ? url.split("/").slice(0, url.startsWith("node_modules/@") ? 3 : 2).join("/") : url) : cf.functionName;
    mod.set(m, (mod.get(m) ?? 0) + us);
  }
  const pct = (us) => ((100 * us) / total).toFixed(1) + " %";
  const rows = [...fn].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => [k, f2(us / 1e6), pct(us)]);
  const mrows = [...mod].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, us]) => [k, f2(us / 1e6), pct(us)]);
  return { total: total / 1e6, fn: rows, mod: mrows };
}

/* ---------- main ---------- */

function main() {
  const o = parseArgs(process.argv.slice(2));
  const dist = path.join(ROOT, "dist", "cli.js");
  if (!fs.existsSync(dist)) {
    process.stderr.write("bench: dist/cli.js is missing: run `npm run build` first (the benchmark builds nothing).\n");
    process.exit(1);
  }
  if (newestMtime(path.join(ROOT, "src")) > newestMtime(path.join(ROOT, "dist"))) {
    process.stderr.write("bench: warning: src/ is newer than dist/; `npm run build` to measure the current code.\n");
  }

  process.stderr.write(`bench: data rows=${o.rows} seed=${o.seed}\n`);
  const { paths, manifest } = ensureData({ rows: o.rows, seed: o.seed, out: DATA });
  const files = [
    { name: path.basename(paths.csv), path: paths.csv, rows: manifest.csv.rows, unit: "data rows", bytes: manifest.csv.bytes, duckdb: "duckdb-agg.mjs" },
    { name: path.basename(paths.queueLog), path: paths.queueLog, rows: manifest.queueLog.lines, unit: "lines", bytes: manifest.queueLog.bytes, duckdb: "duckdb-queue-log.mjs" },
  ];

  const cckpiVersion = spawnSync(process.execPath, [CLI, "--version"], { cwd: ROOT }).stdout?.toString().trim();
  let commit = "";
  try {
    commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT }).stdout.toString().trim();
  } catch {
    /* not a git checkout */
  }

  const duckdbInstalled = fs.existsSync(path.join(BENCH, "node_modules", "@duckdb", "node-api", "package.json"));
  process.stderr.write(`bench: ${HAVE_TIME ? "/usr/bin/time" : "rss-hook.mjs"} for CPU and RSS; median of ${o.runs} after ${o.warmup} warm-up\n`);

  const results = [];
  for (const f of files) {
    for (const fmt of o.formats) {
      const r = series(`${f.name} -f ${fmt}`, [CLI, "report", f.path, ...REPORT_ARGS, "-f", fmt, "-q"], o.runs, o.warmup);
      results.push({ ...f, tool: `cckpi -f ${fmt}`, r });
    }
  }
  // DuckDB computing the same report from the same file, one script per format.
  const ducks = [];
  if (o.duckdb && duckdbInstalled) {
    for (const f of files) {
      const r = series("DuckDB on " + f.name, [path.join(BENCH, f.duckdb), f.path], o.runs, o.warmup);
      ducks.push({ ...f, tool: `DuckDB ${duckdbVersion()} (${os.cpus().length} threads)`, r });
    }
  }
  const startup = [
    ["cckpi --version", [CLI, "--version"]],
    ["cckpi metrics", [CLI, "metrics"]],
    ["node -e 0 (Node start-up)", ["-e", "0"]],
  ].map(([label, args]) => ({ label, r: series(label, args, o.startupRuns, 1) }));

  // ---- print
  const out = [];
  out.push(`cckpi ${cckpiVersion}${commit ? ` (${commit})` : ""}, Node ${process.version}, ${os.cpus()[0]?.model ?? "?"} x${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`);
  out.push(`data: bench/generate.js --rows ${o.rows} --seed ${o.seed} (${manifest.contacts.toLocaleString("en-US")} contacts, ${manifest.calls.toLocaleString("en-US")} calls)`);
  out.push(`command: node bin/cckpi.js report <file> ${REPORT_ARGS.join(" ")} -f <${o.formats.join("|")}> -q > /dev/null`);
  out.push(`whole process, median of ${o.runs} after ${o.warmup} warm-up; wall measured by run.js; CPU = user+sys; MB = 10^6 bytes; rows/s, MB/s from median wall`);
  out.push("");
  const head = ["file", "tool", "rows", "MB", "wall s", "wall min-max", "CPU s", "peak RSS MiB", "rows/s", "MB/s"];
  const align = ["l", "l", "r", "r", "r", "r", "r", "r", "r", "r"];
  const rowsOut = [];
  for (const x of [...results, ...ducks]) {
    const mb = x.bytes / 1e6;
    if (x.r.error) {
      rowsOut.push([x.name, x.tool, `${int(x.rows)} ${x.unit}`, mb.toFixed(1), `FAILED: ${x.r.error}`, "", "", "", "", ""]);
    } else {
      rowsOut.push([
        x.name, x.tool, `${int(x.rows)} ${x.unit}`, mb.toFixed(1), f2(x.r.wall), `${f2(x.r.wallMin)}-${f2(x.r.wallMax)}`,
        f2(x.r.cpu), f0(x.r.rssMiB), int(x.rows / x.r.wall), (mb / x.r.wall).toFixed(1),
      ]);
    }
  }
  out.push(table(head, rowsOut, align));
  for (const x of results) if (x.r.error) out.push(`\n${x.name} failed (${x.r.error}); last stderr lines:\n${x.r.stderr}`);

  out.push("");
  if (!duckdbInstalled) out.push("DuckDB not installed: cd bench && npm install");
  else if (!o.duckdb) out.push("DuckDB comparison skipped (--no-duckdb)");
  else {
    for (const duck of ducks) {
      if (duck.r.error) continue;
      for (const x of results) {
        if (x.path !== duck.path || x.r.error) continue;
        out.push(`${x.tool} / DuckDB on ${duck.name}: wall ${(x.r.wall / duck.r.wall).toFixed(2)}x, CPU ${(x.r.cpu / duck.r.cpu).toFixed(2)}x, peak RSS ${(x.r.rssMiB / duck.r.rssMiB).toFixed(2)}x`);
      }
    }
  }

  out.push("");
  out.push(table(
    ["start-up", "wall s", "CPU s", "peak RSS MiB"],
    startup.map((s) => (s.r.error ? [s.label, `FAILED: ${s.r.error}`, "", ""] : [s.label, f3(s.r.wall), f3(s.r.cpu), f0(s.r.rssMiB)])),
    ["l", "r", "r", "r"],
  ));
  out.push(`(median of ${o.startupRuns} after 1 warm-up)`);

  if (o.check) {
    out.push("");
    if (!duckdbInstalled) out.push("--check needs DuckDB: cd bench && npm install");
    else {
      const metrics = ["--metrics", "offered," + REPORT_ARGS[5]];
      for (const f of files) {
        process.stderr.write(`  check: cckpi -f csv vs DuckDB on ${f.name}\n`);
        const ck = spawnSync(process.execPath, [CLI, "report", f.path, ...REPORT_ARGS.slice(0, 4), ...metrics, "-f", "csv", "-q", "--no-total"], { cwd: ROOT, maxBuffer: 1 << 30 });
        const dk = spawnSync(process.execPath, [path.join(BENCH, f.duckdb), f.path], { cwd: ROOT, maxBuffer: 1 << 30 });
        if (ck.status !== 0 || dk.status !== 0) out.push(`check on ${f.name}: could not run (cckpi exit ${ck.status}, DuckDB exit ${dk.status})`);
        else {
          const c = compareCsv(ck.stdout.toString(), dk.stdout.toString());
          out.push(c.bad.length === 0
            ? `check on ${f.name}: cckpi and DuckDB agree on all ${int(c.groups)} (interval, queue) groups (offered, service level, abandon rate, ASA, AHT, FCR)`
            : `check on ${f.name}: ${c.bad.length} of ${int(c.groups)} groups differ, e.g.\n  ${c.bad.slice(0, 5).join("\n  ")}`);
        }
      }
    }
  }

  if (o.profile) {
    const dir = path.join(DATA, "profiles");
    fs.mkdirSync(dir, { recursive: true });
    for (const f of files) {
      process.stderr.write(`  profile: ${f.name}\n`);
      const name = `${f.name}.cpuprofile`;
      fs.rmSync(path.join(dir, name), { force: true });
      const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-name", name, CLI, "report", f.path, ...REPORT_ARGS, "-f", "table", "-q"], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], timeout: TIMEOUT_MS });
      const pf = path.join(dir, name);
      out.push("");
      if (r.status !== 0 || !fs.existsSync(pf)) {
        out.push(`profile of ${f.name}: run failed (${r.signal ?? r.status})`);
        continue;
      }
      const s = summarizeProfile(pf);
      out.push(`profile of ${f.name} (node --cpu-prof, ${f2(s.total)} s sampled; self time; ${path.relative(ROOT, pf)})`);
      out.push(table(["function", "self s", "share"], s.fn, ["l", "r", "r"]));
      out.push("");
      out.push(table(["by file / package", "self s", "share"], s.mod, ["l", "r", "r"]));
    }
  }

  process.stdout.write(out.join("\n") + "\n");
  const json = path.join(DATA, `results-${o.rows}-seed${o.seed}.json`);
  fs.writeFileSync(json, JSON.stringify({ when: new Date().toISOString(), cckpiVersion, commit, node: process.version, manifest, results, ducks, startup }, null, 2) + "\n");
  process.stderr.write(`bench: results also in ${path.relative(ROOT, json)}\n`);
}

function duckdbVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(BENCH, "node_modules", "@duckdb", "node-api", "package.json"), "utf8")).version;
  } catch {
    return "";
  }
}

try {
  main();
} catch (e) {
  process.stderr.write(`bench: ${e.stack ?? e}\n`);
  process.exit(2);
}
