/** `avg-acw` = after-call work / handled. */
import { facts } from "../engine/facts.js";
import { averageMetric } from "./define.js";

export default averageMetric("avg-acw", "Avg ACW", facts.acw, facts.handled, "Average after-call work per handled contact.",
  `avg-acw = sum(after-call work seconds) / handled.`);
