/**
 * `adherence` = time in the scheduled activity's category / scheduled time,
 * with a tolerance at each activity change.
 */
import { z } from "zod";
import { facts } from "../engine/facts.js";
import { defineMetric, ratio } from "./define.js";

const options = z.object({ toleranceSeconds: z.number().min(0).max(3600).default(60) }).strict();

export default defineMetric({
  id: "adherence",
  title: "Adherence",
  unit: "percent",
  emptyLabel: "no schedule",
  description: "Share of scheduled time spent in the scheduled activity.",
  details: `adherence = scheduled seconds in the scheduled category / scheduled seconds (any activity but off).
States count as: available, talking, hold, acw -> work; logged out -> off; a pause -> its reason's category
(lunch, break, meeting, training by keyword, or config agents.activities); an unknown pause matches nothing.
Tolerance [60 s]: within toleranceSeconds either side of a change from activity A to B, a state in A or B counts
as adherent (a login 40 s late, a lunch 30 s early). Where activities overlap, the latest-starting one is
scheduled (a lunch inside a shift). The schedule is evaluated only over the span the state data covers.
Agents with no schedule show "no schedule", not 0 %.`,
  needs: ["agentStates", "schedule"],
  options,
  facts: (o) => ({ inAdherence: facts.adherent(o.toleranceSeconds), scheduled: facts.scheduleTime("scheduled") }),
  value: (p) => ratio(p.inAdherence, p.scheduled),
});
