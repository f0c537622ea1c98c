/**
 * `contacts-per-hour` = handled contacts / logged-in hours.
 */
import { facts } from "../engine/facts.js";
import { defineMetric, noOptions, ratio } from "./define.js";

export default defineMetric({
  id: "contacts-per-hour",
  title: "Contacts/h",
  unit: "score",
  description: "Handled contacts per logged-in hour.",
  details: `contacts-per-hour = handled / (logged-in seconds / 3600).
handled comes from the contact data (answered contacts whose talk ended, by the agent who took them), logged-in
time from the agent state data; agents are matched by name. No value without logged-in time.`,
  needs: ["contacts", "agentStates"],
  options: noOptions,
  facts: () => ({ handled: facts.handled, on: facts.stateTime("logged_in") }),
  value: (p) => ratio((p.handled ?? 0) * 3600, p.on),
});
