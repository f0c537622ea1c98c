/** `fcr`: first-contact resolution by the repeat-caller method, with censoring (METRICS.md §3). */
import { defineMetric, ratio } from "./define.js";
import { z } from "zod";
import { facts } from "../engine/facts.js";

/* Options shared by fcr, repeat-rate and fcr-censored: they must agree to describe one computation. */
export const fcrOptions = z
  .object({
    windowHours: z.number().positive().default(72),
    sameQueue: z.boolean().default(false),
  })
  .strict();

export type FcrOptions = z.output<typeof fcrOptions>;

export const fcrFacts = (o: FcrOptions) => ({
  eligible: facts.fcr(o.windowHours, o.sameQueue, "eligible"),
  resolved: facts.fcr(o.windowHours, o.sameQueue, "resolved"),
  censored: facts.fcr(o.windowHours, o.sameQueue, "censored"),
});

export const FCR_RULE = `An answered contact with a customer key and an end time is resolved if no other contact by the
same key (answered or not; any queue unless sameQueue [false]) enters a queue in (end, end + W],
W = windowHours [72]. The key is the caller id with non-digits removed; blank, anonymous, unknown,
restricted and all-zero ids have no key and are not eligible. A contact whose window reaches past
the end of the data (the latest timestamp read) is censored: left out of both sides and counted
(fcr-censored). Contacts outside --from/--to are not reported but still count as repeats.
Per-queue and per-agent rows judge contacts (a transfer to another queue is a repeat of the first
contact); rows across all queues judge calls (only a later call is a repeat).`;

export default defineMetric({
  id: "fcr",
  title: "FCR",
  unit: "percent",
  description: "First-contact resolution: answered contacts with no repeat within the window.",
  details: `fcr = resolved / eligible.\n${FCR_RULE}`,
  needs: ["contacts"],
  options: fcrOptions,
  facts: fcrFacts,
  value: (p) => ratio(p.resolved, p.eligible),
});
