/**
 * `aht` = (talk + hold + acw) / handled. Asterisk queue_log has no hold or ACW,
 * so there AHT is talk-only and the report says so.
 */
import { facts } from "../engine/facts.js";
import { defineMetric, ratio } from "./define.js";
import { noOptions } from "./define.js";

export default defineMetric({
  id: "aht",
  title: "AHT",
  unit: "seconds",
  description: "Average handle time: talk + hold + after-call work per handled contact.",
  details: `aht = (sum talk + sum hold + sum acw) / handled, in seconds.
handled = answered contacts whose talk ended. Queue_log talk is the calltime field of the ending event
(data2 of COMPLETECALLER/COMPLETEAGENT, data4 of TRANSFER/BLINDTRANSFER). Sources without hold or ACW
(Asterisk queue_log) give 0 for them: AHT is then talk-only, and the report says so.
Under --attribution end, handle time belongs to the interval in which after-call work ended.`,
  needs: ["contacts"],
  options: noOptions,
  facts: () => ({ talk: facts.talk, hold: facts.hold, acw: facts.acw, handled: facts.handled }),
  value: (p) => ratio((p.talk ?? 0) + (p.hold ?? 0) + (p.acw ?? 0), p.handled),
});
