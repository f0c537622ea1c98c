/** `answered`: contacts connected to an agent (Asterisk CONNECT). */
import { facts } from "../engine/facts.js";
import { countMetric } from "./define.js";

export default countMetric(
  "answered",
  "Answered",
  facts.answered,
  "Contacts connected to an agent.",
  `answered = contacts whose outcome is answered (Asterisk CONNECT, a non-empty answered_at).
Across queues a call counts once, with the outcome of its last contact.`,
);
