/** `repeat-rate` = 1 - FCR. */
import { defineMetric, ratio } from "./define.js";
import { FCR_RULE, fcrFacts, fcrOptions } from "./fcr.js";

export default defineMetric({
  id: "repeat-rate",
  title: "Repeat rate",
  unit: "percent",
  description: "Share of eligible answered contacts followed by a repeat within the window (1 - FCR).",
  details: `repeat-rate = (eligible - resolved) / eligible = 1 - fcr.\n${FCR_RULE}`,
  needs: ["contacts"],
  options: fcrOptions,
  facts: fcrFacts,
  value: (p) => ratio((p.eligible ?? 0) - (p.resolved ?? 0), p.eligible),
});
