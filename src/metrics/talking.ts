/**
 * `talking` = seconds an agent spent handling contacts (talking or, for digital
 * channels, at capacity), time-sliced.
 */
import { facts } from "../engine/facts.js";
import { agentTimeMetric, SLICING } from "./define.js";

export default agentTimeMetric(
  "talking",
  "Talking",
  facts.stateTime("talking"),
  "Time agents spent talking (handling a contact), hold and ACW excluded.",
  `talking = seconds in the talking state. Asterisk queue_log: CONNECT to the call's end (COMPLETECALLER,
COMPLETEAGENT, TRANSFER...). Salesforce presence: the at-capacity share of Available rows.
${SLICING}`,
);
