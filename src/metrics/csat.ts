/** `csat` = mean score over rated contacts. */
import { facts } from "../engine/facts.js";
import { defineMetric, ratio } from "./define.js";
import { noOptions } from "./define.js";

export default defineMetric({
  id: "csat",
  title: "CSAT",
  unit: "score",
  description: "Mean satisfaction score over rated contacts.",
  details: `csat = sum(rating) / rated contacts. Unrated contacts are left out of both sides.`,
  needs: ["contacts"],
  options: noOptions,
  facts: () => ({ sum: facts.ratingSum, rated: facts.rated }),
  value: (p) => ratio(p.sum, p.rated),
});
