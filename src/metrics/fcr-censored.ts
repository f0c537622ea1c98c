/** `fcr-censored`: answered contacts too close to the data end to judge for FCR. */
import { defineMetric } from "./define.js";
import { FCR_RULE, fcrFacts, fcrOptions } from "./fcr.js";

export default defineMetric({
  id: "fcr-censored",
  title: "FCR censored",
  unit: "count",
  description: "Answered contacts whose FCR window reaches past the end of the data.",
  details: `fcr-censored = answered contacts with a key whose window (end, end + W] reaches past the latest
timestamp read. They are in neither side of fcr.\n${FCR_RULE}`,
  needs: ["contacts"],
  options: fcrOptions,
  facts: fcrFacts,
  value: (p) => p.censored ?? 0,
});
