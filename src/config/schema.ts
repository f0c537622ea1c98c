/**
 * The shape of `cckpi.config.json`, validated once with zod. Metric options are
 * checked against each metric's own schema afterwards (in `load.ts`), so an
 * error names the full path: `metrics.service-level.thresholdSeconds`.
 */
import { z } from "zod";
import { intervalMappingSchema } from "./interval-mapping.js";
import { mappingSchema } from "./mapping.js";
import { SCHEDULE_CATEGORIES, STATE_CATEGORIES } from "../model/agent.js";

export const INTERVAL_MINUTES = [5, 10, 15, 30, 60] as const;

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    $comment: z.string().optional(),
    timeZone: z.string().optional(),
    intervalMinutes: z.union(INTERVAL_MINUTES.map((m) => z.literal(m)) as [z.ZodLiteral<5>, z.ZodLiteral<10>, z.ZodLiteral<15>, z.ZodLiteral<30>, z.ZodLiteral<60>]).optional(),
    attribution: z.enum(["arrival", "end"]).optional(),
    fallbackEncoding: z.string().optional(),
    report: z
      .object({
        metrics: z.array(z.string()).min(1).optional(),
        by: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    metrics: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    queues: z
      .record(z.string(), z.object({ metrics: z.record(z.string(), z.record(z.string(), z.unknown())).optional() }).strict())
      .optional(),
    agents: z
      .object({
        /** Raw agent name (any case) -> the name to report. */
        aliases: z.record(z.string(), z.string()).optional(),
        /** Agent -> team, for `--by team`. */
        teams: z.record(z.string(), z.string()).optional(),
        /** A source's state name (e.g. `Busy_Other_Tasks`) -> state category. */
        states: z.record(z.string(), z.enum(STATE_CATEGORIES)).optional(),
        /** Roster activity or pause reason -> schedule category. */
        activities: z.record(z.string(), z.enum(SCHEDULE_CATEGORIES)).optional(),
        /** Day order of slash dates in agent state and schedule files (`23/04/2026`); decided from the data when absent. */
        dateOrder: z.enum(["dmy", "mdy"]).optional(),
      })
      .strict()
      .optional(),
    /** How the `mapped` source reads a one-row-per-contact CSV (see config/mapping.ts). */
    mapping: mappingSchema.optional(),
    /** How the `mapped-intervals` source reads an interval or daily report (see config/interval-mapping.ts). */
    intervalMapping: intervalMappingSchema.optional(),
  })
  .strict();

export type Config = z.output<typeof configSchema>;

/** `a.b.c: message` for each zod issue, under a path prefix. */
export function zodMessage(error: z.ZodError, prefix: readonly (string | number)[] = []): string {
  return error.issues
    .map((i) => {
      const path = [...prefix, ...i.path.map((p) => String(p))].join(".");
      return `${path || "(root)"}: ${i.message}`;
    })
    .join("; ");
}
