/**
 * `occupancy` = (talk + hold + acw time) / (talk + hold + acw + available time).
 */
import { facts } from "../engine/facts.js";
import { defineMetric, noOptions, ratio, SLICING } from "./define.js";

export default defineMetric({
  id: "occupancy",
  title: "Occupancy",
  unit: "percent",
  description: "Share of available-or-busy time spent handling contacts.",
  details: `occupancy = (talking + hold + acw seconds) / (talking + hold + acw + available seconds), from agent states.
Paused and logged-out time are in neither side. No value without busy or available time.
${SLICING}`,
  needs: ["agentStates"],
  options: noOptions,
  facts: () => ({ talk: facts.stateTime("talking"), hold: facts.stateTime("hold"), acw: facts.stateTime("acw"), idle: facts.stateTime("available") }),
  value: (p) => {
    const busy = (p.talk ?? 0) + (p.hold ?? 0) + (p.acw ?? 0);
    return ratio(busy, busy + (p.idle ?? 0));
  },
});
