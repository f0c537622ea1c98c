/** `asa`: average speed of answer = sum(wait of answered) / answered. */
import { facts } from "../engine/facts.js";
import { averageMetric } from "./define.js";

export default averageMetric(
  "asa",
  "ASA",
  facts.waitAnswered,
  facts.answered,
  "Average wait of answered contacts.",
  `asa = sum(wait of answered contacts) / answered, in seconds.
Wait runs from queue entry to answer (Asterisk's "holdtime"); pre-queue IVR time is not included.
Unanswered contacts are not in it: see avg-wait-all.`,
);
