/**
 * `logged-in` = seconds an agent was logged in (any state but logged out), time-sliced.
 */
import { facts } from "../engine/facts.js";
import { agentTimeMetric, SLICING } from "./define.js";

export default agentTimeMetric(
  "logged-in",
  "Logged in",
  facts.stateTime("logged_in"),
  "Time agents were logged in (any state but logged out).",
  `logged-in = seconds in any state but logged out, per agent, summed over agents in a row.
Asterisk queue_log: from ADDMEMBER/AGENTLOGIN to REMOVEMEMBER/AGENTLOGOFF (member of at least one queue).
${SLICING}`,
);
