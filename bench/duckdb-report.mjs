/**
 * What the two DuckDB scripts (duckdb-agg.mjs for the contact CSV, duckdb-queue-log.mjs for the
 * queue_log) share: their arguments, the report's aggregates over a relation of contacts, and the
 * CSV they print. Not part of cckpi.
 */
import { DuckDBInstance } from "@duckdb/node-api";

/** `<file> [--threads N] [--tz ZONE]`; exits with `usage` when the file is missing. */
export function parseArgs(argv, usage) {
  const valued = new Set(["--threads", "--tz"]);
  const file = argv.find((a, i) => !a.startsWith("--") && !valued.has(argv[i - 1] ?? ""));
  const opt = (name, dflt) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : dflt;
  };
  if (!file) {
    process.stderr.write(`usage: ${usage}\n`);
    process.exit(2);
  }
  return { file, threads: opt("--threads", null), tz: opt("--tz", "America/New_York") };
}

export const lit = (s) => `'${s.replace(/'/g, "''")}'`;

/**
 * The report from relation `k`, one row per contact with columns queue, outcome, arr and fin
 * (epoch seconds: arrival, end), wait, handle (seconds), fkey (the FCR key: caller digits, or
 * NULL) and whatever `bucket` reads: per (interval, queue) offered (`offered`: a count
 * expression), service level (answered <= 20 s / (offered - abandons <= 5 s)), abandon rate,
 * ASA, AHT, FCR (72 h repeat-caller window, any queue, censored past `tEnd`). `bucket` selects
 * `bucket` (sorts the rows) and what `label` (the interval_start text) reads from it.
 */
export function reportSql({ k, tEnd, offered, bucket, label }) {
  return `
WITH data_end AS (
  SELECT ${tEnd} AS t_end FROM ${k}
), arrivals AS (
  SELECT fkey, arr FROM ${k} WHERE fkey IS NOT NULL
), judged AS (
  SELECT k.*, nxt.arr AS next_arr
  FROM ${k} k ASOF LEFT JOIN arrivals nxt ON k.fkey = nxt.fkey AND nxt.arr > k.fin
), g AS (
  SELECT
    ${bucket},
    queue,
    ${offered} AS offered,
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
  ${label} AS interval_start,
  queue,
  offered,
  ans20 / nullif(offered - short, 0) AS service_level,
  (abandoned - short) / nullif(offered - short, 0) AS abandon_rate,
  wait_ans / nullif(answered, 0) AS asa,
  handle_sum / nullif(answered, 0) AS aht,
  resolved / nullif(eligible, 0) AS fcr
FROM g
ORDER BY bucket, queue`;
}

/** Run `setup` statements then `query` in a fresh in-memory database; print the result as CSV. */
export async function printCsv({ threads, setup = [], query }) {
  const db = await DuckDBInstance.create(":memory:", threads ? { threads: String(threads) } : {});
  const con = await db.connect();
  for (const s of setup) await con.run(s);
  const reader = await con.runAndReadAll(query);
  const out = [reader.columnNames().join(",")];
  for (const r of reader.getRows()) out.push(r.map((v) => (v === null ? "" : String(v))).join(","));
  process.stdout.write(out.join("\n") + "\n");
}
