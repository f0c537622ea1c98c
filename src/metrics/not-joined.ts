/** `not-joined`: contacts that never queued (queue full, no members). Not offered. */
import { facts } from "../engine/facts.js";
import { countMetric } from "./define.js";

export default countMetric(
  "not-joined",
  "Not joined",
  facts.notJoined,
  "Contacts that never joined a queue (not offered).",
  `not-joined = contacts refused before queueing (queue full, join empty). They are not part of offered.`,
);
