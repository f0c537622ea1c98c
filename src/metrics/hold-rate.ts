/** `hold-rate` = handled with hold > 0 / handled. */
import { facts } from "../engine/facts.js";
import { defineMetric, ratio } from "./define.js";
import { noOptions } from "./define.js";

export default defineMetric({
  id: "hold-rate",
  title: "Hold rate",
  unit: "percent",
  description: "Share of handled contacts put on hold.",
  details: `hold-rate = handled contacts with hold > 0 / handled.`,
  needs: ["contacts"],
  options: noOptions,
  facts: () => ({ held: facts.held, handled: facts.handled }),
  value: (p) => ratio(p.held, p.handled),
});
