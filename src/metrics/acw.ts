/**
 * `acw` = seconds agents spent in after-call work, from agent state data.
 */
import { facts } from "../engine/facts.js";
import { agentTimeMetric, SLICING } from "./define.js";

export default agentTimeMetric(
  "acw",
  "ACW",
  facts.stateTime("acw"),
  "Time agents spent in after-call work (wrap-up), from agent states.",
  `acw = seconds in the after-call work state of agent state data (e.g. Amazon Connect contacts in ACW,
state CSV rows such as "Wrap"). Asterisk queue_log has no ACW state: 0 there.
${SLICING}`,
);
