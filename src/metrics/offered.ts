/** `offered`: contacts that entered a queue (METRICS.md §1). */
import { facts } from "../engine/facts.js";
import { countMetric } from "./define.js";

export default countMetric(
  "offered",
  "Offered",
  facts.offered,
  "Contacts that entered a queue.",
  `offered = answered + abandoned + timeout + exit_key + exit_empty.
Contacts that never joined a queue (queue full, no members) are not offered; see not-joined.
Per-queue rows count contacts; rows across all queues count each call once.`,
);
