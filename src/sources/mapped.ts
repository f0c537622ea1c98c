/**
 * `mapped`: any one-row-per-contact CSV, read through the `mapping` section of
 * cckpi.config.json (config/mapping.ts): which column holds each field, a date
 * and a time in separate columns, date/time patterns (never guessed), duration
 * formats (seconds, minutes, h:mm:ss, mm:ss), flag words (Y/N, 是/否), outcome
 * words, values that mean "did not happen", and the file's time zone.
 *
 * Exports that record only "speed of answer" have no wait for unanswered calls:
 * such a wait is unknown (NaN), within no threshold and left out of wait sums, so
 * avg-wait-all and avg-abandon-time are not meaningful for them (the docs say so).
 * An answered contact needs a wait (or an answered time): it is rejected without.
 * Shipped example mappings for public datasets are in `mappings/`.
 */
import type { Mapping } from "../config/mapping.js";
import { CckpiError } from "../errors.js";
import { normalizeAgent, OUTCOMES, type Contact, type Outcome } from "../model/contact.js";
import { compilePattern, type Pattern } from "../model/pattern.js";
import { TimeZone } from "../model/time.js";
import { parseTimestamp, type TimestampResult } from "../model/timestamp.js";
import { defineSource, headerIndex, headerWithin, type SourceContext } from "./define.js";

type Stamp = Mapping["columns"]["arrivedAt"];

/** Every column name a mapping refers to. */
function mappedColumns(m: Mapping): string[] {
  const out: string[] = [];
  for (const v of Object.values(m.columns)) {
    if (typeof v === "string") out.push(v);
    else if (v && typeof v === "object" && "date" in v) out.push(v.date, v.time);
  }
  return out;
}

const norm = (s: string): string => s.replace(/^\uFEFF/, "").trim().toLowerCase();

/** ACD report exports put title lines above the header: this many are skipped (and counted). */
const MAX_TITLE_ROWS = 20;
/** Words that start a totals row in report exports (first two cells). */
const TOTAL_WORDS = new Set(["total", "totals", "grand total", "sum", "summary", "合计", "总计", "小计", "gesamt", "summe", "totaal", "totale"]);

