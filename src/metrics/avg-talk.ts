/** `avg-talk` = talk / handled. */
import { facts } from "../engine/facts.js";
import { averageMetric } from "./define.js";

export default averageMetric("avg-talk", "Avg talk", facts.talk, facts.handled, "Average talk time per handled contact.",
  `avg-talk = sum(talk seconds) / handled.`);
