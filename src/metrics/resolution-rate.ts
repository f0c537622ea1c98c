/** `resolution-rate` (问题解决率) = contacts flagged resolved / offered. */
import { facts } from "../engine/facts.js";
import { defineMetric, ratio } from "./define.js";
import { noOptions } from "./define.js";

export default defineMetric({
  id: "resolution-rate",
  title: "Resolution rate",
  unit: "percent",
  description: "Share of offered contacts flagged resolved by the source.",
  details: `resolution-rate = contacts flagged resolved / offered, for sources that carry a resolved flag
(surveys, CRM exports). No value when no contact in the row carries the flag at all.`,
  needs: ["contacts"],
  options: noOptions,
  facts: () => ({ resolved: facts.resolvedFlag, offered: facts.offered, known: facts.resolvedKnown }),
  value: (p) => (p.known ? ratio(p.resolved, p.offered) : null),
});
