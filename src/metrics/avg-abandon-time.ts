/** `avg-abandon-time`: sum(wait of abandoned) / abandoned. */
import { facts } from "../engine/facts.js";
import { averageMetric } from "./define.js";

export default averageMetric(
  "avg-abandon-time",
  "Avg abandon time",
  facts.waitAbandoned,
  facts.abandoned,
  "Average time in queue before abandoning.",
  `avg-abandon-time = sum(wait of abandoned contacts) / abandoned, in seconds (Avaya ABNTIME/ABNCALLS, Connect ABANDON_TIME).`,
);
