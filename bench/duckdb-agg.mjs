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
 * Assumes arrived_at/answered_at/ended_at carry an offset (as bench/generate.js writes them):
 * the interval is read from the local time and labelled with its offset.
 */
import { lit, parseArgs, printCsv, reportSql } from "./duckdb-report.mjs";

const { file, threads } = parseArgs(process.argv.slice(2), "node bench/duckdb-agg.mjs <contacts.csv> [--threads N]");
const FMT = "'%Y-%m-%dT%H:%M:%S%z'";

// The contacts, into a table that the report reads three times.
const contacts = `
CREATE TEMP TABLE k AS
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
)
SELECT *, CASE WHEN k0 IS NULL OR regexp_full_match(k0, '0+') THEN NULL ELSE k0 END AS fkey FROM c`;

await printCsv({
  threads,
  setup: [contacts],
  query: reportSql({
    k: "k",
    tEnd: "greatest(max(arr), max(fin), max(ans))",
    offered: "count(*) FILTER (WHERE outcome <> 'not_joined')",
    bucket: "time_bucket(INTERVAL 30 minutes, CAST(substr(arrived_at, 1, 19) AS TIMESTAMP)) AS bucket, any_value(substr(arrived_at, 20)) AS off",
    label: "strftime(bucket, '%Y-%m-%dT%H:%M:%S') || off",
  }),
});
