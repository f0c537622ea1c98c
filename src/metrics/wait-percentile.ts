/**
 * `wait-percentile` = a percentile (the median by default) of the waits of
 * answered, abandoned or all offered contacts, from additive histograms.
 */
import { z } from "zod";
import { facts } from "../engine/facts.js";
import { percentileOf } from "../engine/records.js";
import { defineMetric } from "./define.js";

const options = z
  .object({
    percentile: z.number().min(0).max(100).default(50),
    of: z.enum(["answered", "abandoned", "offered"]).default("answered"),
  })
  .strict();

export default defineMetric({
  id: "wait-percentile",
  title: "Wait percentile",
  unit: "seconds",
  description: "A percentile of the wait (median by default) of answered, abandoned or offered contacts.",
  details: `wait-percentile = the percentile-th percentile [50: the median] of the waits of the contacts chosen by
of [answered; or abandoned, offered]. Linear interpolation between the two nearest ranks (numpy's default):
the median of an even count is the mean of the two middle waits. Waits are counted in whole seconds
(rounded), in a histogram per interval record; histograms add up, so a day's or a month's percentile is the
percentile of all its contacts, never an average of interval percentiles. No value without contacts.`,
  needs: ["contacts"],
  options,
  facts: (o) => ({ h: facts.waitHist(o.of) }),
  value: (_p, o, h) => (h.h ? percentileOf(h.h, o.percentile) : null),
});
