/**
 * `conformance` = worked time / scheduled work time; can exceed 100 %.
 */
import { facts } from "../engine/facts.js";
import { defineMetric, noOptions, ratio } from "./define.js";

export default defineMetric({
  id: "conformance",
  title: "Conformance",
  unit: "percent",
  emptyLabel: "no schedule",
  description: "Worked time against scheduled work time (can exceed 100 %).",
  details: `conformance = worked seconds / scheduled work seconds, where worked = logged in and not paused
(available, talking, hold, acw), at any time, scheduled or not; scheduled work = time of activities in the work
category (breaks, lunch, meetings, training and off excluded). Over 100 % when agents work longer than rostered.
Only agents with a schedule count: a team row is not inflated by unscheduled agents' hours.
The schedule is evaluated only over the span the state data covers. Agents with no schedule show "no schedule".`,
  needs: ["agentStates", "schedule"],
  options: noOptions,
  facts: () => ({ worked: facts.stateTime("worked_scheduled"), work: facts.scheduleTime("work") }),
  value: (p) => ratio(p.worked, p.work),
});
