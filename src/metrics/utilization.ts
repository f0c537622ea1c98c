/**
 * `utilization` = (talk + hold + acw time) / logged-in time.
 */
import { facts } from "../engine/facts.js";
import { defineMetric, noOptions, ratio, SLICING } from "./define.js";

export default defineMetric({
  id: "utilization",
  title: "Utilization",
  unit: "percent",
  description: "Share of logged-in time spent handling contacts (pauses count against it).",
  details: `utilization = (talking + hold + acw seconds) / logged-in seconds, from agent states.
Unlike occupancy, paused time is in the denominator. No value without logged-in time.
${SLICING}`,
  needs: ["agentStates"],
  options: noOptions,
  facts: () => ({ talk: facts.stateTime("talking"), hold: facts.stateTime("hold"), acw: facts.stateTime("acw"), on: facts.stateTime("logged_in") }),
  value: (p) => ratio((p.talk ?? 0) + (p.hold ?? 0) + (p.acw ?? 0), p.on),
});
