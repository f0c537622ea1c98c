/** `avg-hold` = customer hold / handled (not queue wait: Asterisk's "holdtime" is wait). */
import { facts } from "../engine/facts.js";
import { averageMetric } from "./define.js";

export default averageMetric("avg-hold", "Avg hold", facts.hold, facts.handled, "Average customer hold time per handled contact.",
  `avg-hold = sum(customer hold seconds) / handled. Customer hold is time on hold with an agent, never queue wait.`);
