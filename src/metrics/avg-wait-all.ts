/** `avg-wait-all`: sum(wait of offered) / offered, abandons included. */
import { facts } from "../engine/facts.js";
import { averageMetric } from "./define.js";

export default averageMetric(
  "avg-wait-all",
  "Avg wait (all)",
  facts.waitOffered,
  facts.offered,
  "Average wait of every offered contact, answered or not.",
  `avg-wait-all = sum(wait of offered contacts) / offered, in seconds; wait is queue entry to answer or to leaving the queue.`,
);
