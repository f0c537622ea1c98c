/** `resolved`: contacts flagged resolved by the source (survey, CRM export). */
import { facts } from "../engine/facts.js";
import { countMetric } from "./define.js";

export default countMetric(
  "resolved",
  "Resolved",
  facts.resolvedFlag,
  "Offered contacts flagged resolved by the source.",
  `resolved = offered contacts whose resolved flag is true (cckpi-contacts column "resolved").`,
);
