/**
 * `available` = seconds an agent was logged in, not paused and not handling a contact.
 */
import { facts } from "../engine/facts.js";
import { agentTimeMetric, SLICING } from "./define.js";

export default agentTimeMetric(
  "available",
  "Available",
  facts.stateTime("available"),
  "Idle time: logged in, not paused, not handling a contact.",
  `available = seconds in the available (idle) state.
Salesforce presence rows give idle and at-capacity durations, not times: an Available row's at-capacity share
counts as talking and the rest as available, pro rata over the row's minutes.
${SLICING}`,
);
