/**
 * `paused` = seconds agents were paused (not ready), all reasons or one reason.
 * Rows by reason: `--by agent,reason`.
 */
import { z } from "zod";
import { facts } from "../engine/facts.js";
import { defineMetric, SLICING } from "./define.js";

const options = z.object({ reason: z.string().min(1).optional() }).strict();

export default defineMetric({
  id: "paused",
  title: "Paused",
  unit: "seconds",
  description: "Time agents were paused (not ready / aux / busy), by reason with --by reason.",
  details: `paused = seconds in the paused state. Option reason: only pauses with that reason (case-insensitive).
Split by reason with --by reason (the pause reason of queue_log PAUSE events, the status name of presence rows).
${SLICING}`,
  needs: ["agentStates"],
  options,
  facts: (o) => ({ t: o.reason === undefined ? facts.stateTime("paused") : facts.pausedFor(o.reason) }),
  value: (p) => p.t ?? 0,
});
