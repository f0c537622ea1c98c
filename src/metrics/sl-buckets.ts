/**
 * `sl-buckets`: answered and abandoned contacts by wait bucket, cumulative
 * (answered within 10 s, within 20 s, ...), as Avaya's PERIOD1..9 and
 * Asternic's buckets do. One output column per bucket and outcome.
 */
import { z } from "zod";
import { facts, type FactDef } from "../engine/facts.js";
import { defineMetric } from "./define.js";

export default defineMetric({
  id: "sl-buckets",
  title: "Wait buckets",
  unit: "count",
  description: "Answered and abandoned contacts by wait bucket (cumulative).",
  details: `sl-buckets: for each bucket B in bucketsSeconds [10,20,30,60,120,300], the count of answered contacts
with wait <= B (column answered_within_Bs) and of abandoned contacts with wait <= B (abandoned_within_Bs).
The metric's own value is the number of answered contacts.`,
  needs: ["contacts"],
  options: z
    .object({ bucketsSeconds: z.array(z.number().positive()).min(1).default([10, 20, 30, 60, 120, 300]) })
    .strict(),
  facts: (o) => {
    const f: Record<string, FactDef> = { answered: facts.answered };
    for (const s of o.bucketsSeconds) {
      f[`ans${s}`] = facts.answeredWithin(s);
      f[`ab${s}`] = facts.abandonedWithin(s);
    }
    return f;
  },
  value: (p) => p.answered ?? 0,
  columns: (o) => {
    const cols: Record<string, (p: Record<string, number>) => number | null> = {};
    for (const s of o.bucketsSeconds) {
      cols[`answered_within_${s}s`] = (p) => p[`ans${s}`] ?? 0;
      cols[`abandoned_within_${s}s`] = (p) => p[`ab${s}`] ?? 0;
    }
    return cols;
  },
});
