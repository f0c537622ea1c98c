/**
 * `contacts-per-shift` = handled contacts / agent-days with logged-in time.
 */
import { facts } from "../engine/facts.js";
import { defineMetric, noOptions, ratio } from "./define.js";

export default defineMetric({
  id: "contacts-per-shift",
  title: "Contacts/shift",
  unit: "score",
  description: "Handled contacts per agent-day worked.",
  details: `contacts-per-shift = handled / agent-days, where an agent-day is an agent and local date with logged-in
time (counted in the interval of the day's first login). A night shift crossing midnight counts as two days.
No value without logged-in time.`,
  needs: ["contacts", "agentStates"],
  options: noOptions,
  facts: () => ({ handled: facts.handled, days: facts.agentDays }),
  value: (p) => ratio(p.handled, p.days),
});
