// Anonymous Bank (Technion, 1999) per-day statistics as a third party published them in
// daily_metrics.csv (see ../shared/data/real/PROVENANCE.md §1): averages over ALL rows, PHANTOM
// calls and unserved calls included. These are not cckpi KPIs (cckpi's avg-talk is over handled contacts, asa over
// answered), so they ship as a plugin next to the mapping:
//
//   npx cckpi report august_calls.csv --config mappings/anonymous-bank-technion.json \
//     --plugin mappings/anonymous-bank-stats.js \
//     --metrics all-rows,avg-service-all,median-service-all,std-service-all,avg-vru-all,median-vru-all,
//               avg-queue-all,median-queue-all,hangs,hang-rate-all,efficiency-score --by day
//
// Every figure comes from additive sums (and a sum of squares) or histograms, so a month is
// exact too, and every August day of daily_metrics.csv is reproduced. The service time counts
// what the export recorded on every row, HANG rows included (a few carry service seconds):
// cckpi's own KPIs (avg-talk, aht) count handled contacts only.
export default ({ defineMetric, facts, ratio, percentileOf, z }) => {
  const noOptions = z.object({}).strict();
  const sum = (key, description, of) => ({ key, kind: "sum", phase: "queue", description, of });
  // Every row: the outcome does not matter (PHANTOM = not_joined is a row too).
  const rows = sum("ab_rows", "every row, not joined included", () => 1);
  const service = sum("ab_service_s", "service seconds of every row", (c) => c.talkSeconds);
  const service2 = sum("ab_service_sq", "squared service seconds of every row", (c) => c.talkSeconds * c.talkSeconds);
  const vru = sum("ab_vru_s", "IVR seconds of every row (negatives read as 0 by the mapping)", (c) => c.ivrSeconds ?? 0);
  const queue = sum("ab_queue_s", "queue seconds of every row", (c) => (c.waitSeconds === c.waitSeconds ? c.waitSeconds : 0));
  // Distributions (whole seconds) for the medians: histograms add up like sums.
  const hist = (key, description, of) => ({ key, kind: "hist", phase: "queue", description, of });
  const serviceHist = hist("ab_service_hist", "service seconds of every row", (c) => c.talkSeconds);
  const vruHist = hist("ab_vru_hist", "IVR seconds of every row", (c) => c.ivrSeconds ?? 0);
  const queueHist = hist("ab_queue_hist", "queue seconds of every row", (c) => (c.waitSeconds === c.waitSeconds ? c.waitSeconds : 0));
  const metric = (id, title, unit, details, f, value) =>
    defineMetric({ id, title, unit, description: details.split("\n")[0], details, needs: ["contacts"], options: noOptions, facts: () => f, value });
  return [
    metric("all-rows", "Rows", "count", "all-rows = every contact row, not-joined (PHANTOM) included (daily_metrics total_calls)", { n: rows }, (p) => p.n ?? 0),
    metric("avg-service-all", "Avg service (all)", "seconds", "avg-service-all = sum of service seconds / all rows, unserved rows counting 0 (avg_service_time)", { s: service, n: rows }, (p) => ratio(p.s, p.n)),
    metric(
      "std-service-all",
      "Std service (all)",
      "seconds",
      "std-service-all = sample standard deviation of service seconds over all rows (std_service_time)\nsqrt((sum x^2 - (sum x)^2 / n) / (n - 1)), from additive sums",
      { s: service, s2: service2, n: rows },
      (p) => (p.n > 1 ? Math.sqrt(Math.max(0, (p.s2 - (p.s * p.s) / p.n) / (p.n - 1))) : null),
    ),
    metric("avg-vru-all", "Avg VRU (all)", "seconds", "avg-vru-all = sum of IVR seconds / all rows, negatives as 0 (avg_vru_time)", { s: vru, n: rows }, (p) => ratio(p.s, p.n)),
    metric("median-vru-all", "Median VRU (all)", "seconds", "median-vru-all = median of IVR seconds over all rows (median_vru_time)", { h: vruHist }, (_p, _o, h) => (h.h ? percentileOf(h.h, 50) : null)),
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
