/**
 * `service-level`: share of contacts answered within T seconds, under one of the
 * six formulas vendors use (METRICS.md §3; sources in mission-anchors §2.1).
 * The default, answered-within/offered-minus-short, is Genesys without short
 * abandons and Talkdesk.
 */
import { z } from "zod";
import { facts, type FactDef } from "../engine/facts.js";
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

/**
 * The facts of a formula, as parts: value = (num + num2) / (den + den2 - denMinus).
 * The formula acts through the facts, not through value(): the report resolves facts
 * per queue but calls value() with the default options, so a queue with its own
 * formula must carry it in its parts (an absent part sums as 0). A row across
 * queues with different formulas is then each queue's numerator summed over each
 * queue's denominator summed.
 */
export function slFacts(o: { thresholdSeconds: number; formula: SlFormula; shortAbandonSeconds: number }): Record<string, FactDef> {
  const num = facts.answeredWithin(o.thresholdSeconds);
  const abT = facts.abandonedWithin(o.thresholdSeconds);
  switch (o.formula) {
    case "answered-within/answered":
      return { num, den: facts.answered };
    case "within/answered-plus-abandoned":
      return { num, num2: abT, den: facts.answered, den2: facts.abandoned };
    case "answered-within/answered-plus-abandoned":
      return { num, den: facts.answered, den2: facts.abandoned };
    case "answered-within/offered-minus-short":
      return { num, den: facts.offered, denMinus: facts.abandonedWithin(o.shortAbandonSeconds) };
    case "answered-within/offered-minus-abandoned-within":
      return { num, den: facts.offered, denMinus: abT };
    case "answered-within/offered":
      return { num, den: facts.offered };
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
  facts: slFacts,
  value: (p) => ratio((p.num ?? 0) + (p.num2 ?? 0), (p.den ?? 0) + (p.den2 ?? 0) - (p.denMinus ?? 0)),
});
