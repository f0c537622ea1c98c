/** `csat-top-box`: share of ratings in the top boxes of the scale (default top 2 of 1-5). */
import { z } from "zod";
import { facts } from "../engine/facts.js";
import { defineMetric, ratio } from "./define.js";

export default defineMetric({
  id: "csat-top-box",
  title: "CSAT top box",
  unit: "percent",
  description: "Share of ratings in the top boxes of the scale.",
  details: `csat-top-box = ratings >= (scaleMax - topBoxes + 1) / rated contacts.
Options: topBoxes [2], scaleMax [5] (scale 1-5: ratings 4 and 5 are top box).`,
  needs: ["contacts"],
  options: z
    .object({ topBoxes: z.number().int().positive().default(2), scaleMax: z.number().positive().default(5) })
    .strict(),
  facts: (o) => ({ top: facts.ratingAtLeast(o.scaleMax - o.topBoxes + 1), rated: facts.rated }),
  value: (p) => ratio(p.top, p.rated),
});
