#!/usr/bin/env node
/**
 * Deterministic generator of a month (March 2026, America/New_York) of contact-centre
 * traffic, written twice from the same simulated contacts:
 *
 *   contacts-<rows>-seed<seed>.csv   cckpi contact CSV (one row per contact)
 *   queue_log-<rows>-seed<seed>      Asterisk queue_log text (epoch|callid|queue|agent|event|data...)
 *   manifest-<rows>-seed<seed>.json  written last: counts, sizes, generator version
 *
 * Usage: node bench/generate.js [--rows 1000000] [--seed 42] [--out bench/data] [--force] [--quiet]
 *
 * Plain Node, no dependencies. Output is streamed in ~1 MiB chunks; memory holds the
 * callers of the last 7 days (for repeat calls) and the calls still in progress.
 * If the manifest for the same rows+seed+generator version exists and the file sizes
 * match, nothing is regenerated.
 *
 * Model (shares are of contacts):
 *   - volume: weekdays 1.0, Saturday 0.45, Sunday 0.30 (+-5 % day noise); intraday two peaks
 *     (10:30 and 14:30 local) on weekdays, one broad midday peak at weekends, small night volume;
 *   - 20 queues with Zipf (s = 1) shares; 500 agents (PJSIP/1001..1500) in overlapping queue pools;
 *   - outcome: ~85 % answered, ~1 % timeout (EXITWITHTIMEOUT at the queue's max wait), rest abandoned;
 *     answer rate and waits worsen with load;
 *   - answered wait ~Exp(15 s) scaled by load; abandon wait ~Exp(55 s) plus 6 % short (0-4 s) abandons;
 *   - talk lognormal (median 240 s, sigma 0.66 -> mean ~300 s); hold 0 for 70 %, else 1+Exp(45 s);
 *     ACW 5+Exp(25 s);
 *   - ~30 % of calls come from a caller seen in the previous 7 days; 0.7 % anonymous;
 *   - 2.5 % of rows are second legs of transfers: the first leg is answered and ends with
 *     BLINDTRANSFER, the second contact has the same call_id in another queue and enters it
 *     at the second the first leg ended.
 * Timestamps in the CSV are local ISO with offset (-05:00, -04:00 from 2026-03-08 DST);
 * queue_log lines carry UTC epoch seconds and are sorted by time.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const GENERATOR_VERSION = 2;

export const CSV_HEADER =
  "contact_id,call_id,queue,agent,customer,arrived_at,answered_at,ended_at,outcome,wait_seconds,talk_seconds,hold_seconds,acw_seconds,transferred,disposition,rating,resolved";

export function dataPaths(rows, seed, out) {
  const tag = `${rows}-seed${seed}`;
  return {
    csv: path.join(out, `contacts-${tag}.csv`),
    queueLog: path.join(out, `queue_log-${tag}`),
    manifest: path.join(out, `manifest-${tag}.json`),
  };
}

/* ---------- random ---------- */

function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/* ---------- small binary heap ordered by (t, seq) ---------- */

