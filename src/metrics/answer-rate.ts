/** `answer-rate` (接通率): answered / offered. */
import { facts } from "../engine/facts.js";
import { defineMetric, ratio } from "./define.js";
import { noOptions } from "./define.js";

export default defineMetric({
  id: "answer-rate",
  title: "Answer rate",
  unit: "percent",
  description: "Share of offered contacts that were answered.",
  details: `answer-rate = answered / offered. No value when nothing was offered.`,
  needs: ["contacts"],
  options: noOptions,
  facts: () => ({ answered: facts.answered, offered: facts.offered }),
  value: (p) => ratio(p.answered, p.offered),
});
