/**
 * `service-level`: share of contacts answered within T seconds, under one of the
 * six formulas vendors use (METRICS.md §3; sources in mission-anchors §2.1).
 * The default, answered-within/offered-minus-short, is Genesys without short
 * abandons and Talkdesk.
 */
import { z } from "zod";
import { facts } from "../engine/facts.js";
import { defineMetric, ratio } from "./define.js";
import { shortAbandonSeconds } from "./define.js";

export const SL_FORMULAS = [
  "answered-within/answered",
  "within/answered-plus-abandoned",
  "answered-within/answered-plus-abandoned",
  "answered-within/offered-minus-short",
  "answered-within/offered-minus-abandoned-within",
  "answered-within/offered",
] as const;

export type SlFormula = (typeof SL_FORMULAS)[number];

/** Numerator and denominator of a formula from summed parts. */
export function slParts(formula: SlFormula, p: Record<string, number>): [number, number] {
  const ansT = p.answeredWithin ?? 0;
  const abT = p.abandonedWithin ?? 0;
  const answered = p.answered ?? 0;
  const abandoned = p.abandoned ?? 0;
  const offered = p.offered ?? 0;
  switch (formula) {
    case "answered-within/answered":
      return [ansT, answered];
    case "within/answered-plus-abandoned":
      return [ansT + abT, answered + abandoned];
    case "answered-within/answered-plus-abandoned":
      return [ansT, answered + abandoned];
    case "answered-within/offered-minus-short":
      return [ansT, offered - (p.short ?? 0)];
    case "answered-within/offered-minus-abandoned-within":
      return [ansT, offered - abT];
    case "answered-within/offered":
      return [ansT, offered];
  }
}

export default defineMetric({
  id: "service-level",
  title: "Service level",
  unit: "percent",
  description: "Share of contacts answered within the threshold.",
  details: `service-level, threshold T = thresholdSeconds [20], wait compared with <= (answered at exactly T is within).
formula [answered-within/offered-minus-short]:
  answered-within/answered                        ans<=T / answered                       (Asterisk SL, Asternic, Wazo)
  within/answered-plus-abandoned                  (ans<=T + aband<=T) / (answered + abandoned)  (Asterisk SL2, Cisco "positive")
  answered-within/answered-plus-abandoned         ans<=T / (answered + abandoned)         (Genesys default)
  answered-within/offered-minus-short             ans<=T / (offered - short abandons)     (Genesys without short abandons, Talkdesk)
  answered-within/offered-minus-abandoned-within  ans<=T / (offered - aband<=T)           (Cisco "ignore", XCALLY)
  answered-within/offered                         ans<=T / offered                        (Cisco "negative", NethVoice)
short abandons: abandoned with wait <= shortAbandonSeconds [5].
Rolled up as a ratio of sums; no value when the denominator is 0 (never 100 %).`,
  needs: ["contacts"],
  options: z
    .object({
      thresholdSeconds: z.number().positive().default(20),
      formula: z.enum(SL_FORMULAS).default("answered-within/offered-minus-short"),
      shortAbandonSeconds,
    })
    .strict(),
  facts: (o) => ({
    answeredWithin: facts.answeredWithin(o.thresholdSeconds),
    abandonedWithin: facts.abandonedWithin(o.thresholdSeconds),
    answered: facts.answered,
    abandoned: facts.abandoned,
    offered: facts.offered,
    short: facts.abandonedWithin(o.shortAbandonSeconds),
  }),
  value: (p, o) => {
    const [num, den] = slParts(o.formula, p);
    return ratio(num, den);
  },
});
