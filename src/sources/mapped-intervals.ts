/**
 * `mapped-intervals`: an ACD interval or daily report (one row per interval,
 * counts and averages) read into interval records through `intervalMapping` in
 * the config (config/interval-mapping.ts). Each mapped fact is a count column, or
 * an average column times its count column (ASA x answered = the answered wait
 * sum), so every rate and average cckpi prints from it is again a ratio of sums.
 *
 * Exports with no dates (a row index only) are read from a first date the user
 * states: cckpi never invents one. Title rows above the header and totals rows
 * are filtered; a row whose counts are not numbers is rejected with its line.
 */
import { CckpiError } from "../errors.js";
import type { IntervalMapping } from "../config/interval-mapping.js";
import { parseDuration } from "../model/duration.js";
import { compilePattern } from "../model/pattern.js";
import { parseTimestamp } from "../model/timestamp.js";
import { TimeZone } from "../model/time.js";
import { defineSource, headerWithin, type SourceContext } from "./define.js";

const MAX_TITLE_ROWS = 10;
const DAY_MS = 86_400_000;
const norm = (s: string): string => s.replace(/^\uFEFF/, "").trim().toLowerCase();

/** Every column the mapping names, for detection and the missing-column error. */
function columnsOf(m: IntervalMapping): string[] {
  const out = new Set<string>();
  out.add(typeof m.start === "string" ? m.start : m.start.index);
  if (typeof m.queue === "string") out.add(m.queue);
  for (const f of Object.values(m.facts)) {
    if (typeof f === "string") out.add(f);
    else {
      out.add(f.average);
      out.add(f.count);
    }
  }
  return [...out];
}

/** A count: plain number, decimal comma, thousands separators (`1,234` with a `;` delimiter); NaN otherwise. */
function count(s: string): number {
  const t = s.trim().replace(/\s/g, "");
  if (t === "") return 0;
  if (/^\d{1,3}(,\d{3})+$/.test(t)) return +t.replace(/,/g, "");
  return /^-?\d+([.,]\d+)?$/.test(t) ? +t.replace(",", ".") : NaN;
}

