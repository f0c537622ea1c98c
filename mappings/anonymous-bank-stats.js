// Anonymous Bank (Technion, 1999) per-day statistics as a third party published them in
// daily_metrics.csv (see ../shared/data/real/PROVENANCE.md §1): averages over ALL rows, PHANTOM
// calls and unserved calls included. These are not cckpi KPIs (cckpi's avg-talk is over handled contacts, asa over
// answered), so they ship as a plugin next to the mapping:
//
//   npx cckpi report august_calls.csv --config mappings/anonymous-bank-technion.json \
//     --plugin mappings/anonymous-bank-stats.js \
//     --metrics all-rows,avg-service-all,avg-queue-all,median-queue-all,hangs,hang-rate-all,efficiency-score --by day
//
// Every figure comes from additive sums or histograms, so a month is exact too. Not reproduced:
//   - avg_service_time and, on 11 of the 31 August days, median_service_time: the export records
//     service seconds on some HANG and PHANTOM rows (1,098 s on 1999-08-01) and the publisher
//     counted them; cckpi gives an unanswered contact no talk (METRICS.md §1), so avg-service-all
//     is lower by exactly those seconds / rows;
//   - std_service_time (it would inherit the same difference);
//   - avg/median_vru_time: vru_time is not mapped (no KPI uses it).
export default ({ defineMetric, facts, ratio, percentileOf, z }) => {
  const noOptions = z.object({}).strict();
  const sum = (key, description, of) => ({ key, kind: "sum", phase: "queue", description, of });
  // Every row: the outcome does not matter (PHANTOM = not_joined is a row too).
  const rows = sum("ab_rows", "every row, not joined included", () => 1);
  const service = sum("ab_service_s", "service seconds of every row", (c) => c.talkSeconds);
  const queue = sum("ab_queue_s", "queue seconds of every row", (c) => (c.waitSeconds === c.waitSeconds ? c.waitSeconds : 0));
  // Distributions (whole seconds) for the medians: histograms add up like sums.
  const hist = (key, description, of) => ({ key, kind: "hist", phase: "queue", description, of });
  const serviceHist = hist("ab_service_hist", "service seconds of every row", (c) => c.talkSeconds);
  const queueHist = hist("ab_queue_hist", "queue seconds of every row", (c) => (c.waitSeconds === c.waitSeconds ? c.waitSeconds : 0));
  const metric = (id, title, unit, details, f, value) =>
    defineMetric({ id, title, unit, description: details.split("\n")[0], details, needs: ["contacts"], options: noOptions, facts: () => f, value });
  return [
    metric("all-rows", "Rows", "count", "all-rows = every contact row, not-joined (PHANTOM) included (daily_metrics total_calls)", { n: rows }, (p) => p.n ?? 0),
    metric("avg-service-all", "Avg service (all)", "seconds", "avg-service-all = sum of service seconds / all rows, unserved rows counting 0 (avg_service_time)", { s: service, n: rows }, (p) => ratio(p.s, p.n)),
    metric("avg-queue-all", "Avg queue (all)", "seconds", "avg-queue-all = sum of queue seconds / all rows (avg_queue_time)", { s: queue, n: rows }, (p) => ratio(p.s, p.n)),
    metric("median-service-all", "Median service (all)", "seconds", "median-service-all = median of service seconds over all rows (median_service_time)", { h: serviceHist }, (_p, _o, h) => (h.h ? percentileOf(h.h, 50) : null)),
    metric("median-queue-all", "Median queue (all)", "seconds", "median-queue-all = median of queue seconds over all rows (median_queue_time)", { h: queueHist }, (_p, _o, h) => (h.h ? percentileOf(h.h, 50) : null)),
    metric("hangs", "Hangs", "count", "hangs = HANG rows (abandoned)", { n: facts.abandoned }, (p) => p.n ?? 0),
    metric("hang-rate-all", "Hang rate (all)", "percent", "hang-rate-all = HANG rows / all rows (hang_rate, as a fraction)", { h: facts.abandoned, n: rows }, (p) => ratio(p.h, p.n)),
    metric("efficiency-score", "Efficiency", "percent", "efficiency-score = 1 - hang-rate-all (efficiency_score, as a fraction)", { h: facts.abandoned, n: rows }, (p) => {
      const r = ratio(p.h, p.n);
      return r === null ? null : 1 - r;
    }),
  ];
};
