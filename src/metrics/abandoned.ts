/** `abandoned`: contacts whose caller hung up while queued or ringing. */
import { facts } from "../engine/facts.js";
import { countMetric } from "./define.js";

export default countMetric(
  "abandoned",
  "Abandoned",
  facts.abandoned,
  "Contacts abandoned while queued.",
  `abandoned = contacts whose caller hung up while queued or ringing (Asterisk ABANDON).
Timeouts (EXITWITHTIMEOUT) are not abandons here; see timeout and abandon-rate's countTimeoutsAsAbandons.
Short abandons are included in this count; see short-abandoned.`,
);
