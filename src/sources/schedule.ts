/**
 * `schedule`: rosters for adherence and conformance (METRICS.md §3 "Workforce"),
 * in two shapes.
 *
 * Long form, one activity a row: agent (agent / agent name / name), activity
 * (activity / type / state), start, end (start time / end time...), and
 * optionally a date column, in which case start and end may be bare times.
 * Values are ISO-8601 (offset or not) or slash dates with a time
 * (`01/03/2026 9:00 AM`, `01/03/2026 09:00`). A bare end time at or before the
 * start time ends the next day. Unknown activity words (`Shift`, `Phones`) are
 * work; a lunch or break inside a shift is its own row (the timeline lets the
 * latest-starting activity win).
 *
 * Wide roster grid (Salesforce WFM style, `shifts.csv`): `Agent Name` then one
 * column per date; each cell is that day's shift:
 *   `7:00 AM - 4:00 PM`, `7:00AM-4:00PM`, `7 AM - 4 PM`, `07:00-16:00` (AM/PM on
 *     both times or on neither; `to` works as the dash); an end at or before the
 *     start ends the next day (`10:00 PM - 6:00 AM`); a word beside the times
 *     names the activity (`Training 9:00 AM - 5:00 PM`), else it is `Shift`
 *     (work); `;`, `,` or a line break separate the parts of a split shift;
 *   blank (or `-`) = off, no span;
 *   a word without times (`Vacation`, `Holiday`, `Sick`, `Off`, `Training`) is
 *     a whole-day span, local midnight to the next local midnight (23 or 25 h on
 *     DST change days), category by keyword. A word no keyword knows (`RDO`) is
 *     read as a day off (the same as unscheduled, so nothing is invented) and
 *     warned about once per word.
 * Columns whose header is not a date (Team, Total hours) are ignored.
 *
 * Row accounting: a roster row is one input row however many spans it makes
 * (the last span carries rowCount 1, the others 0). Cells that cannot be read
 * are warned about (file:line, column date, text); the row is rejected only when
 * none of its cells could be read (code of the first bad cell: BAD_SHIFT,
 * DST_GAP or DST_AMBIGUOUS). A row with no shift at all is filtered ("roster row
 * with no shifts"). Wall times in a DST gap or overlap are never guessed; a
 * shift across a DST change lasts its real elapsed time.
 *
 * Day order of slash dates: config `agents.dateOrder`, else the data: the first
 * date whose first part is over 12 settles d/m/Y, whose second part is over 12
 * settles m/d/Y. A roster's header settles it (or the whole file is ambiguous:
 * its rows are rejected AMBIGUOUS_DATE). Long-form rows that need the order
 * wait until a later row settles it; still unsettled at the end, they are
 * rejected AMBIGUOUS_DATE. Never guessed.
 */
import { dayOrderOf, type DayOrder } from "../model/day-order.js";
import { CckpiError } from "../errors.js";
import { categoryOfWord, type ScheduleCategory, type ScheduleSpan } from "../model/agent.js";
import { normalizeAgent } from "../model/contact.js";
import { DAY_MS, isoDate, type TimeZone } from "../model/time.js";
import { daysFromCivil, daysInMonth, parseTimestamp } from "../model/timestamp.js";
import { defineSource, type SourceContext } from "./define.js";



/** A header name: BOM-, case-, space- and underscore-insensitive. */
const norm = (s: string | undefined): string => (s ?? "").replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[\s_-]+/g, " ");
/** A cell as written, without a BOM or surrounding space. */
const text = (s: string | undefined): string => (s ?? "").replace(/^\uFEFF/, "").trim();
/** Blank cells, and the dashes some rosters write for "off". */
const isBlank = (s: string): boolean => s === "" || /^[-–—.]+$/.test(s);

const AGENT_NAMES = ["agent name", "agent", "name", "employee name", "employee"];
const ACTIVITY_NAMES = ["activity", "activity name", "activity type", "type"];
const START_NAMES = ["start", "start time", "start at", "start datetime", "starts"];
const END_NAMES = ["end", "end time", "end at", "end datetime", "ends"];
const DATE_NAMES = ["date", "day", "shift date"];
const TOTALS = /^(grand |sub ?)?totals?\b|^(sum|count|headcount)\s*:?$/i;

