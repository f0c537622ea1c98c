/**
 * `abandon-rate` = abandoned / offered, by default without short abandons on
 * either side (METRICS.md §3, AB-4 in mission-anchors §2.2).
 */
import { z } from "zod";
import { facts } from "../engine/facts.js";
import { defineMetric, ratio } from "./define.js";
import { shortAbandonSeconds } from "./define.js";

export default defineMetric({
  id: "abandon-rate",
  title: "Abandon rate",
  unit: "percent",
  description: "Share of offered contacts abandoned in queue.",
  details: `abandon-rate = abandoned / offered.
Options:
  excludeShortAbandons [true]: removes abandons with wait <= shortAbandonSeconds [5] from both sides:
    (abandoned - short) / (offered - short).
  countTimeoutsAsAbandons [false]: adds timeouts (EXITWITHTIMEOUT) to the numerator, as Asterisk's
    own callsabandoned counter does.
No value when the denominator is 0.`,
  needs: ["contacts"],
  options: z
    .object({
      excludeShortAbandons: z.boolean().default(true),
      countTimeoutsAsAbandons: z.boolean().default(false),
      shortAbandonSeconds,
    })
    .strict(),
  // The options act through the facts, not through value(): the report resolves
  // facts per queue but calls value() with the default options, so a queue that
  // overrides excludeShortAbandons or countTimeoutsAsAbandons must say so in its
  // parts (an absent part sums as 0).
  facts: (o) => ({
    abandoned: facts.abandoned,
    offered: facts.offered,
    ...(o.countTimeoutsAsAbandons ? { timeout: facts.timeout } : {}),
    ...(o.excludeShortAbandons ? { short: facts.abandonedWithin(o.shortAbandonSeconds) } : {}),
  }),
  value: (p) => {
    const short = p.short ?? 0;
    const num = (p.abandoned ?? 0) - short + (p.timeout ?? 0);
    return ratio(num, (p.offered ?? 0) - short);
  },
});