export default defineSource({
  id: "mapped",
  title: "any contact CSV, through a column mapping",
  records: "contacts",
  extensions: [".csv", ".tsv", ".txt"],
  docs: `Any one-row-per-contact CSV, read through the "mapping" section of cckpi.config.json:
  "mapping": {
    "timeZone": "Europe/Zurich",                       (optional; default --tz)
    "columns": {                                       (file column names; arrivedAt and outcome/answered required)
      "contactId": "Call Id", "agent": "Agent", "queue": "Topic" or {"value": "all"},
      "arrivedAt": {"date": "Date", "time": "Time"} or "Start",
      "answered": "Answered (Y/N)"  or  "outcome": "Status",
      "waitSeconds": "Speed of answer in seconds", "talkSeconds": "AvgTalkDuration",
      "resolved": "Resolved", "rating": "Satisfaction rating", ... (also callId, customer,
      answeredAt, endedAt, holdSeconds, acwSeconds, transferred, disposition)
    },
    "formats": {"date": "yyyy-MM-dd", "time": "H:mm:ss", "dateTime": "dd/MM/yyyy HH:mm",
                "durations": {"talkSeconds": "h:mm:ss"}},   (seconds | minutes | h:mm:ss | mm:ss)
    "flags": {"true": ["y", "yes", "是"], "false": ["n", "no", "否"]},
    "outcomes": {"AGENT": "answered", "HANG": "abandoned", "PHANTOM": "not_joined"},
    "emptyValues": ["0:00:00"]
  }
Date tokens yyyy yy MM M dd d, time tokens HH H mm m ss s; d/m versus m/d is never guessed.
Without an outcome column, the answered flag decides: answered, else abandoned.
Unanswered rows without a wait have an unknown wait: within no threshold, left out of wait sums
(avg-wait-all and avg-abandon-time are then not meaningful). Other columns can be used in --by.
Report exports: up to 20 title lines above the header are skipped, and totals rows ("Total",
"Grand total", "合计", "总计"... in the first two cells) are left out; both are counted as filtered.
Example mappings for public datasets: mappings/*.json.`,

  detect(sample) {
    const m = sample.mapping;
    if (!m) return 0;
    // The header may follow title lines (ACD report exports). Above cckpi-contacts:
    // a mapping the user wrote is the strongest statement.
    return headerWithin(sample.rows, mappedColumns(m), MAX_TITLE_ROWS) ? 0.98 : 0;
  },

  create(ctx: SourceContext) {
    const m = ctx.mapping;
    if (!m) throw new CckpiError("BAD_CONFIG", `${ctx.file}: --input-format mapped needs a "mapping" section in the config`, "see `cckpi formats mapped`");
    const zone = m.timeZone ? TimeZone.of(m.timeZone) : ctx.zone;
    const datePattern = compilePattern(m.formats.date);
    const timePattern = compilePattern(m.formats.time);
    const dateTimePattern: Pattern | null = m.formats.dateTime ? compilePattern(m.formats.dateTime) : null;
    const trueWords = new Set(m.flags.true.map((w) => w.toLowerCase()));
    const falseWords = new Set(m.flags.false.map((w) => w.toLowerCase()));
    const empties = new Set(m.emptyValues);
    const outcomeWords = new Map<string, Outcome>();
    for (const o of OUTCOMES) outcomeWords.set(o, o);
    for (const [w, o] of Object.entries(m.outcomes)) outcomeWords.set(w.toLowerCase(), o);

    let header: string[] | null = null;
    let titleRows = 0;
    let negativeIvr = 0;
    let idx = new Map<string, number>();
    let dimCols: [string, number][] = [];
    let cur: string[] = [];
    const col = (name: string | undefined): number => (name === undefined ? -1 : (idx.get(norm(name)) ?? -1));
    const get = (name: string | undefined): string => {
      const i = col(name);
      if (i < 0) return "";
      const v = cur[i]!.trim();
      return empties.has(v) ? "" : v;
    };

    /** UTC ms of a stamp, null when empty, or a rejection. */
    const stamp = (s: Stamp | undefined): TimestampResult | null => {
      if (s === undefined) return null;
      let wall: number;
      let text: string;
      if (typeof s === "string") {
        text = get(s);
        if (text === "") return null;
        if (!dateTimePattern) return parseTimestamp(text, zone);
        wall = dateTimePattern.parse(text);
        if (Number.isNaN(wall)) return { ok: false, code: "BAD_TIMESTAMP", message: `"${text}" does not match ${dateTimePattern.source}` };
      } else {
        const d = get(s.date);
        const t = get(s.time);
        if (d === "" || t === "") return null;
        text = `${d} ${t}`;
        const day = datePattern.parse(d);
        const time = timePattern.parse(t);
        if (Number.isNaN(day)) return { ok: false, code: "BAD_TIMESTAMP", message: `date "${d}" does not match ${datePattern.source}` };
        if (Number.isNaN(time)) return { ok: false, code: "BAD_TIMESTAMP", message: `time "${t}" does not match ${timePattern.source}` };
        wall = day + (time % 86_400_000);
      }
      const r = zone.resolveWall(wall);
      if (r.kind === "ok") return { ok: true, utcMs: r.utcMs };
      if (r.kind === "gap") return { ok: false, code: "DST_GAP", message: `"${text}" does not exist in ${zone.name} (DST change)` };
      return { ok: false, code: "DST_AMBIGUOUS", message: `"${text}" happens twice in ${zone.name} (DST change)` };
    };

    /** Seconds from a duration column: null when empty, NaN when unreadable. */
    const seconds = (field: keyof Mapping["columns"]): number | null => {
      const v = get(m.columns[field] as string | undefined);
      if (v === "") return null;
      const f = m.formats.durations[field] ?? "seconds";
      if (f === "seconds" || f === "minutes") {
        const n = +v.replace(",", ".");
        return Number.isFinite(n) && n >= 0 ? (f === "minutes" ? n * 60 : n) : NaN;
      }
      const parts = v.split(":");
      if (parts.some((p) => !/^\d+$/.test(p))) return NaN;
      const n = parts.map(Number);
      if (f === "h:mm:ss" && n.length === 3) return n[0]! * 3600 + n[1]! * 60 + n[2]!;
      if (n.length === 2) return n[0]! * 60 + n[1]!; // mm:ss (also accepted under h:mm:ss)
      return NaN;
    };

    const flag = (field: "transferred" | "resolved" | "answered"): boolean | null | undefined => {
      const v = get(m.columns[field]).toLowerCase();
      if (v === "") return null;
      return trueWords.has(v) ? true : falseWords.has(v) ? false : undefined;
    };

    return {
      row(fields, line, raw) {
        if (header === null) {
          idx = headerIndex(fields);
          const missing = mappedColumns(m).filter((c) => !idx.has(norm(c)));
          if (missing.length) {
            // A title line above the header (report exports): skip it, counted, for a while.
            if (++titleRows <= MAX_TITLE_ROWS) return ctx.filter(line, "title row above the header");
            throw new CckpiError("MISSING_COLUMN", `${ctx.file}:${line}: the mapping names columns this file lacks: ${missing.join(", ")}`, `the header has: ${fields.join(", ")}`);
          }
          header = fields;
          dimCols = ctx.dims.filter((d) => idx.has(norm(d))).map((d) => [d, idx.get(norm(d))!]);
          return ctx.filter(line, "header");
        }
        if (fields.length !== header.length) {
          if (fields.length === 1 && fields[0]!.trim() === "") return ctx.filter(line, "blank line");
          return ctx.reject(line, "RAGGED_ROW", `expected ${header.length} fields, found ${fields.length}`, raw);
        }
        cur = fields;
        // Report exports end with a totals row ("Total", "合计"...): not a contact.
        if (TOTAL_WORDS.has(norm(fields[0]!)) || (fields.length > 1 && TOTAL_WORDS.has(norm(fields[1]!)))) {
          return ctx.filter(line, "totals row");
        }
        const first = mappedColumns(m)[0]!;
        if (norm(fields[col(first)]!) === norm(first)) return ctx.filter(line, "repeated header");

        let outcome: Outcome | undefined;
        if (m.columns.outcome !== undefined) {
          const w = get(m.columns.outcome);
          outcome = outcomeWords.get(w.toLowerCase());
          if (outcome === undefined) return ctx.reject(line, "BAD_OUTCOME", `outcome "${w}" is not mapped (add it to mapping.outcomes)`, raw);
        } else {
          const a = flag("answered");
          if (a === undefined || a === null) return ctx.reject(line, "BAD_FLAG", `answered "${get(m.columns.answered)}" is not a flag word`, raw);
          outcome = a ? "answered" : "abandoned";
        }

        const arrived = stamp(m.columns.arrivedAt);
        if (arrived === null) return ctx.reject(line, "MISSING_VALUE", "the arrival time is empty", raw);
        if (!arrived.ok) return ctx.reject(line, arrived.code, `arrival: ${arrived.message}`, raw);
        const ans = stamp(m.columns.answeredAt);
        if (ans && !ans.ok) return ctx.reject(line, ans.code, `answered: ${ans.message}`, raw);
        const end = stamp(m.columns.endedAt);
        if (end && !end.ok) return ctx.reject(line, end.code, `ended: ${end.message}`, raw);
        const arrivedMs = arrived.utcMs;
        let answeredMs = ans?.ok ? ans.utcMs : null;
        let endedMs = end?.ok ? end.utcMs : null;

        let wait = seconds("waitSeconds");
        let talk = seconds("talkSeconds");
        const hold = seconds("holdSeconds") ?? 0;
        const acw = seconds("acwSeconds") ?? 0;
        const ratingText = get(m.columns.rating);
        const rating = ratingText === "" ? null : +ratingText.replace(",", ".");
        for (const [name, v] of [["waitSeconds", wait], ["talkSeconds", talk], ["holdSeconds", hold], ["acwSeconds", acw], ["rating", rating]] as const) {
          if (v !== null && !(v >= 0)) return ctx.reject(line, "BAD_NUMBER", `${name} "${get(m.columns[name])}" is not a duration or number >= 0`, raw);
        }
        if (wait === null) {
          if (answeredMs !== null) wait = (answeredMs - arrivedMs) / 1000;
          else if (outcome === "answered") return ctx.reject(line, "MISSING_VALUE", "an answered contact needs a wait or an answered time", raw);
          else if (endedMs !== null) wait = (endedMs - arrivedMs) / 1000;
          else wait = outcome === "not_joined" ? 0 : NaN; // unknown, see the docs above
        }
        if (outcome === "answered") {
          answeredMs ??= arrivedMs + wait * 1000;
          if (talk === null && endedMs !== null) talk = Math.max(0, (endedMs - answeredMs) / 1000 - hold);
          if (endedMs === null && talk !== null) endedMs = answeredMs + (talk + hold) * 1000;
        } else if (endedMs === null && !Number.isNaN(wait)) endedMs = arrivedMs + wait * 1000;

        const transferred = flag("transferred");
        const resolved = flag("resolved");
        if (transferred === undefined) return ctx.reject(line, "BAD_FLAG", `transferred "${get(m.columns.transferred)}" is not a flag word`, raw);
        if (resolved === undefined) return ctx.reject(line, "BAD_FLAG", `resolved "${get(m.columns.resolved)}" is not a flag word`, raw);

        const q = m.columns.queue;
        const queue = q === undefined ? "all" : typeof q === "string" ? get(q) || "(none)" : q.value;
        let dims: Record<string, string> | null = null;
        if (dimCols.length) {
          dims = {};
          for (const [name, i] of dimCols) dims[name] = fields[i]!.trim();
        }
        const contactId = get(m.columns.contactId) || `${ctx.file}:${line}`;
        const c: Contact = {
          contactId,
          callId: get(m.columns.callId) || contactId,
          queue,
          // The agent a row names is kept for unanswered rows too: exports that assign
          // every call to an agent count calls per agent that way.
          agent: normalizeAgent(get(m.columns.agent), ctx.agentAliases),
          customer: get(m.columns.customer),
          arrivedMs,
          answeredMs: outcome === "answered" ? answeredMs : null,
          endedMs,
          outcome,
          waitSeconds: wait,
          // Kept as recorded for unanswered rows too (facts count talk of handled contacts only):
          // some exports record service time on calls they mark abandoned, and their own statistics count it.
          talkSeconds: talk ?? 0,
          holdSeconds: outcome === "answered" ? hold : 0,
          acwSeconds: outcome === "answered" ? acw : 0,
          transferred: transferred ?? false,
          disposition: get(m.columns.disposition),
          rating,
          resolved,
          dims,
          file: ctx.file,
          line,
          rowCount: 1,
        };
        if (m.columns.ivrSeconds !== undefined) {
          const t = get(m.columns.ivrSeconds);
          const v = t === "" ? 0 : +t.replace(",", ".");
          if (!Number.isFinite(v)) return ctx.reject(line, "BAD_NUMBER", `ivrSeconds "${t}" is not a number of seconds`, raw);
          if (v < 0) negativeIvr++;
          c.ivrSeconds = v < 0 ? 0 : v;
        }
        ctx.emit(c);
      },
      end() {
        if (negativeIvr > 0) ctx.warn(`${ctx.file}: ${negativeIvr} row(s) have a negative IVR time (exit before entry), read as 0`);
        if (header === null && titleRows > 0) {
          throw new CckpiError("MISSING_COLUMN", `${ctx.file}: no header row has the mapped columns (${mappedColumns(m).join(", ")})`, "check the column names in the mapping against the file (`cckpi inspect`)");
        }
      },
    };
  },
});