// --- dates and clock times --------------------------------------------------

/** A written date: `a/b/y` (day order unknown) or ISO `y-a-b` (a = month). */
interface RawDate { y: number; a: number; b: number; iso: boolean }

const WEEKDAY = /^[A-Za-z]{2,9}\.?,?\s+/;
const SLASH_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const YMD_DATE = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/;

function rawDate(s: string): RawDate | null {
  const t = s.replace(WEEKDAY, "");
  let m = SLASH_DATE.exec(t);
  if (m) return { y: +m[3]!, a: +m[1]!, b: +m[2]!, iso: false };
  m = YMD_DATE.exec(t);
  if (m) return { y: +m[1]!, a: +m[2]!, b: +m[3]!, iso: true };
  return null;
}

/** The day order a date proves: only one of its parts can be a month. */
function orderHint(d: RawDate): DayOrder | null {
  return d.iso ? null : dayOrderOf(d.a, d.b);
}

/** Whether reading the date needs the day order (05/05/2026 reads the same either way). */
const needsOrder = (d: RawDate): boolean => !d.iso && d.a !== d.b;

/** Days since 1970-01-01 of a date under `order`, or null when it is no date (or the order is needed and unknown). */
function dayOf(d: RawDate, order: DayOrder | null): number | null {
  let m = d.a, dd = d.b;
  if (needsOrder(d)) {
    if (order === null) return null;
    if (order === "dmy") [m, dd] = [d.b, d.a];
  }
  if (d.y < 1900 || m < 1 || m > 12 || dd < 1 || dd > daysInMonth(d.y, m)) return null;
  return daysFromCivil(d.y, m, dd);
}

interface Clock { ms: number; meridiem: boolean }

const CLOCK12 = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap])\.?\s?m\.?$/i;
const CLOCK24 = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** `7:00 AM`, `7 AM`, `7:00AM`, `07:00`, `16:00:00`, `24:00` -> ms after midnight; null when it is none. */
function clock(s: string): Clock | null {
  const t = s.trim();
  let m = CLOCK12.exec(t);
  if (m) {
    const h = +m[1]!, mi = m[2] === undefined ? 0 : +m[2], se = m[3] === undefined ? 0 : +m[3];
    if (h < 1 || h > 12 || mi > 59 || se > 59) return null;
    const h24 = (h % 12) + (m[4]!.toLowerCase() === "p" ? 12 : 0);
    return { ms: ((h24 * 60 + mi) * 60 + se) * 1000, meridiem: true };
  }
  m = CLOCK24.exec(t);
  if (m) {
    const h = +m[1]!, mi = +m[2]!, se = m[3] === undefined ? 0 : +m[3];
    if (h > 24 || mi > 59 || se > 59 || (h === 24 && (mi > 0 || se > 0))) return null;
    return { ms: ((h * 60 + mi) * 60 + se) * 1000, meridiem: false };
  }
  return null;
}

const hhmm = (wallMs: number): string => new Date(wallMs).toISOString().slice(11, 16);

/** The first instant of a local day: midnight, or when the clocks jump if DST skips midnight. */
function dayStart(zone: TimeZone, day: number): number {
  return zone.dayStart(day);
}

type Resolved = { ok: true; utcMs: number } | { ok: false; code: "DST_GAP" | "DST_AMBIGUOUS"; message: string };

function resolve(zone: TimeZone, wallMs: number, what: string): Resolved {
  const r = zone.resolveWall(wallMs);
  if (r.kind === "ok") return { ok: true, utcMs: r.utcMs };
  const at = `${isoDate(wallMs)} ${hhmm(wallMs)}`;
  if (r.kind === "gap") return { ok: false, code: "DST_GAP", message: `${what} ${at} does not exist in ${zone.name} (skipped by a DST change)` };
  return { ok: false, code: "DST_AMBIGUOUS", message: `${what} ${at} happens twice in ${zone.name} (DST change); give such shifts with UTC offsets (long form)` };
}