export default defineSource({
  id: "mapped-intervals",
  title: "any interval or daily report, through a mapping",
  records: "interval records",
  extensions: [".csv"],
  docs: `An ACD interval or daily report (one row per interval: counts and averages) read into interval records
through "intervalMapping" in cckpi.config.json:
  "intervalMapping": {
    "start": "Date",                 a date or date-time column (formats.date: yyyy-MM-dd, dd/MM/yyyy...; default ISO),
       or { "index": "Index", "first": "2021-01-01", "firstIndex": 1 } for exports with no dates: row index
       firstIndex is the first date, each next index the next local day (the date is yours to state; never guessed)
    "minutes": 1440,                 each row's interval: 1440 (a day, the default) or 5, 10, 15, 30, 60
    "queue": "Split" or { "value": "all" },
    "facts": {                       fact keys as \`cckpi intervals\` writes them
      "offered": "Incoming Calls", "answered": "Answered Calls", "abandoned": "Abandoned Calls",
      "handled": "Answered Calls",
      "wait_answered_s": { "average": "Answer Speed (AVG)", "count": "Answered Calls" },
      "talk_s": { "average": "Talk Duration (AVG)", "count": "Answered Calls" } } }
Averages are seconds or H:MM:SS / MM:SS and become sums with their count, so rates and averages stay ratios
of sums. A percentage whose base the export does not state (a service level "of what?") cannot become one:
leave it out, and a report asking for it stops with MISSING_FACT. Title rows above the header and totals rows
are filtered; a row whose counts are not numbers is rejected with its line.`,

  detect(sample) {
    const m = sample.intervalMapping;
    if (!m) return 0;
    return headerWithin(sample.rows, columnsOf(m), MAX_TITLE_ROWS) ? 0.97 : 0;
  },

  create(ctx: SourceContext) {
    const m = ctx.intervalMapping;
    if (!m) throw new CckpiError("BAD_CONFIG", `${ctx.file}: --input-format mapped-intervals needs an "intervalMapping" section in the config`, "see `cckpi formats mapped-intervals`");
    const zone = m.timeZone ? TimeZone.of(m.timeZone) : ctx.zone;
    const datePattern = m.formats.date ? compilePattern(m.formats.date) : null;
    const wanted = columnsOf(m);
    let col: Map<string, number> | null = null;
    let titleRows = 0;
    let width = 0;
    const firstDay = typeof m.start === "string" ? 0 : Math.floor(Date.parse(`${m.start.first}T00:00:00Z`) / DAY_MS);

    /** Start (UTC ms) of a row, or an error message. */
    const startOf = (fields: string[]): number | string => {
      if (typeof m.start !== "string") {
        const t = fields[col!.get(norm(m.start.index))!]!.trim();
        if (!/^-?\d+$/.test(t)) return `${m.start.index} "${t}" is not a whole number`;
        return zone.dayStart(firstDay + (+t - m.start.firstIndex));
      }
      const t = fields[col!.get(norm(m.start))!]!.trim();
      if (datePattern) {
        const wall = datePattern.parse(t);
        if (Number.isNaN(wall)) return `${m.start} "${t}" does not match ${datePattern.source}`;
        if (wall % DAY_MS === 0 && m.minutes === 1440) return zone.dayStart(wall / DAY_MS);
        const r = zone.resolveWall(wall);
        if (r.kind === "ok") return r.utcMs;
        return `${m.start} "${t}" ${r.kind === "gap" ? "does not exist" : "happens twice"} in ${zone.name} (DST change)`;
      }
      const r = parseTimestamp(/^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00` : t, zone);
      return r.ok ? r.utcMs : `${m.start}: ${r.message}`;
    };

    return {
      row(fields, line, raw) {
        if (col === null) {
          const have = new Map(fields.map((f, i) => [norm(f), i] as const));
          if (wanted.every((c) => have.has(norm(c)))) {
            col = have;
            width = fields.length;
            return ctx.filter(line, "header");
          }
          if (titleRows++ < MAX_TITLE_ROWS) return ctx.filter(line, "title row above the header");
          throw new CckpiError("MISSING_COLUMN", `${ctx.file}: no header row has the mapped columns (${wanted.join(", ")})`, "check intervalMapping against the file (`cckpi inspect`)");
        }
        if (fields.every((f) => f.trim() === "")) return ctx.filter(line, "blank row");
        if (fields.length !== width) return ctx.reject(line, "RAGGED_ROW", `expected ${width} fields, found ${fields.length}`, raw);
        if (fields.map(norm).join("\u0001") === [...col.keys()].join("\u0001")) return ctx.filter(line, "repeated header");
        if (/^(grand )?totals?\b/i.test(fields[0]!.trim())) return ctx.filter(line, "totals row");
        const start = startOf(fields);
        if (typeof start === "string") return ctx.reject(line, "BAD_TIMESTAMP", start, raw);
        const facts: Record<string, number> = {};
        for (const [key, src] of Object.entries(m.facts)) {
          if (typeof src === "string") {
            const v = count(fields[col.get(norm(src))!]!);
            if (!(v >= 0)) return ctx.reject(line, "BAD_NUMBER", `${src} "${fields[col.get(norm(src))!]}" is not a count`, raw);
            facts[key] = v;
          } else {
            const avgText = fields[col.get(norm(src.average))!]!.trim();
            const n = count(fields[col.get(norm(src.count))!]!);
            const avg = avgText === "" ? 0 : parseDuration(avgText);
            if (!(n >= 0)) return ctx.reject(line, "BAD_NUMBER", `${src.count} "${fields[col.get(norm(src.count))!]}" is not a count`, raw);
            if (!(avg >= 0)) return ctx.reject(line, "BAD_NUMBER", `${src.average} "${avgText}" is not seconds or H:MM:SS`, raw);
            facts[key] = avg * n;
          }
        }
        const q = m.queue;
        const queue = q === undefined ? "all" : typeof q === "string" ? fields[col.get(norm(q))!]!.trim() || "(none)" : q.value;
        // One row is one record per level: the report's rows across queues read the call level.
        ctx.emitRecord({ level: "contact", startMs: start, minutes: m.minutes, queue, agent: "", dims: {}, facts }, line);
        ctx.emitRecord({ level: "call", startMs: start, minutes: m.minutes, queue, agent: "", dims: {}, facts }, line, 0);
      },
      end() {
        if (col === null && titleRows > 0) {
          throw new CckpiError("MISSING_COLUMN", `${ctx.file}: no header row has the mapped columns (${wanted.join(", ")})`, "check intervalMapping against the file (`cckpi inspect`)");
        }
      },
    };
  },
});
