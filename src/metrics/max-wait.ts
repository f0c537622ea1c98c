/** `max-wait`: the longest wait of any offered contact; rolls up by max, not sum. */
import { facts } from "../engine/facts.js";
import { defineMetric } from "./define.js";
import { noOptions } from "./define.js";

export default defineMetric({
  id: "max-wait",
  title: "Max wait",
  unit: "seconds",
  description: "Longest wait of an offered contact.",
  details: `max-wait = max(wait) over offered contacts (answered and unanswered), in seconds.
Rolls up by max, not by sum. No value when nothing was offered.`,
  needs: ["contacts"],
  options: noOptions,
  facts: () => ({ max: facts.waitMax, offered: facts.offered }),
  value: (p) => (p.offered ? (p.max ?? 0) : null),
});
