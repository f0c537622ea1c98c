/** `short-abandoned`: abandons with wait <= shortAbandonSeconds (default 5 s). */
import { z } from "zod";
import { facts } from "../engine/facts.js";
import { defineMetric } from "./define.js";
import { shortAbandonSeconds } from "./define.js";

export default defineMetric({
  id: "short-abandoned",
  title: "Short abandons",
  unit: "count",
  description: "Abandons within the short-abandon threshold.",
  details: `short-abandoned = abandoned contacts with wait <= shortAbandonSeconds [5].
The comparison is <=: an abandon at exactly 5 s is short.`,
  needs: ["contacts"],
  options: z.object({ shortAbandonSeconds }).strict(),
  facts: (o) => ({ n: facts.abandonedWithin(o.shortAbandonSeconds) }),
  value: (p) => p.n ?? 0,
});
