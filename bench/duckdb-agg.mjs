#!/usr/bin/env node
/**
 * The benchmark's report computed by DuckDB from the cckpi contact CSV, for a side-by-side time:
 * per (30-min local interval of arrival, queue): offered, service level (answered <= 20 s /
 * (offered - abandons <= 5 s)), abandon rate ((abandoned - short) / (offered - short)), ASA,
 * AHT ((talk + hold + acw) / answered), FCR (72 h repeat-caller window on digits of `customer`,
 * any queue, censored past the latest timestamp). Output: CSV with the same columns as
 * `cckpi report ... --by interval,queue --metrics offered,service-level,abandon-rate,asa,aht,fcr -f csv`.
 *
 * Usage: node bench/duckdb-agg.mjs <contacts.csv> [--threads N]
 * Needs `cd bench && npm install` (@duckdb/node-api); not part of cckpi.
 * Assumes arrived_at/answered_at/ended_at carry an offset (as bench/generate.js writes them).
 */
import { DuckDBInstance } from "@duckdb/node-api";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
const ti = args.indexOf("--threads");
const threads = ti >= 0 ? Number(args[ti + 1]) : null;
if (!file) {
  process.stderr.write("usage: node bench/duckdb-agg.mjs <contacts.csv> [--threads N]\n");
  process.exit(2);
}

const db = await DuckDBInstance.create(":memory:", threads ? { threads: String(threads) } : {});
const con = await db.connect();
const lit = (s) => `'${s.replace(/'/g, "''")}'`;
const FMT = "'%Y-%m-%dT%H:%M:%S%z'";

const sql = `
WITH raw AS (
  SELECT * FROM read_csv(${lit(file)}, header = true, all_varchar = true)
), c AS (
  SELECT
    queue,
    outcome,
    arrived_at,
    epoch(strptime(arrived_at, ${FMT})) AS arr,
    epoch(strptime(ended_at, ${FMT})) AS fin,
    epoch(strptime(nullif(answered_at, ''), ${FMT})) AS ans,
    CAST(wait_seconds AS DOUBLE) AS wait,
    CAST(talk_seconds AS DOUBLE) + CAST(hold_seconds AS DOUBLE) + CAST(acw_seconds AS DOUBLE) AS handle,
    nullif(regexp_replace(customer, '[^0-9]', '', 'g'), '') AS k0
  FROM raw
), k AS (
  SELECT *, CASE WHEN k0 IS NULL OR regexp_full_match(k0, '0+') THEN NULL ELSE k0 END AS fkey FROM c
), data_end AS (
  SELECT greatest(max(arr), max(fin), max(ans)) AS t_end FROM k
), arrivals AS (
  SELECT fkey, arr FROM k WHERE fkey IS NOT NULL
), judged AS (
  SELECT k.*, nxt.arr AS next_arr
  FROM k ASOF LEFT JOIN arrivals nxt ON k.fkey = nxt.fkey AND nxt.arr > k.fin
), g AS (
  SELECT
    time_bucket(INTERVAL 30 minutes, CAST(substr(arrived_at, 1, 19) AS TIMESTAMP)) AS bucket,
    any_value(substr(arrived_at, 20)) AS off,
    queue,
    count(*) FILTER (WHERE outcome <> 'not_joined') AS offered,
    count(*) FILTER (WHERE outcome = 'answered') AS answered,
    count(*) FILTER (WHERE outcome = 'answered' AND wait <= 20) AS ans20,
    count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
    count(*) FILTER (WHERE outcome = 'abandoned' AND wait <= 5) AS short,
    sum(wait) FILTER (WHERE outcome = 'answered') AS wait_ans,
    sum(handle) FILTER (WHERE outcome = 'answered') AS handle_sum,
    count(*) FILTER (WHERE outcome = 'answered' AND fkey IS NOT NULL AND fin + 72 * 3600 <= (SELECT t_end FROM data_end)) AS eligible,
    count(*) FILTER (WHERE outcome = 'answered' AND fkey IS NOT NULL AND fin + 72 * 3600 <= (SELECT t_end FROM data_end)
                      AND (next_arr IS NULL OR next_arr > fin + 72 * 3600)) AS resolved
  FROM judged
  GROUP BY ALL
)
SELECT
  strftime(bucket, '%Y-%m-%dT%H:%M:%S') || off AS interval_start,
  queue,
  offered,
  ans20 / nullif(offered - short, 0) AS service_level,
  (abandoned - short) / nullif(offered - short, 0) AS abandon_rate,
  wait_ans / nullif(answered, 0) AS asa,
  handle_sum / nullif(answered, 0) AS aht,
  resolved / nullif(eligible, 0) AS fcr
FROM g
ORDER BY bucket, queue`;

const reader = await con.runAndReadAll(sql);
const cols = reader.columnNames();
const out = [cols.join(",")];
for (const r of reader.getRows()) out.push(r.map((v) => (v === null ? "" : String(v))).join(","));
process.stdout.write(out.join("\n") + "\n");
