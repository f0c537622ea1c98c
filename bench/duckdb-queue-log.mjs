#!/usr/bin/env node
/**
 * The benchmark's report computed by DuckDB from the Asterisk queue_log that bench/generate.js
 * writes (the same month as the contact CSV), for a side-by-side time: each queue stint
 * (callid x queue, from ENTERQUEUE to its ending event) is one contact; per (30-min local
 * interval of arrival, queue) the same columns as duckdb-agg.mjs: offered, service level,
 * abandon rate, ASA, AHT (talk: queue_log has no hold or wrap-up), FCR (72 h repeat-caller
 * window on the caller id's digits, any queue, censored past the latest stint end).
 *
 * Written for the generator's log, not for every queue_log: the events it writes
 * (ENTERQUEUE, CONNECT, COMPLETECALLER/COMPLETEAGENT, BLINDTRANSFER, ABANDON, EXITWITHTIMEOUT;
 * RINGNOANSWER and agent events are not contacts), one entry per callid and queue, whole-hour
 * zone offsets (a 30-min interval in UTC is one in local time). Stints without an ending event
 * are left out, as cckpi leaves out calls still open at the end of the data.
 *
 * Usage: node bench/duckdb-queue-log.mjs <queue_log> [--threads N] [--tz America/New_York]
 * Needs `cd bench && npm install` (@duckdb/node-api); not part of cckpi.
 */
import { DuckDBInstance } from "@duckdb/node-api";

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith("--") && !["--threads", "--tz"].includes(args[i - 1] ?? ""));
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const threads = opt("--threads", null);
const tz = opt("--tz", "America/New_York");
if (!file) {
  process.stderr.write("usage: node bench/duckdb-queue-log.mjs <queue_log> [--threads N] [--tz ZONE]\n");
  process.exit(2);
}

const db = await DuckDBInstance.create(":memory:", threads ? { threads: String(threads) } : {});
const con = await db.connect();
const lit = (s) => `'${s.replace(/'/g, "''")}'`;

// The stints first, into a table: with them in a CTE, the ASOF join below took 7 s on 100k contacts, 0.2 s from the table.
const stints = `
CREATE TEMP TABLE k AS
WITH raw AS (
  SELECT * FROM read_csv(${lit(file)}, delim = '|', header = false, quote = '', escape = '', null_padding = true, auto_detect = false,
    columns = {'t': 'BIGINT', 'callid': 'VARCHAR', 'queue': 'VARCHAR', 'agent': 'VARCHAR', 'event': 'VARCHAR',
               'd1': 'VARCHAR', 'd2': 'VARCHAR', 'd3': 'VARCHAR', 'd4': 'VARCHAR', 'd5': 'VARCHAR'})
), stint AS (
  SELECT
    callid, queue,
    min(t) FILTER (WHERE event = 'ENTERQUEUE') AS arr,
    any_value(d2) FILTER (WHERE event = 'ENTERQUEUE') AS customer,
    max(t) FILTER (WHERE event IN ('COMPLETECALLER', 'COMPLETEAGENT', 'BLINDTRANSFER', 'ABANDON', 'EXITWITHTIMEOUT')) AS fin,
    CASE
      WHEN bool_or(event IN ('COMPLETECALLER', 'COMPLETEAGENT', 'BLINDTRANSFER')) THEN 'answered'
      WHEN bool_or(event = 'ABANDON') THEN 'abandoned'
      WHEN bool_or(event = 'EXITWITHTIMEOUT') THEN 'timeout'
    END AS outcome,
    -- CASE, not FILTER: a cast is evaluated before the filter, on every event's fields.
    coalesce(max(CASE WHEN event = 'CONNECT' THEN CAST(d1 AS DOUBLE) END),
             max(CASE WHEN event IN ('ABANDON', 'EXITWITHTIMEOUT') THEN CAST(d3 AS DOUBLE) END)) AS wait,
    coalesce(max(CASE WHEN event IN ('COMPLETECALLER', 'COMPLETEAGENT') THEN CAST(d2 AS DOUBLE) END),
             max(CASE WHEN event = 'BLINDTRANSFER' THEN CAST(d4 AS DOUBLE) END)) AS talk
  FROM raw
  WHERE event IN ('ENTERQUEUE', 'CONNECT', 'COMPLETECALLER', 'COMPLETEAGENT', 'BLINDTRANSFER', 'ABANDON', 'EXITWITHTIMEOUT')
  GROUP BY callid, queue
), c AS (
  SELECT *, nullif(regexp_replace(customer, '[^0-9]', '', 'g'), '') AS k0
  FROM stint WHERE arr IS NOT NULL AND outcome IS NOT NULL
), k2 AS (
  SELECT *, CASE WHEN k0 IS NULL OR regexp_full_match(k0, '0+') THEN NULL ELSE k0 END AS fkey FROM c
)
SELECT * FROM k2`;

const sql = `
WITH data_end AS (
  SELECT max(fin) AS t_end FROM k
), arrivals AS (
  SELECT fkey, arr FROM k WHERE fkey IS NOT NULL
), judged AS (
  SELECT k.*, nxt.arr AS next_arr
  FROM k ASOF LEFT JOIN arrivals nxt ON k.fkey = nxt.fkey AND nxt.arr > k.fin
), g AS (
  SELECT
    arr // 1800 * 1800 AS bucket,
    queue,
    count(*) AS offered,
    count(*) FILTER (WHERE outcome = 'answered') AS answered,
    count(*) FILTER (WHERE outcome = 'answered' AND wait <= 20) AS ans20,
    count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
    count(*) FILTER (WHERE outcome = 'abandoned' AND wait <= 5) AS short,
    sum(wait) FILTER (WHERE outcome = 'answered') AS wait_ans,
    sum(talk) FILTER (WHERE outcome = 'answered') AS handle_sum,
    count(*) FILTER (WHERE outcome = 'answered' AND fkey IS NOT NULL AND fin + 72 * 3600 <= (SELECT t_end FROM data_end)) AS eligible,
    count(*) FILTER (WHERE outcome = 'answered' AND fkey IS NOT NULL AND fin + 72 * 3600 <= (SELECT t_end FROM data_end)
                      AND (next_arr IS NULL OR next_arr > fin + 72 * 3600)) AS resolved
  FROM judged
  GROUP BY ALL
), labelled AS (
  SELECT *, timezone(${lit(tz)}, to_timestamp(bucket)) AS local_start,
         CAST(epoch(timezone(${lit(tz)}, to_timestamp(bucket))) - bucket AS BIGINT) AS off_s
  FROM g
)
SELECT
  strftime(local_start, '%Y-%m-%dT%H:%M:%S')
    || (CASE WHEN off_s < 0 THEN '-' ELSE '+' END)
    || lpad(CAST(abs(off_s) // 3600 AS VARCHAR), 2, '0') || ':' || lpad(CAST(abs(off_s) % 3600 // 60 AS VARCHAR), 2, '0') AS interval_start,
  queue,
  offered,
  ans20 / nullif(offered - short, 0) AS service_level,
  (abandoned - short) / nullif(offered - short, 0) AS abandon_rate,
  wait_ans / nullif(answered, 0) AS asa,
  handle_sum / nullif(answered, 0) AS aht,
  resolved / nullif(eligible, 0) AS fcr
FROM labelled
ORDER BY bucket, queue`;

await con.run(stints);
const reader = await con.runAndReadAll(sql);
const cols = reader.columnNames();
const out = [cols.join(",")];
for (const r of reader.getRows()) out.push(r.map((v) => (v === null ? "" : String(v))).join(","));
process.stdout.write(out.join("\n") + "\n");
