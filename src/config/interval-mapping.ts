/**
 * The `intervalMapping` section of cckpi.config.json: how the `mapped-intervals`
 * source reads an ACD interval or daily report (one row per interval, counts and
 * averages) into interval records. Validated once with zod.
 *
 * Averages become additive facts only with their count (`ASA x answered` is the
 * answered wait sum), and a rate whose base the export does not state is left
 * out: it cannot become a ratio of sums (a report asking for it stops with
 * MISSING_FACT rather than guessing).
 */
import { z } from "zod";

const column = z.string().min(1);

/** A fact from a count column, or an average column times a count column. */
const factSource = z.union([column, z.object({ average: column, count: column }).strict()]);

export const intervalMappingSchema = z
  .object({
    /** Zone of the file's local times; default: the report's --tz. */
    timeZone: z.string().optional(),
    /**
     * When each row starts: a date or date-time column (read with `formats`), or, for
     * exports with no dates, a row index counted from a first date that the user states.
     */
    start: z.union([
      column,
      z.object({ index: column, first: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "first must be YYYY-MM-DD"), firstIndex: z.number().int().default(1) }).strict(),
    ]),
    /** Length of a row's interval: 1440 (a day, the default for dates and indexes) or 5..60 minutes. */
    minutes: z.union([z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60), z.literal(1440)]).default(1440),
    queue: z.union([column, z.object({ value: z.string() }).strict()]).optional(),
    /** Fact key (as `cckpi intervals` writes them: offered, answered, wait_answered_s...) -> where it comes from. */
    facts: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, "fact keys are snake_case, as `cckpi intervals` writes them"), factSource),
    formats: z
      .object({
        /** Date tokens as in `mapping.formats` (yyyy MM dd...); default ISO-8601. */
        date: z.string().optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type IntervalMapping = z.output<typeof intervalMappingSchema>;