// --- roster cells -----------------------------------------------------------

const TIME_SRC = String.raw`\d{1,2}(?::\d{2}){0,2}(?:\s*[ap]\.?\s?m\.?)?`;
const RANGE = new RegExp(String.raw`(${TIME_SRC})\s*(?:-|–|—|\bto\b|\buntil\b)\s*(${TIME_SRC})(?![\w:])`, "i");
const WORD = /^[A-Za-z][A-Za-z .&'/()-]*$/;
const CELL_HELP = "not a time range like 7:00 AM - 4:00 PM or 07:00-16:00, nor a word like Vacation";

/** A piece of a roster cell: times are ms after the column date's midnight (an end past midnight exceeds a day). */
type Piece =
  | { kind: "range"; activity: string; category: ScheduleCategory; startMs: number; endMs: number }
  | { kind: "day"; activity: string; category: ScheduleCategory; known: boolean };

/** A roster cell -> its pieces (none when blank), or why it cannot be read. */
function parseCell(cell: string): Piece[] | string {
  if (isBlank(cell)) return [];
  if (!/\d/.test(cell)) {
    const w = cell.replace(/\s+/g, " ");
    if (!WORD.test(w)) return CELL_HELP;
    const cat = categoryOfWord(w, null);
    return [{ kind: "day", activity: w, category: cat ?? "off", known: cat !== null }];
  }
  const out: Piece[] = [];
  for (const part of cell.split(/\s*[;,\n]\s*/)) {
    if (part === "") continue;
    const m = RANGE.exec(part);
    if (!m) return CELL_HELP;
    const a = clock(m[1]!), b = clock(m[2]!);
    if (!a || !b) return "a time that is not 7:00 AM, 7 AM or 07:00";
    if (a.meridiem !== b.meridiem) return "AM/PM on one time only";
    if (a.ms >= DAY_MS) return "a shift cannot start at 24:00";
    if (a.ms === b.ms) return "starts and ends at the same time";
    const word = `${part.slice(0, m.index)} ${part.slice(m.index + m[0].length)}`.replace(/[()[\]:]/g, " ").replace(/\s+/g, " ").trim();
    if (word !== "" && !WORD.test(word)) return CELL_HELP;
    out.push({
      kind: "range",
      activity: word || "Shift",
      category: word ? (categoryOfWord(word, null) ?? "work") : "work",
      startMs: a.ms,
      endMs: b.ms > a.ms ? b.ms : b.ms + DAY_MS,
    });
  }
  return out.length ? out : CELL_HELP;
}

// --- headers ----------------------------------------------------------------

interface DateCol { index: number; label: string; raw: RawDate }

type Shape =
  | { kind: "roster"; agent: number; dates: DateCol[] }
  | { kind: "long"; agent: number; activity: number; start: number; end: number; date: number; byState: boolean };

function pick(names: readonly string[], wanted: readonly string[], skip: ReadonlySet<number> = new Set()): number {
  for (const w of wanted) {
    const i = names.findIndex((n, k) => n === w && !skip.has(k));
    if (i >= 0) return i;
  }
  return -1;
}

/** A header row's shape, or null when it is no schedule header. */
function shapeOf(header: readonly string[]): Shape | null {
  const names = header.map(norm);
  const dates: DateCol[] = [];
  header.forEach((h, index) => {
    const label = text(h);
    const raw = rawDate(label);
    if (raw) dates.push({ index, label, raw });
  });
  if (dates.length > 0) {
    const agent = pick(names, AGENT_NAMES, new Set(dates.map((d) => d.index)));
    return agent >= 0 ? { kind: "roster", agent, dates } : null;
  }
  const agent = pick(names, AGENT_NAMES);
  let activity = pick(names, ACTIVITY_NAMES);
  const byState = activity < 0;
  if (byState) activity = pick(names, ["state"]);
  const start = pick(names, START_NAMES);
  const end = pick(names, END_NAMES);
  if (agent < 0 || activity < 0 || start < 0 || end < 0) return null;
  return { kind: "long", agent, activity, start, end, date: pick(names, DATE_NAMES), byState };
}

const nonBlankCount = (row: readonly string[]): number => row.reduce((n, f) => n + (text(f) === "" ? 0 : 1), 0);

const AMBIGUOUS_HINT = 'set agents.dateOrder to "dmy" or "mdy" in cckpi.config.json';

export default defineSource({
  id: "schedule",
  title: "Schedule / roster CSV (long form or wide roster grid)",
  records: "schedule",
  extensions: [".csv", ".tsv", ".txt"],
  docs: `Schedules for adherence and conformance (--schedule), in two shapes.
Long form, one activity a row: agent (agent / agent name / name), activity (activity / type / state),
  start, end (start time / end time); optional date column, then start and end may be bare times.
  Values: ISO-8601 (offset or not) or slash dates with a time (01/03/2026 9:00 AM, 01/03/2026 09:00).
  A bare end time at or before the start ends the next day. A lunch inside a shift is its own row
  (the latest-starting activity wins). Identical rows are duplicates.
Wide roster grid (Salesforce WFM shifts.csv): Agent Name, then one column per date (01/01/2026...).
  Cells: 7:00 AM - 4:00 PM, 7:00AM-4:00PM, 7 AM - 4 PM, 07:00-16:00 (AM/PM on both times or on neither);
  an end at or before the start ends the next day (10:00 PM - 6:00 AM); a word beside the times names the
  activity (Training 9:00 AM - 5:00 PM), else Shift; ; or , separates a split shift. Blank or - = off.
  A word alone (Vacation, Holiday, Sick, Off, Training) = the whole local day, midnight to midnight
  (23 or 25 h on DST days); an unknown word (RDO) reads as a day off and is warned about once.
  Columns whose header is not a date are ignored. One row = one input row, however many spans.
  Unreadable cells are warned about (file:line, column date); a row none of whose cells can be read is
  rejected (BAD_SHIFT); a row with no shifts is filtered.
Categories by keyword: lunch/meal = lunch; break/rest = break; meeting/huddle/1:1 = meeting;
  training/coaching = training; vacation/holiday/leave/sick/absence/off/pto = off; other activities = work.
Times are local in --tz; wall times in a DST gap or overlap are rejected (DST_GAP, DST_AMBIGUOUS), never
  guessed; a shift across a DST change lasts its real elapsed time (22:00-06:00 on the fall-back night: 9 h).
Slash dates: day order from agents.dateOrder ("dmy" / "mdy"), else from the data: the first date with a
  first part over 12 means d/m/Y, a second part over 12 m/d/Y; never guessed (AMBIGUOUS_DATE otherwise).
Config: agents.activities maps activity words to categories (applied by the engine for adherence);
  agents.aliases maps roster names to agent ids (names match state data case-insensitively);
  agents.dateOrder fixes the day order.`,

  detect(sample) {
    for (const row of sample.rows.slice(0, 6)) {
      const s = shapeOf(row);
      if (s?.kind === "roster") return s.dates.length >= 3 ? 0.9 : 0;
      if (s?.kind === "long") return s.byState ? 0.3 : 0.6;
      if (nonBlankCount(row) > 2) return 0;
    }
    return 0;
  },

  create(ctx: SourceContext) {
    let order: DayOrder | null = ctx.dateOrder ?? null;
    let shape: Shape | null = null;
    let headerKey = "";
    let width = 0;
    let titleRows = 0;
    const seen = new Set<string>();

    // Roster state.
    let cols: { index: number; label: string; day: number | null }[] = [];
    let ambiguousRoster: string | null = null;
    const warnedWords = new Set<string>();
    let cellWarnings = 0;
    let cellWarningsHidden = 0;

    // Long-form state: rows waiting for the day order.
    let held: { fields: string[]; line: number; raw: string }[] = [];

    function setHeader(s: Shape, fields: string[], line: number): void {
      shape = s;
      headerKey = fields.map(norm).join("\u0001");
      width = fields.length;
      if (s.kind !== "roster") return;
      if (order === null) {
        for (const d of s.dates) {
          const h = orderHint(d.raw);
          if (h !== null) { order = h; break; }
        }
      }
      ambiguousRoster = null;
      cols = s.dates.map((d) => {
        if (needsOrder(d.raw) && order === null) {
          ambiguousRoster ??= d.label;
          return { index: d.index, label: d.label, day: null };
        }
        const day = dayOf(d.raw, order);
        if (day === null) ctx.warn(`${ctx.file}:${line}: roster column "${d.label}" is no date${order ? ` read ${order === "dmy" ? "day first" : "month first"}` : ""}; its cells are not read`);
        return { index: d.index, label: day === null || d.raw.iso ? d.label : `${d.label} (${isoDate(day * DAY_MS)})`, day };
      });
      if (ambiguousRoster !== null) {
        ctx.warn(`${ctx.file}:${line}: the roster's dates (e.g. ${ambiguousRoster}) read both day first and month first; ${AMBIGUOUS_HINT}`);
      }
    }

    function emit(span: Omit<ScheduleSpan, "file" | "line" | "rowCount">, line: number, counted: boolean): void {
      ctx.emitSchedule({ ...span, file: ctx.file, line, rowCount: counted ? 1 : 0 });
    }

    function rosterRow(s: Extract<Shape, { kind: "roster" }>, fields: string[], line: number, raw: string): void {
      if (fields.length > width && fields.slice(width).some((f) => text(f) !== "")) {
        return ctx.reject(line, "RAGGED_ROW", `expected ${width} fields, found ${fields.length} (cells past the last date column)`, raw);
      }
      const key = fields.map(text).join("\u0001");
      if (seen.has(key)) return ctx.duplicate(line);
      seen.add(key);
      const written = text(fields[s.agent]);
      const agent = normalizeAgent(written, ctx.agentAliases);
      const cells = cols.map((c) => ({ col: c, cell: text(fields[c.index]) })).filter((x) => !isBlank(x.cell));
      if (cells.length === 0) return ctx.filter(line, "roster row with no shifts");
      if (agent === "") return ctx.reject(line, "MISSING_VALUE", "the agent name is empty", raw);
      if (ambiguousRoster !== null) {
        return ctx.reject(line, "AMBIGUOUS_DATE", `the roster's dates (e.g. ${ambiguousRoster}) read both day first and month first; ${AMBIGUOUS_HINT}`, raw);
      }
      const bad: { code: string; what: string }[] = [];
      const rowSpans: Omit<ScheduleSpan, "file" | "line" | "rowCount">[] = [];
      for (const { col, cell } of cells) {
        const where = `${col.label} "${cell.replace(/\s+/g, " ")}"`;
        if (col.day === null) {
          bad.push({ code: "BAD_SHIFT", what: `${where} (the column header is no date)` });
          continue;
        }
        const pieces = parseCell(cell);
        if (typeof pieces === "string") {
          bad.push({ code: "BAD_SHIFT", what: `${where} (${pieces})` });
          continue;
        }
        const base = col.day * DAY_MS;
        const spans: Omit<ScheduleSpan, "file" | "line" | "rowCount">[] = [];
        let fault: { code: string; what: string } | null = null;
        for (const p of pieces) {
          if (p.kind === "day") {
            if (!p.known && !warnedWords.has(p.activity.toLowerCase())) {
              warnedWords.add(p.activity.toLowerCase());
              ctx.warn(`${ctx.file}:${line}: roster word "${p.activity}" in column ${col.label} is no known activity: read as a whole day off; map it in agents.activities if it means something else`);
            }
            spans.push({ agent, activity: p.activity, category: p.category, startMs: dayStart(ctx.zone, col.day), endMs: dayStart(ctx.zone, col.day + 1) });
            continue;
          }
          const a = resolve(ctx.zone, base + p.startMs, "start");
          const b = resolve(ctx.zone, base + p.endMs, "end");
          if (!a.ok || !b.ok) {
            const f = !a.ok ? a : (b as Extract<Resolved, { ok: false }>);
            fault = { code: f.code, what: `${where} (${f.message})` };
            break;
          }
          spans.push({ agent, activity: p.activity, category: p.category, startMs: a.utcMs, endMs: b.utcMs });
        }
        if (fault) { bad.push(fault); continue; }
        rowSpans.push(...spans);
      }
      // The row's count rides on its last span: the ledger calls the row used when any of its
      // spans is in --from/--to (read.ts remembers the line of the last span used).
      rowSpans.forEach((sp, i) => emit(sp, line, i === rowSpans.length - 1));
      if (rowSpans.length === 0) {
        return ctx.reject(line, bad[0]!.code, `no roster cell of ${written} could be read: ${bad.map((b) => b.what).join("; ")}`, raw);
      }
      if (bad.length) {
        if (cellWarnings++ < 20) {
          ctx.warn(`${ctx.file}:${line}: ${written}: ${bad.length} roster cell(s) not read, the others are: ${bad.slice(0, 5).map((b) => b.what).join("; ")}${bad.length > 5 ? `; and ${bad.length - 5} more` : ""}`);
        } else cellWarningsHidden++;
      }
    }

    /** A long-form row's date cells (date, start, end), for the day order. */
    function longDates(s: Extract<Shape, { kind: "long" }>, fields: string[]): RawDate[] {
      const out: RawDate[] = [];
      for (const i of [s.date, s.start, s.end]) {
        if (i < 0) continue;
        const m = /^[\d/.-]+/.exec(text(fields[i]).replace(WEEKDAY, ""));
        const d = m ? rawDate(m[0]) : null;
        if (d) out.push(d);
      }
      return out;
    }

    type When = { ok: true; utcMs: number | null; wallMs: number; timeOnly: boolean } | { ok: false; code: string; message: string };

    /** A long-form start or end: an instant, a local wall time, or a bare time on `baseDay`. */
    function when(what: string, v: string, baseDay: number | null): When {
      const BAD = (why: string): When => ({ ok: false, code: "BAD_TIMESTAMP", message: `${what} "${v}" ${why}` });
      if (v === "") return { ok: false, code: "MISSING_VALUE", message: `${what} is empty` };
      if (/^\d{4}-\d{2}-\d{2}/.test(v)) {
        const r = parseTimestamp(v, ctx.zone);
        if (r.ok) return { ok: true, utcMs: r.utcMs, wallMs: NaN, timeOnly: false };
        if (r.code !== "BAD_TIMESTAMP") return { ok: false, code: r.code, message: `${what}: ${r.message}` };
      }
      const t = v.replace(WEEKDAY, "");
      const m = /^([\d/.-]+)(?:[T\s]+(.+))?$/.exec(t);
      const d = m ? rawDate(m[1]!) : null;
      if (m && d) {
        const day = dayOf(d, order);
        if (day === null) return BAD(`is no date${order ? ` read ${order === "dmy" ? "day first" : "month first"}` : ""}`);
        const c = m[2] === undefined ? { ms: 0 } : clock(m[2]);
        if (!c) return BAD("has no readable time (9:00, 09:00:00, 9:00 AM)");
        return { ok: true, utcMs: null, wallMs: day * DAY_MS + c.ms, timeOnly: false };
      }
      const c = clock(t);
      if (c) {
        if (baseDay === null) return BAD("is a time without a date (add a date column or write the date)");
        return { ok: true, utcMs: null, wallMs: baseDay * DAY_MS + c.ms, timeOnly: true };
      }
      return BAD("is not a time (expected 2026-03-01 09:00, 01/03/2026 9:00 AM, or a time beside a date column)");
    }

    function longRow(s: Extract<Shape, { kind: "long" }>, fields: string[], line: number, raw: string): void {
      const agent = normalizeAgent(text(fields[s.agent]), ctx.agentAliases);
      if (agent === "") return ctx.reject(line, "MISSING_VALUE", "agent is empty", raw);
      const activity = text(fields[s.activity]).replace(/\s+/g, " ");
      if (activity === "") return ctx.reject(line, "MISSING_VALUE", "activity is empty", raw);
      let baseDay: number | null = null;
      const ds = s.date >= 0 ? text(fields[s.date]) : "";
      if (ds !== "") {
        const d = rawDate(ds);
        baseDay = d ? dayOf(d, order) : null;
        if (baseDay === null) return ctx.reject(line, "BAD_TIMESTAMP", `date "${ds}" is no date (expected 2026-03-01 or 01/03/2026)`, raw);
      }
      const a = when("start", text(fields[s.start]), baseDay);
      if (!a.ok) return ctx.reject(line, a.code, a.message, raw);
      const b = when("end", text(fields[s.end]), baseDay);
      if (!b.ok) return ctx.reject(line, b.code, b.message, raw);
      let endWall = b.wallMs;
      // A bare end time at or before the start ends the next day (22:00 - 06:00).
      if (b.timeOnly && a.utcMs === null && endWall <= a.wallMs) endWall += DAY_MS;
      let startMs = a.utcMs, endMs = b.utcMs;
      if (startMs === null) {
        const r = resolve(ctx.zone, a.wallMs, "start");
        if (!r.ok) return ctx.reject(line, r.code, r.message, raw);
        startMs = r.utcMs;
      }
      if (endMs === null) {
        const r = resolve(ctx.zone, endWall, "end");
        if (!r.ok) return ctx.reject(line, r.code, r.message, raw);
        endMs = r.utcMs;
      }
      if (endMs <= startMs) return ctx.reject(line, "BAD_SPAN", `end "${text(fields[s.end])}" is not after start "${text(fields[s.start])}"`, raw);
      emit({ agent, activity, category: categoryOfWord(activity, null) ?? "work", startMs, endMs }, line, true);
    }

    return {
      row(fields, line, raw) {
        if (shape === null) {
          const s = shapeOf(fields);
          if (s) {
            setHeader(s, fields, line);
            return ctx.filter(line, "header");
          }
          if (nonBlankCount(fields) <= 2 && titleRows++ < 5) return ctx.filter(line, "title row");
          throw new CckpiError(
            "MISSING_COLUMN",
            `${ctx.file}:${line}: no schedule header (found: ${fields.slice(0, 8).map(text).join(", ")})`,
            "long form needs agent, activity, start and end columns; a roster grid needs Agent Name and date columns (01/03/2026)",
          );
        }
        const s: Shape = shape;
        // Concatenated files repeat the header; a roster's next header may carry the next dates.
        if (fields.map(norm).join("\u0001") === headerKey) return ctx.filter(line, "repeated header");
        if (s.kind === "roster") {
          const again = shapeOf(fields);
          if (again?.kind === "roster" && again.agent === s.agent) {
            setHeader(again, fields, line);
            return ctx.filter(line, "repeated header");
          }
        }
        if (nonBlankCount(fields) === 0) return ctx.filter(line, "blank row");
        if (TOTALS.test(text(fields[s.agent]))) return ctx.filter(line, "totals row");
        if (s.kind === "roster") return rosterRow(s, fields, line, raw);

        if (fields.length !== width) return ctx.reject(line, "RAGGED_ROW", `expected ${width} fields, found ${fields.length}`, raw);
        const key = fields.map(text).join("\u0001");
        if (seen.has(key)) return ctx.duplicate(line);
        seen.add(key);
        const dates = longDates(s, fields);
        if (order === null) {
          for (const d of dates) {
            const h = orderHint(d);
            if (h !== null) { order = h; break; }
          }
          if (order === null && dates.some(needsOrder)) {
            held.push({ fields, line, raw });
            return;
          }
        }
        if (held.length && order !== null) {
          const waiting = held;
          held = [];
          for (const h of waiting) longRow(s, h.fields, h.line, h.raw);
        }
        longRow(s, fields, line, raw);
      },

      end() {
        if (held.length) {
          const first = held[0]!;
          for (const h of held) {
            ctx.reject(h.line, "AMBIGUOUS_DATE", `its dates read both day first and month first and no row of the file tells which; ${AMBIGUOUS_HINT}`, h.raw);
          }
          ctx.warn(`${ctx.file}:${first.line}: ${held.length} schedule row(s) rejected: their slash dates are ambiguous (day or month first); ${AMBIGUOUS_HINT}`);
          held = [];
        }
        if (cellWarningsHidden > 0) ctx.warn(`${ctx.file}: ${cellWarningsHidden} more roster row(s) with cells not read (warnings above show the first 20)`);
      },
    };
  },
});
