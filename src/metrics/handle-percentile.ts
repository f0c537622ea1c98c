/**
 * `handle-percentile` = a percentile (the median by default) of the handle time
 * (or the talk time) of handled contacts, from additive histograms.
 */
import { z } from "zod";
import { facts } from "../engine/facts.js";
import { percentileOf } from "../engine/records.js";
import { defineMetric } from "./define.js";

const options = z
  .object({
    percentile: z.number().min(0).max(100).default(50),
    part: z.enum(["handle", "talk"]).default("handle"),
  })
  .strict();

export default defineMetric({
  id: "handle-percentile",
  title: "Handle percentile",
  unit: "seconds",
  description: "A percentile of handle time (median by default), or of talk time.",
  details: `handle-percentile = the percentile-th percentile [50: the median] of part [handle = talk + hold + acw; or
talk] over handled contacts (answered, talk ended). Linear interpolation between the two nearest ranks; whole
seconds (rounded) in a histogram per interval record, summed for days and months (never an average of
percentiles). Under --attribution end, a contact counts where its after-call work ended. No value without
handled contacts.`,
  needs: ["contacts"],
  options,
  facts: (o) => ({ h: facts.handleHist(o.part) }),
  value: (_p, o, h) => (h.h ? percentileOf(h.h, o.percentile) : null),
});
