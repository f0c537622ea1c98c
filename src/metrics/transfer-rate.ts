/** `transfer-rate` = transferred / handled. */
import { facts } from "../engine/facts.js";
import { defineMetric, ratio } from "./define.js";
import { noOptions } from "./define.js";

export default defineMetric({
  id: "transfer-rate",
  title: "Transfer rate",
  unit: "percent",
  description: "Share of handled contacts that were transferred.",
  details: `transfer-rate = handled contacts that were transferred / handled (queue_log TRANSFER, BLINDTRANSFER, ATTENDEDTRANSFER).`,
  needs: ["contacts"],
  options: noOptions,
  facts: () => ({ transferred: facts.transferred, handled: facts.handled }),
  value: (p) => ratio(p.transferred, p.handled),
});
