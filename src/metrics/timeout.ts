/** `timeout`: contacts that left at the queue's maximum wait (EXITWITHTIMEOUT). */
import { facts } from "../engine/facts.js";
import { countMetric } from "./define.js";

export default countMetric(
  "timeout",
  "Timed out",
  facts.timeout,
  "Contacts that left at the queue's maximum wait.",
  `timeout = contacts that left the queue at its maximum wait (Asterisk EXITWITHTIMEOUT).
Asterisk's own callsabandoned counter includes them; cckpi keeps them apart.`,
);
