/**
 * The `mapping` section of cckpi.config.json: how the `mapped` source reads any
 * one-row-per-contact CSV. Validated once with zod; errors name the path
 * (`mapping.columns.arrivedAt`). Dates are never guessed: a date column needs a
 * format (`yyyy-MM-dd`, `dd/MM/yyyy`, `MM/dd/yyyy`, `yyMMdd`...).
 */
import { z } from "zod";
import { OUTCOMES } from "../model/contact.js";

const column = z.string().min(1);
/** A column, a constant (`{ "value": "sales" }`), or a date and a time in two columns. */
const stamp = z.union([column, z.object({ date: column, time: column }).strict()]);
const durationFormat = z.enum(["seconds", "minutes", "h:mm:ss", "mm:ss"]);

export const mappingSchema = z
  .object({
    /** Zone of the file's local times; default: the report's --tz. */
    timeZone: z.string().optional(),
    columns: z
      .object({
        contactId: column.optional(),
        callId: column.optional(),
        queue: z.union([column, z.object({ value: z.string() }).strict()]).optional(),
        agent: column.optional(),
        customer: column.optional(),
        arrivedAt: stamp,
        answeredAt: stamp.optional(),
        endedAt: stamp.optional(),
        /** An outcome column (words mapped by `outcomes`) ... */
        outcome: column.optional(),
        /** ... or an answered flag column (Y/N): answered, else abandoned. */
        answered: column.optional(),
        waitSeconds: column.optional(),
        talkSeconds: column.optional(),
        holdSeconds: column.optional(),
        acwSeconds: column.optional(),
        /** Seconds in the IVR before the queue (a negative value, a clock fault, reads as 0 and is counted). */
        ivrSeconds: column.optional(),
        transferred: column.optional(),
        resolved: column.optional(),
        rating: column.optional(),
        disposition: column.optional(),
      })
      .strict()
      .refine((c) => c.outcome !== undefined || c.answered !== undefined, { message: "name an outcome column or an answered flag column" }),
    formats: z
      .object({
        /** Date tokens: yyyy yy MM M dd d; time tokens: HH H mm m ss s; any other character is literal. */
        date: z.string().default("yyyy-MM-dd"),
        time: z.string().default("H:mm:ss"),
        /** For single-column timestamps. Default: ISO-8601. */
        dateTime: z.string().optional(),
        durations: z.record(z.string(), durationFormat).default({}),
      })
      .strict()
      .default({ date: "yyyy-MM-dd", time: "H:mm:ss", durations: {} }),
    /** Words of flag columns; compared case-insensitively. */
    flags: z
      .object({ true: z.array(z.string()).default(["y", "yes", "true", "1", "是"]), false: z.array(z.string()).default(["n", "no", "false", "0", "否"]) })
      .strict()
      .default({ true: ["y", "yes", "true", "1", "是"], false: ["n", "no", "false", "0", "否"] }),
    /** Outcome words of the file -> cckpi outcomes. */
    outcomes: z.record(z.string(), z.enum(OUTCOMES)).default({}),
    /** Values that mean "did not happen" in time columns (e.g. "0:00:00"). */
    emptyValues: z.array(z.string()).default([]),
  })
  .strict();

export type Mapping = z.output<typeof mappingSchema>;
