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
import { lit, parseArgs, printCsv, reportSql } from "./duckdb-report.mjs";

const { file, threads, tz } = parseArgs(process.argv.slice(2), "node bench/duckdb-queue-log.mjs <queue_log> [--threads N] [--tz ZONE]");

// The stints first, into a table: with them in a CTE, the report's ASOF join took 7 s on 100k contacts, 0.2 s from the table.
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
             max(CASE WHEN event = 'BLINDTRANSFER' THEN CAST(d4 AS DOUBLE) END)) AS handle -- talk: queue_log has no hold or wrap-up
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
// An interval's label: local time and offset (-05:00) of its start, epoch seconds `s`.
const label = `
CREATE MACRO interval_label(s) AS
  strftime(timezone(${lit(tz)}, to_timestamp(s)), '%Y-%m-%dT%H:%M:%S')
  || (CASE WHEN epoch(timezone(${lit(tz)}, to_timestamp(s))) < s THEN '-' ELSE '+' END)
  || lpad(CAST(abs(CAST(epoch(timezone(${lit(tz)}, to_timestamp(s))) - s AS BIGINT)) // 3600 AS VARCHAR), 2, '0') || ':'
  || lpad(CAST(abs(CAST(epoch(timezone(${lit(tz)}, to_timestamp(s))) - s AS BIGINT)) % 3600 // 60 AS VARCHAR), 2, '0')`;

await printCsv({
  threads,
  setup: [stints, label],
  query: reportSql({ k: "k", tEnd: "max(fin)", offered: "count(*)", bucket: "arr // 1800 * 1800 AS bucket", label: "interval_label(bucket)" }),
});