class Heap {
  constructor() {
    this.a = [];
  }
  get size() {
    return this.a.length;
  }
  peek() {
    return this.a[0];
  }
  static less(x, y) {
    return x.t < y.t || (x.t === y.t && x.seq < y.seq);
  }
  push(x) {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!Heap.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop() {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && Heap.less(a[l], a[m])) m = l;
        if (r < a.length && Heap.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

/* ---------- buffered synchronous writer (~1 MiB chunks) ---------- */

class Out {
  constructor(file) {
    this.fd = fs.openSync(file, "w");
    this.parts = [];
    this.len = 0;
    this.bytes = 0;
  }
  write(s) {
    this.parts.push(s);
    this.len += s.length;
    if (this.len >= 1 << 20) this.flush();
  }
  flush() {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(""), "utf8");
    fs.writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.len = 0;
  }
  close() {
    this.flush();
    fs.closeSync(this.fd);
  }
}

/* ---------- time (America/New_York, March 2026) ---------- */

const DAY = 86400;
const MAR1_UTC = Date.UTC(2026, 2, 1) / 1000; // local midnight expressed as if UTC
const DST_START_UTC = Date.UTC(2026, 2, 8, 7, 0, 0) / 1000; // 02:00 EST -> 03:00 EDT
const DAYS = 31;

function offsetOf(utcSec) {
  return utcSec < DST_START_UTC ? -5 * 3600 : -4 * 3600;
}

/** Local wall time (day index from Mar 1, second of day) -> UTC epoch seconds. */
function localToUtc(dayIdx, secOfDay) {
  if (dayIdx === 7 && secOfDay >= 7200 && secOfDay < 10800) secOfDay += 3600; // DST gap: wall clock skips 02:xx
  const wall = MAR1_UTC + dayIdx * DAY + secOfDay;
  const beforeDst = dayIdx < 7 || (dayIdx === 7 && secOfDay < 7200);
  return wall + (beforeDst ? 5 * 3600 : 4 * 3600);
}

const dayStr = [];
function dateOfDay(di) {
  let s = dayStr[di];
  if (s === undefined) {
    s = new Date((MAR1_UTC + di * DAY) * 1000).toISOString().slice(0, 10);
    dayStr[di] = s;
  }
  return s;
}
const p2 = (n) => (n < 10 ? "0" + n : "" + n);

function isoLocal(utcSec) {
  const off = offsetOf(utcSec);
  const wall = utcSec + off - MAR1_UTC;
  const di = Math.floor(wall / DAY);
  let s = wall - di * DAY;
  const hh = (s / 3600) | 0;
  s -= hh * 3600;
  const mm = (s / 60) | 0;
  const ss = s - mm * 60;
  return `${dateOfDay(di)}T${p2(hh)}:${p2(mm)}:${p2(ss)}${off === -18000 ? "-05:00" : "-04:00"}`;
}

/* ---------- model constants ---------- */

const QUEUES = [
  "support", "sales", "billing", "tech_support", "orders", "returns", "billing_es", "support_es",
  "retention", "claims", "appointments", "business_ent", "collections", "premium", "shipping",
  "accounts", "fraud", "onboarding", "warranty", "feedback",
];
const AREA_CODES = [212, 646, 917, 718, 347, 929, 201, 973, 516, 631, 914, 845, 732, 908, 610, 215, 203, 860, 617, 508];
const DISPOSITIONS = [
  "resolved_info", "order_placed", "payment_taken", "ticket_opened", "callback_scheduled", "account_updated",
  "refund_issued", "escalated", "troubleshooting", "complaint",
];
const QUOTED_DISPOSITIONS = ['"billing question, escalated"', '"refund, partial"', '"callback requested, no answer"'];

function gauss(m, mu, sd) {
  const z = (m - mu) / sd;
  return Math.exp(-0.5 * z * z);
}

/** Per-minute intraday weights for a weekday or weekend day. */
function intradayWeights(weekend) {
  const w = new Float64Array(1440);
  for (let m = 0; m < 1440; m++) {
    const night = 0.025 + 0.05 * gauss(m, 1200, 120); // evening tail
    w[m] = weekend ? night + 0.55 * gauss(m, 720, 170) : night + 1.0 * gauss(m, 630, 85) + 0.82 * gauss(m, 870, 105);
  }
  return w;
}

function cumulative(w) {
  const c = new Float64Array(w.length);
  let s = 0;
  for (let i = 0; i < w.length; i++) c[i] = s += w[i];
  return c;
}

function pickCum(cum, u) {
  const x = u * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* ---------- the generator ---------- */

export function generate({ rows, seed, out, quiet = false }) {
  const t0 = process.hrtime.bigint();
  const rnd = mulberry32(seed);
  const expo = (mean) => -mean * Math.log(1 - rnd());
  const normal = () => {
    let u = 0;
    while (u === 0) u = rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };

  fs.mkdirSync(out, { recursive: true });
  const paths = dataPaths(rows, seed, out);
  fs.rmSync(paths.manifest, { force: true });
  const csvTmp = paths.csv + ".tmp";
  const qlTmp = paths.queueLog + ".tmp";
  const csv = new Out(csvTmp);
  const ql = new Out(qlTmp);
  csv.write(CSV_HEADER + "\n");

  // Queues: Zipf shares, answer-rate and wait factors, max wait.
  const nQ = QUEUES.length;
  const qShare = QUEUES.map((_, k) => 1 / (k + 1));
  const qCum = cumulative(Float64Array.from(qShare));
  const qAnsFactor = QUEUES.map(() => 0.97 + 0.06 * rnd());
  const qWaitFactor = QUEUES.map(() => 0.75 + 0.5 * rnd());
  const qTimeout = QUEUES.map((_, k) => (k % 4 === 3 ? 600 : 300));

  // Agents: a primary queue (Zipf) and, for half of them, a second one.
  const nAgents = 500;
  const pools = QUEUES.map(() => []);
  const agentPrimary = [];
  for (let i = 0; i < nAgents; i++) {
    const ext = String(1001 + i);
    const q1 = pickCum(qCum, rnd());
    pools[q1].push(ext);
    agentPrimary.push(q1);
    if (rnd() < 0.5) {
      let q2 = pickCum(qCum, rnd());
      if (q2 === q1) q2 = (q1 + 1 + Math.floor(rnd() * (nQ - 1))) % nQ;
      pools[q2].push(ext);
    }
  }
  for (let k = 0; k < nQ; k++) {
    while (pools[k].length < 4) {
      const ext = String(1001 + Math.floor(rnd() * nAgents));
      if (!pools[k].includes(ext)) pools[k].push(ext);
    }
  }

  // Day volumes (largest remainder over noisy weights).
  const transfers = Math.round(rows * 0.025);
  const primaries = rows - transfers;
  const dayW = [];
  for (let d = 0; d < DAYS; d++) {
    const dow = new Date((MAR1_UTC + d * DAY) * 1000).getUTCDay();
    const base = dow === 0 ? 0.3 : dow === 6 ? 0.45 : 1.0;
    dayW.push(base * (1 + 0.05 * normal()));
  }
  const wSum = dayW.reduce((a, b) => a + b, 0);
  const dayN = dayW.map((w) => Math.floor((primaries * w) / wSum));
  const rema = dayW.map((w, d) => [(primaries * w) / wSum - dayN[d], d]).sort((a, b) => b[0] - a[0]);
  for (let i = 0, left = primaries - dayN.reduce((a, b) => a + b, 0); i < left; i++) dayN[rema[i % DAYS][1]]++;

  const wkW = intradayWeights(false);
  const weW = intradayWeights(true);
  const wkCum = cumulative(wkW);
  const weCum = cumulative(weW);
  const wkMax = Math.max(...wkW);
  const weMax = Math.max(...weW);

  // Repeat-caller memory: callers of the last 7 days, chronological.
  let recentT = [];
  let recentC = [];
  let recentStart = 0;
  const newCaller = () =>
    `+1${AREA_CODES[Math.floor(rnd() * AREA_CODES.length)]}${2 + Math.floor(rnd() * 8)}${String(Math.floor(rnd() * 1e6)).padStart(6, "0")}`;

  const events = new Heap();
  const legs = new Heap();
  let seq = 0;
  let lines = 0;
  let contactNo = 0;
  let callNo = 0;
  let bridgeNo = 0;
  const stats = { answered: 0, abandoned: 0, timeout: 0, transferredLegs: 0, repeatCalls: 0, anonymous: 0, waitAnsSum: 0, slWithin20: 0 };

  const ev = (t, s) => events.push({ t, seq: seq++, line: `${t}|${s}\n` });
  const flushEvents = (upTo) => {
    while (events.size > 0 && events.peek().t <= upTo) {
      ql.write(events.pop().line);
      lines++;
    }
  };

  // Agents join their queues just before the month starts.
  const tStart = localToUtc(0, 0) - 3600;
  for (let k = 0; k < nQ; k++) for (const ext of pools[k]) ev(tStart, `NONE|${QUEUES[k]}|PJSIP/${ext}|ADDMEMBER|`);

  /** Simulate one contact (a queue visit), write its CSV row, schedule its queue_log lines. */
  function contact(a, q, callId, customer, forceTransfer, load) {
    flushEvents(a);
    const queue = QUEUES[q];
    const cid = customer === "" ? "anonymous" : customer;
    const origPos = 1 + Math.floor(expo(1.2 + 2.5 * load));
    ev(a, `${callId}|${queue}|NONE|ENTERQUEUE||${cid}|${origPos}`);

    const pAns = Math.min(0.97, qAnsFactor[q] * (0.915 - 0.1 * load));
    const r = rnd();
    const outcome = forceTransfer || r < pAns ? "answered" : r < pAns + 0.01 ? "timeout" : "abandoned";
    contactNo++;
    let row;
    if (outcome === "answered") {
      const wait = Math.min(qTimeout[q] - 1, Math.round(expo(15 * qWaitFactor[q] * (0.55 + 0.75 * load))));
      const talk = Math.max(5, Math.round(Math.exp(Math.log(240) + 0.66 * normal())));
      const hold = rnd() < 0.7 ? 0 : 1 + Math.round(expo(45));
      const acw = Math.round(5 + expo(25));
      const pool = pools[q];
      const agent = pool[Math.floor(rnd() * pool.length)];
      const ans = a + wait;
      const end = ans + talk + hold;
      if (wait >= 16 && rnd() < 0.5) {
        const other = pool[Math.floor(rnd() * pool.length)];
        ev(a + 15, `${callId}|${queue}|PJSIP/${other}|RINGNOANSWER|15000`);
      }
      ev(ans, `${callId}|${queue}|PJSIP/${agent}|CONNECT|${wait}|${ans}.${++bridgeNo}|${Math.min(wait, 1 + Math.floor(rnd() * 6))}`);
      const pos = 1 + Math.floor(rnd() * origPos);
      let disposition;
      let resolved;
      if (forceTransfer) {
        let q2 = pickCum(qCum, rnd());
        if (q2 === q) q2 = (q + 1 + Math.floor(rnd() * (nQ - 1))) % nQ;
        ev(end, `${callId}|${queue}|PJSIP/${agent}|BLINDTRANSFER|${QUEUES[q2]}|from-queue|${wait}|${talk + hold}|${pos}`);
        legs.push({ t: end, seq: seq++, q: q2, callId, customer });
        disposition = "transferred";
        resolved = "0";
      } else {
        const ev2 = rnd() < 0.6 ? "COMPLETECALLER" : "COMPLETEAGENT";
        ev(end, `${callId}|${queue}|PJSIP/${agent}|${ev2}|${wait}|${talk + hold}|${pos}`);
        disposition = rnd() < 0.01 ? QUOTED_DISPOSITIONS[Math.floor(rnd() * 3)] : DISPOSITIONS[Math.floor(rnd() * DISPOSITIONS.length)];
        resolved = rnd() < 0.78 ? "1" : "0";
      }
      let rating = "";
      if (rnd() < 0.18) {
        const u = rnd();
        rating = u < 0.45 ? "5" : u < 0.75 ? "4" : u < 0.87 ? "3" : u < 0.93 ? "2" : "1";
      }
      stats.answered++;
      stats.waitAnsSum += wait;
      if (wait <= 20) stats.slWithin20++;
      row = `C${contactNo},${callId},${queue},${agent},${customer},${isoLocal(a)},${isoLocal(ans)},${isoLocal(end)},answered,${wait},${talk},${hold},${acw},${forceTransfer ? 1 : 0},${disposition},${rating},${resolved}\n`;
    } else {
      let wait;
      if (outcome === "timeout") {
        wait = qTimeout[q] + Math.floor(rnd() * 3);
        stats.timeout++;
      } else {
        wait = rnd() < 0.06 ? Math.floor(rnd() * 5) : Math.min(qTimeout[q] - 1, Math.round(expo(55)));
        stats.abandoned++;
      }
      const end = a + wait;
      const pos = Math.max(1, origPos - Math.floor(rnd() * origPos));
      ev(end, `${callId}|${queue}|NONE|${outcome === "timeout" ? "EXITWITHTIMEOUT" : "ABANDON"}|${pos}|${origPos}|${wait}`);
      row = `C${contactNo},${callId},${queue},,${customer},${isoLocal(a)},,${isoLocal(end)},${outcome},${wait},0,0,0,0,,,\n`;
    }
    csv.write(row);
  }

  function drainLegs(upTo) {
    while (legs.size > 0 && legs.peek().t <= upTo) {
      const l = legs.pop();
      stats.transferredLegs++;
      contact(l.t, l.q, l.callId, l.customer, false, 0.5);
    }
  }

  let transfersLeft = transfers;
  let primariesLeft = primaries;
  for (let d = 0; d < DAYS; d++) {
    const dow = new Date((MAR1_UTC + d * DAY) * 1000).getUTCDay();
    const weekend = dow === 0 || dow === 6;
    const cum = weekend ? weCum : wkCum;
    const w = weekend ? weW : wkW;
    const wMax = weekend ? weMax : wkMax;

    // Lunch pauses for a third of the agents on weekdays.
    if (!weekend) {
      for (let i = 0; i < nAgents; i++) {
        if (rnd() < 0.33) {
          const tp = localToUtc(d, 11 * 3600 + Math.floor(rnd() * 3 * 3600));
          const q = QUEUES[agentPrimary[i]];
          ev(tp, `NONE|${q}|PJSIP/${1001 + i}|PAUSE|lunch`);
          ev(tp + 1800 + Math.floor(rnd() * 1800), `NONE|${q}|PJSIP/${1001 + i}|UNPAUSE|`);
        }
      }
    }

    const n = dayN[d];
    const secs = new Int32Array(n);
    for (let i = 0; i < n; i++) secs[i] = pickCum(cum, rnd()) * 60 + Math.floor(rnd() * 60);
    for (let i = 0; i < n; i++) secs[i] = localToUtc(d, secs[i]) - (MAR1_UTC + d * DAY); // UTC, relative to the day
    secs.sort(); // sorted in UTC: wall times shifted out of the DST gap stay in order

    for (let i = 0; i < n; i++) {
      const a = MAR1_UTC + d * DAY + secs[i];
      drainLegs(a);
      const wallSec = a + offsetOf(a) - MAR1_UTC - d * DAY;
      const load = w[Math.min(1439, (wallSec / 60) | 0)] / wMax;

      // Caller: repeat (seen in the last 7 days), anonymous, or new.
      while (recentStart < recentT.length && recentT[recentStart] < a - 7 * DAY) recentStart++;
      if (recentStart > 200_000) {
        recentT = recentT.slice(recentStart);
        recentC = recentC.slice(recentStart);
        recentStart = 0;
      }
      let customer;
      const u = rnd();
      if (u < 0.007) {
        customer = "";
        stats.anonymous++;
      } else if (u < 0.307 && recentT.length > recentStart) {
        customer = recentC[recentStart + Math.floor(rnd() * (recentT.length - recentStart))];
        stats.repeatCalls++;
      } else {
        customer = newCaller();
      }
      if (customer !== "") {
        recentT.push(a);
        recentC.push(customer);
      }

      const transfer = rnd() * primariesLeft < transfersLeft;
      primariesLeft--;
      if (transfer) transfersLeft--;
      const callId = `${a}.${++callNo}`;
      contact(a, pickCum(qCum, rnd()), callId, customer, transfer, load);
    }
  }
  drainLegs(Infinity);
  flushEvents(Infinity);
  csv.close();
  ql.close();
  fs.renameSync(csvTmp, paths.csv);
  fs.renameSync(qlTmp, paths.queueLog);

  const manifest = {
    generator: "bench/generate.js",
    version: GENERATOR_VERSION,
    rows,
    seed,
    contacts: contactNo,
    csv: { file: path.basename(paths.csv), bytes: csv.bytes, rows: contactNo },
    queueLog: { file: path.basename(paths.queueLog), bytes: ql.bytes, lines },
    calls: callNo,
    answered: stats.answered,
    abandoned: stats.abandoned,
    timeout: stats.timeout,
    transferLegs: stats.transferredLegs,
    repeatCallShare: +(stats.repeatCalls / callNo).toFixed(4),
    answeredShare: +(stats.answered / contactNo).toFixed(4),
    asaSeconds: +(stats.waitAnsSum / stats.answered).toFixed(2),
    answeredWithin20Share: +(stats.slWithin20 / stats.answered).toFixed(4),
    generationSeconds: +(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2),
  };
  fs.writeFileSync(paths.manifest, JSON.stringify(manifest, null, 2) + "\n");
  if (!quiet) process.stderr.write(`generated ${paths.csv} and ${paths.queueLog} in ${manifest.generationSeconds} s\n`);
  return { paths, manifest };
}

/** Generate unless files for the same rows+seed+version already exist with the recorded sizes. */
export function ensureData({ rows, seed, out, force = false, quiet = false }) {
  const paths = dataPaths(rows, seed, out);
  if (!force) {
    try {
      const m = JSON.parse(fs.readFileSync(paths.manifest, "utf8"));
      if (
        m.version === GENERATOR_VERSION && m.rows === rows && m.seed === seed &&
        fs.statSync(paths.csv).size === m.csv.bytes && fs.statSync(paths.queueLog).size === m.queueLog.bytes
      ) {
        if (!quiet) process.stderr.write(`data for rows=${rows} seed=${seed} already in ${out}, not regenerated\n`);
        return { paths, manifest: m, reused: true };
      }
    } catch {
      /* missing or stale: generate */
    }
  }
  return { ...generate({ rows, seed, out, quiet }), reused: false };
}

function parseArgs(argv) {
  const o = { rows: 1_000_000, seed: 42, out: path.join(path.dirname(fileURLToPath(import.meta.url)), "data"), force: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--rows") o.rows = Number(val());
    else if (a === "--seed") o.seed = Number(val());
    else if (a === "--out") o.out = val();
    else if (a === "--force") o.force = true;
    else if (a === "--quiet" || a === "-q") o.quiet = true;
    else if (a === "-h" || a === "--help") {
      process.stdout.write("node bench/generate.js [--rows 1000000] [--seed 42] [--out bench/data] [--force] [--quiet]\n");
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(o.rows) || o.rows < 100) throw new Error("--rows must be an integer >= 100");
  if (!Number.isInteger(o.seed)) throw new Error("--seed must be an integer");
  return o;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const r = ensureData(parseArgs(process.argv.slice(2)));
    process.stdout.write(JSON.stringify(r.manifest, null, 2) + "\n");
  } catch (e) {
    process.stderr.write(`generate.js: ${e.message}\n`);
    process.exit(2);
  }
}
