#!/usr/bin/env node
/**
 * `node bench/ab.js <other checkout> [file]`: a paired comparison of two builds of cckpi, for
 * changes too small for `npm run bench` to show. This machine's speed drifts by 10-30 % from one
 * process to the next, more than most single changes gain; here both builds run in ONE process,
 * round after round (A B, B A, A B...), on the same data already in memory, so each pair of
 * rounds sees the same machine. Medians of the rounds after each build's first (JIT warm-up).
 *
 *   node bench/ab.js ../other-checkout                      # builder, on the bench's 1M contact CSV
 *   node bench/ab.js ../other-checkout bench/data/queue_log-1000000-seed42 --stage read
 *   options: --stage builder|read (builder), --rounds N (8),
 *            --metrics a,b,c (service-level,abandon-rate,asa,aht,fcr), --metrics-b a,b,c (B's, default the same)
 *
 * A is this checkout, B the other one; both need dist/ (`npm run build` in each).
 *   --stage builder  the file is read once (by A) into packed contact batches, as the reading
 *                    thread sends them; each round replays them through a fresh IntervalBuilder
 *                    (dedupe, calls, FCR, records): the main thread's work in a report.
 *   --stage read     each round reads and parses the whole file (readInput, one thread) into a
 *                    sink that counts: the reading thread's work, without packing.
 * With --metrics-b, B runs other metrics than A: `--metrics-b service-level,abandon-rate,asa,aht`
 * against the same checkout (`node bench/ab.js .`) shows what FCR costs the builder.
 * Noise: builds whose builder code is the same came out at B / A 0.96 to 1.10 over four calls
 * (4-8 rounds): a difference inside that band is not a result; run it again. A checkout
 * against itself (`.`) shares its modules with A, which leaves B a few % slower.
 * This reaches into dist/ internals (engine/builder.js, ingest/contact-batch.js, ingest/read.js,
 * commands/pipeline.js): a build whose internals moved needs this script updated.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const A_ROOT = path.resolve(BENCH, "..");

function parseArgs(argv) {
  const o = { other: null, file: path.join(BENCH, "data", "contacts-1000000-seed42.csv"), stage: "builder", rounds: 8, metrics: "service-level,abandon-rate,asa,aht,fcr", metricsB: null };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--stage") o.stage = argv[++i];
    else if (a === "--rounds") o.rounds = Math.max(2, Number(argv[++i]));
    else if (a === "--metrics") o.metrics = argv[++i];
    else if (a === "--metrics-b") o.metricsB = argv[++i];
    else if (a === "-h" || a === "--help") {
      process.stdout.write(`${(process.argv[1] && path.basename(process.argv[1])) || "ab.js"}: see the comment at the top of bench/ab.js\n`);
      process.exit(0);
    } else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else rest.push(a);
  }
  if (rest.length < 1) throw new Error("usage: node bench/ab.js <other checkout> [file] [--stage builder|read] [--rounds N]");
  o.other = path.resolve(rest[0]);
  if (rest[1]) o.file = path.resolve(rest[1]);
  if (!["builder", "read"].includes(o.stage)) throw new Error("--stage is builder or read");
  if (!Number.isInteger(o.rounds)) throw new Error("--rounds needs a number");
  return o;
}

/** The modules of one build, from its dist/. */
async function load(root) {
  const dist = (p) => import(pathToFileURL(path.join(root, "dist", p)).href);
  const [pipeline, read, input, tally, builder, instances, batch] = await Promise.all(
    ["commands/pipeline.js", "ingest/read.js", "ingest/input.js", "ingest/tally.js", "engine/builder.js", "report/instances.js", "ingest/contact-batch.js"].map(dist),
  );
  return { ...pipeline, ...read, ...input, ...tally, ...builder, ...instances, ...batch };
}

const FLAGS = { tz: "America/New_York", by: "interval,queue", quiet: true };
const DEFAULTS = { by: ["day", "queue"] };

async function settings(m, metrics) {
  const s = await m.settingsFrom({ ...FLAGS, metrics }, DEFAULTS);
  return { s, o: m.readOptions({ ...FLAGS, metrics }, s, [], () => {}) };
}

/** Read `file` with build m into a sink; `contact` gets each contact. */
async function readAll(m, o, file, contact) {
  await m.readInput(m.resolveInputs([file])[0], o.o, new m.Tally("skip", null, null), { contact, record: () => "used", state: () => "used" });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const builds = { A: await load(A_ROOT), B: await load(o.other) };
  const conf = { A: await settings(builds.A, o.metrics), B: await settings(builds.B, o.metricsB ?? o.metrics) };

  let batches = [];
  let checkDuplicate = true;
  if (o.stage === "builder") {
    const packer = new builds.A.ContactPacker();
    const opts = { ...conf.A.o, afterChunk: async () => { if (packer.count) batches.push(packer.take()); } };
    // The reader says whether it already dropped duplicates (queue_log does): replayed the same way.
    await readAll(builds.A, { o: opts }, o.file, (c, check) => { packer.add(c); checkDuplicate = check !== false; return "used"; });
    if (packer.count) batches.push(packer.take());
  }

  const round = async (k) => {
    const m = builds[k];
    const { s } = conf[k];
    const t0 = performance.now();
    if (o.stage === "read") {
      let n = 0;
      await readAll(m, conf[k], o.file, () => { n++; return "used"; });
    } else {
      const b = new m.IntervalBuilder({ zone: s.zone, intervalMinutes: s.intervalMinutes, attribution: s.attribution, fromMs: s.fromMs, toMs: s.toMs, facts: m.allFacts(s.instances), keepQueue: true, keepAgent: false, dims: [], bucket: "interval" });
      const u = new m.ContactUnpacker();
      for (const p of batches) {
        const rows = u.begin(p);
        for (let n = 0; n < rows.count; n++) b.addPacked(rows, n, checkDuplicate);
      }
      b.finish();
    }
    return (performance.now() - t0) / 1000;
  };

  const times = { A: [], B: [] };
  for (let r = 0; r < o.rounds; r++) for (const k of r % 2 ? ["B", "A"] : ["A", "B"]) times[k].push(await round(k));

  process.stdout.write(`stage ${o.stage}, ${path.basename(o.file)}, ${o.rounds} rounds each, alternating in one process\n`);
  process.stdout.write(`A ${A_ROOT}${o.metricsB ? ` (${o.metrics})` : ""}\nB ${o.other}${o.metricsB ? ` (${o.metricsB})` : ""}\n`);
  for (const k of ["A", "B"]) process.stdout.write(`${k} s: ${times[k].map((t) => t.toFixed(2)).join(" ")}   median after the first: ${median(times[k].slice(1)).toFixed(3)}\n`);
  const ratio = median(times.B.slice(1)) / median(times.A.slice(1));
  const wins = times.A.slice(1).filter((a, i) => times.B[i + 1] < a).length;
  process.stdout.write(`B / A: ${ratio.toFixed(3)} (B faster in ${wins} of ${o.rounds - 1} paired rounds)\n`);
}

main().catch((e) => {
  process.stderr.write(`bench/ab.js: ${e.message}\n`);
  process.exit(1);
});
