/**
 * `agent-states`: agent presence exported one row per state (METRICS.md §3
 * "Agents", "Workforce"; FORMATS.md `agent-states`). Two header styles:
 *
 *   - the generic state CSV: agent, state, reason (optional), start, and end or
 *     duration. Header names any case, spaces / `_` / `-` alike, with aliases
 *     (agent name, agent id; status; pause reason; start time, started at; end
 *     time, ended at; duration_s, duration seconds). Duration: seconds, H:MM:SS
 *     or MM:SS; used only when the end is blank.
 *   - the Salesforce Omni-Channel presence report (UserServicePresence): agent =
 *     `Created By: Full Name`, state = `Service Presence Status: Developer
 *     Name`, start / end = `Start DT` / `End DT` (else `Status Start Date` +
 *     `Status Start Time`), local wall time in the source zone. `Idle Duration`,
 *     `At Capacity Duration` and `Status Duration` give seconds, but the start
 *     and end times have minute precision: the span is the start/end times, the
 *     durations serve only the busy share (below).
 *
 * Every span is exclusive (`presence` layer). Categories: config `agents.states`
 * first (the name exactly, then case-insensitively), then the rules below; a
 * state no rule knows is rejected (UNKNOWN_STATE) so the user maps it, never
 * guessed. Salesforce rules: `Available*` -> available; `Busy*` or a name
 * holding Break / Lunch / Away -> paused (reason = the status name); `Offline*`
 * -> logged_out; then the generic words; then `Is Away` = 1 -> paused (Salesforce's
 * own flag for an away status). An Available status with Is Away = 1 stays
 * available (warned once).
 *
 * Busy share (Salesforce available spans): the export gives how long the agent
 * was at capacity, not when, so share = At Capacity / (Idle + At Capacity) when
 * that sum is above 0, else At Capacity / Status Duration (clamped to 0..1);
 * that share of the span counts as talking and the rest as available, pro rata
 * over the span (model/agent.ts `busyShare`). No durations: no share.
 *
 * Slash dates (`dd/mm/yyyy HH:mm[:ss]`, `m/d/yyyy h:mm AM`): day order from
 * config `agents.dateOrder`, else from the data: the first date whose first
 * part is above 12 means d/m, whose second part is above 12 means m/d. Rows read
 * before that are held back (agent files are small) and read, in order, once it
 * is settled; a file that never settles it rejects them (AMBIGUOUS_DATE). ISO
 * times go through parseTimestamp. Wall times in a DST gap or overlap are
 * rejected (DST_GAP / DST_AMBIGUOUS).
 *
 * Row accounting: header, repeated headers, blank rows, totals rows and
 * Salesforce footer lines are filtered; a row with the same agent, state,
 * start and end as an earlier one is a duplicate; every other row is one span
 * (rowCount 1) or one reject.
 */
import { lookupName, nameMap } from "../model/names.js";
import { parseDuration } from "../model/duration.js";
import { dayOrderOf, type DayOrder } from "../model/day-order.js";
import { CckpiError } from "../errors.js";
import { STATE_CATEGORIES, type AgentStateSpan, type StateCategory } from "../model/agent.js";
import { normalizeAgent } from "../model/contact.js";
import { daysFromCivil, daysInMonth, parseTimestamp } from "../model/timestamp.js";
import { defineSource, type SourceContext } from "./define.js";

type When = { ok: true; utcMs: number } | { ok: false; code: string; message: string };
type Order = DayOrder;

/** Header name -> lookup key: BOM, case and the spaces / `_` / `-` between words don't matter. */
const norm = (h: string): string => h.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[\s_-]+/g, " ");

function normIndex(header: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  header.forEach((h, i) => {
    const k = norm(h);
    if (!m.has(k)) m.set(k, i);
  });
  return m;
}

const find = (idx: ReadonlyMap<string, number>, names: readonly string[]): number => {
  for (const n of names) {
    const i = idx.get(n);
    if (i !== undefined) return i;
  }
  return -1;
};

const G = {
  agent: ["agent", "agent name", "agent id", "agentid", "agent login"],
  state: ["state", "status", "agent state", "agent status", "state name", "status name"],
  reason: ["reason", "pause reason", "reason code", "state reason", "aux reason", "not ready reason"],
  start: ["start", "start time", "started at", "start at", "start datetime", "start date time", "state start"],
  end: ["end", "end time", "ended at", "end at", "end datetime", "end date time", "state end"],
  duration: ["duration", "duration s", "duration seconds", "duration sec", "duration (s)", "duration (seconds)", "state duration"],
} as const;

const SF = {
  agent: ["created by: full name", "user: full name", "owner: full name"],
  state: ["service presence status: developer name", "service presence status: master label"],
  startDt: ["start dt"],
  endDt: ["end dt"],
  startDate: ["status start date"],
  startTime: ["status start time"],
  endDate: ["status end date"],
  endTime: ["status end time"],
  isAway: ["is away"],
  idle: ["idle duration"],
  cap: ["at capacity duration"],
  status: ["status duration", "status duration (seconds)"],
} as const;

function isSalesforce(idx: ReadonlyMap<string, number>): boolean {
  return find(idx, SF.state) >= 0 && (find(idx, SF.startDt) >= 0 || find(idx, SF.startDate) >= 0);
}

function isGeneric(idx: ReadonlyMap<string, number>): boolean {
  return find(idx, G.agent) >= 0 && find(idx, G.state) >= 0 && find(idx, G.start) >= 0 && (find(idx, G.end) >= 0 || find(idx, G.duration) >= 0);
}

/** Generic state words, most specific first ("not ready" before "ready", "busy on call" before "busy"). */
const WORDS: readonly [StateCategory, readonly string[]][] = [
  ["logged_out", ["logged out", "log out", "logout", "logged off", "log off", "logoff", "offline"]],
  ["acw", ["acw", "wrap", "wrapup", "wrap up", "after call work"]],
  ["hold", ["hold", "on hold"]],
  ["talking", ["talk", "talking", "busy on call", "on call", "on contact", "connected", "inbound", "outbound"]],
  ["paused", ["paused", "pause", "not ready", "notready", "aux", "break", "lunch", "meeting", "training", "away", "busy"]],
  ["available", ["available", "idle", "ready"]],
];

/** Category of a state name by whole words (`Aux - Lunch`, `After_Call_Work`), or null. */
export function wordCategory(state: string): StateCategory | null {
  const w = ` ${state.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim()} `;
  for (const [cat, phrases] of WORDS) if (phrases.some((p) => w.includes(` ${p} `))) return cat;
  return null;
}

/** Salesforce Omni status developer names (`Available_Chat`, `Busy_Lunch`, `On_Break`, `Offline`). */
function salesforceCategory(status: string): StateCategory | null {
  if (/^available/i.test(status)) return "available";
  if (/^busy/i.test(status) || /break|lunch|away/i.test(status)) return "paused";
  if (/^offline/i.test(status)) return "logged_out";
  return null;
}

export { parseDuration };

const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/;
const SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?$/;
const TRUE = /^(1|true|yes|y)$/i;
const DAY_MS = 86_400_000;

/** The day order a slash date proves (a part above 12), or null. */
function orderOf(raw: string): Order | null {
  const m = SLASH_DATE.exec(raw);
  if (!m) return null;
  return dayOrderOf(+m[1]!, +m[2]!);
}

/** A slash date that reads differently as d/m and m/d (both parts 1..12 and unequal). */
function ambiguous(raw: string): boolean {
  const m = SLASH_DATE.exec(raw);
  if (!m) return false;
  const a = +m[1]!, b = +m[2]!;
  return a !== b && a >= 1 && a <= 12 && b >= 1 && b <= 12;
}

interface Layout {
  salesforce: boolean;
  agent: number;
  state: number;
  reason: number;
  start: number;
  end: number;
  duration: number;
  startDate: number;
  startTime: number;
  endDate: number;
  endTime: number;
  isAway: number;
  idle: number;
  cap: number;
  status: number;
}

interface Held {
  fields: string[];
  line: number;
  raw: string;
}

export default defineSource({
  id: "agent-states",
  title: "Agent state CSV (generic; Salesforce Omni-Channel presence)",
  records: "agent states",
  extensions: [".csv", ".tsv", ".txt"],
  docs: `Agent presence, one row per state, two header styles (names any case; spaces, _ and - alike):
  generic     agent (agent name, agent id), state (status), reason (pause reason; optional),
              start (start time, started at), and end (end time, ended at) or duration
              (duration_s, duration seconds: seconds, H:MM:SS or MM:SS; used when end is blank).
              No end and no duration: the span is open and closes at the end of the data.
  Salesforce  Omni-Channel presence report: agent = Created By: Full Name, state = Service
              Presence Status: Developer Name, start/end = Start DT / End DT (else Status Start
              Date + Time), local wall time in --tz.
Categories (available, talking, hold, acw, paused, logged_out): config agents.states first (exact
name, then case-insensitive), then the rules:
  Salesforce  Available* -> available; Busy* or a name with Break/Lunch/Away -> paused (reason = the
              status name); Offline* -> logged_out; then the generic words; then Is Away = 1 -> paused.
              An Available status with Is Away = 1 stays available (warned).
  words       logged out/logout/offline -> logged_out; acw/wrap/after call work -> acw; hold -> hold;
              talk/talking/busy on call/on call/on contact/connected/inbound/outbound -> talking;
              paused/pause/not ready/aux/break/lunch/meeting/training/away/busy -> paused (reason =
              the reason column, else the state name); available/idle/ready -> available.
  Other names are rejected (UNKNOWN_STATE): map them under agents.states in cckpi.config.json.
Busy share (Salesforce Available spans): the export gives durations, not times, so the share
At Capacity / (Idle + At Capacity) (else At Capacity / Status Duration, clamped 0..1) of the span
counts as talking, pro rata over its minutes, the rest as available. Start/End DT have minute
precision while durations are in seconds: the span uses the times, durations only the share.
Dates: ISO-8601 (offset-less = --tz), or d/m/Y / m/d/Y with a time ("23/04/2026 10:20:00",
"4/23/2026 10:20 AM"). Day order: agents.dateOrder ("dmy" or "mdy"), else the first date with a
part above 12 decides; rows before it wait, and if none decides they are rejected (AMBIGUOUS_DATE).
DST gaps and overlaps are rejected (DST_GAP, DST_AMBIGUOUS), end before start is BAD_SPAN.
Agent names go through agents.aliases. Repeated headers, blank and totals rows are filtered; a row
with the same agent, state, start and end as an earlier one is a duplicate.`,

  detect(sample) {
    const h = sample.rows[0];
    if (!h) return 0;
    const idx = normIndex(h);
    if (isSalesforce(idx)) return 0.9;
    return isGeneric(idx) ? 0.6 : 0;
  },

  create(ctx: SourceContext) {
    let header: string[] | null = null;
    let L: Layout | null = null;
    let order: Order | null = ctx.dateOrder ?? null;
    let orderFrom = order !== null ? "agents.dateOrder" : "";
    const held: Held[] = [];
    const seen = new Set<string>();
    const unknown = new Map<string, { line: number; rows: number }>();
    let awayAvailable = 0;
    let awayAvailableLine = 0;
    const states = ctx.stateMap ? nameMap(ctx.stateMap) : null;

    let cur: string[] = [];
    const get = (i: number): string => (i < 0 ? "" : (cur[i] ?? "").trim());

    function startRaw(): string {
      const l = L!;
      const dt = get(l.start);
      if (dt !== "" || l.startDate < 0) return dt;
      const d = get(l.startDate);
      return d === "" ? "" : `${d} ${get(l.startTime)}`.trim();
    }
    function endRaw(): string {
      const l = L!;
      const dt = get(l.end);
      if (dt !== "" || l.endDate < 0) return dt;
      const d = get(l.endDate);
      return d === "" ? "" : `${d} ${get(l.endTime)}`.trim();
    }

    const badSlash = (s: string, why: string): When => ({
      ok: false,
      code: "BAD_TIMESTAMP",
      message: `"${s}" is not a timestamp (${why}; expected ISO-8601, or dd/mm/yyyy HH:mm[:ss] / mm/dd/yyyy h:mm AM)`,
    });

    /** ISO through parseTimestamp; slash dates in the settled day order, as wall time in ctx.zone. */
    function parseWhen(raw: string): When {
      const s = raw.trim();
      if (/^\d{4}-/.test(s)) return parseTimestamp(s, ctx.zone);
      const m = SLASH.exec(s);
      if (!m) return badSlash(s, SLASH_DATE.test(s) ? "a date needs a time of day" : "unknown form");
      const a = +m[1]!, b = +m[2]!, y = +m[3]!;
      let day: number, month: number;
      if (a === b) day = month = a;
      else if (order === null) {
        if (a > 12 && b > 12) return badSlash(s, "no month");
        return {
          ok: false,
          code: "AMBIGUOUS_DATE",
          message: `"${s}" reads as day/month or month/day, and no date in the file has a part above 12 to tell which: set "agents": { "dateOrder": "dmy" } (or "mdy") in cckpi.config.json`,
        };
      } else [day, month] = order === "dmy" ? [a, b] : [b, a];
      const how = order === null ? "" : `, read as ${order === "dmy" ? "day/month" : "month/day"} (from ${orderFrom})`;
      if (month < 1 || month > 12 || day < 1 || day > daysInMonth(y, month)) return badSlash(s, `no such date${how}`);
      let h = +m[4]!;
      const mi = +m[5]!;
      const sec = m[6] === undefined ? 0 : +m[6];
      const ampm = m[7];
      if (ampm !== undefined) {
        if (h < 1 || h > 12) return badSlash(s, "hour out of range");
        h = (h % 12) + (ampm.toLowerCase() === "p" ? 12 : 0);
      } else if (h > 24 || (h === 24 && (mi !== 0 || sec !== 0))) return badSlash(s, "hour out of range");
      if (mi > 59 || sec > 59) return badSlash(s, "minute or second out of range");
      const wall = daysFromCivil(y, month, day) * DAY_MS + ((h * 60 + mi) * 60 + sec) * 1000;
      const r = ctx.zone.resolveWall(wall);
      if (r.kind === "ok") return { ok: true, utcMs: r.utcMs };
      if (r.kind === "gap") return { ok: false, code: "DST_GAP", message: `"${s}" does not exist in ${ctx.zone.name} (skipped by a DST change)` };
      return { ok: false, code: "DST_AMBIGUOUS", message: `"${s}" happens twice in ${ctx.zone.name} (DST change); the export needs an offset or UTC times` };
    }

    function categoryOf(state: string, away: boolean): StateCategory | null {
      const mapped = lookupName(states, state);
      if (mapped !== undefined) return mapped;
      if (L!.salesforce) {
        const c = salesforceCategory(state);
        if (c !== null) return c;
      }
      const w = wordCategory(state);
      if (w !== null) return w;
      return L!.salesforce && away ? "paused" : null;
    }

    /** Seconds in column i: null when absent or blank, NaN when not a duration. */
    const secs = (i: number): number | null => {
      const s = get(i);
      return s === "" ? null : parseDuration(s);
    };

    function process(fields: string[], line: number, raw: string): void {
      const l = L!;
      cur = fields;
      const agent = normalizeAgent(get(l.agent), ctx.agentAliases);
      if (agent === "") return ctx.reject(line, "MISSING_VALUE", "agent is empty", raw);
      const state = get(l.state);
      if (state === "") return ctx.reject(line, "MISSING_VALUE", "state is empty", raw);
      const away = l.isAway >= 0 && TRUE.test(get(l.isAway));
      const category = categoryOf(state, away);
      if (category === null) {
        const u = unknown.get(state);
        if (u) {
          u.rows++;
          return ctx.reject(line, "UNKNOWN_STATE", `state "${state}" has no category (first seen on line ${u.line}; map it under agents.states in cckpi.config.json)`, raw);
        }
        unknown.set(state, { line, rows: 1 });
        return ctx.reject(
          line,
          "UNKNOWN_STATE",
          `state "${state}" has no category: map it in cckpi.config.json, e.g. "agents": { "states": { "${state}": "paused" } } (categories: ${STATE_CATEGORIES.join(", ")})`,
          raw,
        );
      }
      const sRaw = startRaw();
      if (sRaw === "") return ctx.reject(line, "MISSING_VALUE", "start is empty", raw);
      const s = parseWhen(sRaw);
      if (!s.ok) return ctx.reject(line, s.code, `start: ${s.message}`, raw);
      const startMs = s.utcMs;
      let endMs: number | null = null;
      const eRaw = endRaw();
      if (eRaw !== "") {
        const e = parseWhen(eRaw);
        if (!e.ok) return ctx.reject(line, e.code, `end: ${e.message}`, raw);
        endMs = e.utcMs;
      } else if (!l.salesforce && l.duration >= 0 && get(l.duration) !== "") {
        const d = secs(l.duration)!;
        if (Number.isNaN(d)) return ctx.reject(line, "BAD_NUMBER", `duration "${get(l.duration)}" is not seconds, H:MM:SS or MM:SS`, raw);
        endMs = startMs + Math.round(d * 1000);
      }
      if (endMs !== null && endMs < startMs) {
        return ctx.reject(line, "BAD_SPAN", `end (${eRaw}) is before start (${sRaw})`, raw);
      }

      let busyShare: number | null = null;
      if (l.salesforce && category === "available") {
        const idle = secs(l.idle), cap = secs(l.cap), status = secs(l.status);
        for (const [name, v, i] of [["Idle Duration", idle, l.idle], ["At Capacity Duration", cap, l.cap], ["Status Duration", status, l.status]] as const) {
          if (Number.isNaN(v)) return ctx.reject(line, "BAD_NUMBER", `${name} "${get(i)}" is not seconds`, raw);
        }
        if (idle !== null && cap !== null && idle + cap > 0) busyShare = cap / (idle + cap);
        else if (cap !== null && status !== null && status > 0) busyShare = Math.min(1, Math.max(0, cap / status));
      }

      const key = `${agent}\u0000${state}\u0000${startMs}\u0000${endMs ?? ""}`;
      if (seen.has(key)) return ctx.duplicate(line);
      seen.add(key);

      if (l.salesforce && away && category === "available" && salesforceCategory(state) === "available") {
        if (awayAvailable === 0) awayAvailableLine = line;
        awayAvailable++;
      }
      const span: AgentStateSpan = {
        agent,
        layer: "presence",
        category,
        reason: category === "paused" ? (l.salesforce ? state : get(l.reason) || state) : "",
        startMs,
        endMs,
        file: ctx.file,
        line,
        rowCount: 1,
      };
      if (busyShare !== null) span.busyShare = busyShare;
      ctx.emitState(span);
    }

    function flush(): void {
      for (const h of held.splice(0)) process(h.fields, h.line, h.raw);
    }

    return {
      row(fields, line, raw) {
        if (header === null) {
          header = fields.map((f) => f.replace(/^\uFEFF/, "").trim());
          const idx = normIndex(header);
          const sf = isSalesforce(idx);
          const col = (names: readonly string[]): number => find(idx, names);
          L = sf
            ? {
                salesforce: true, agent: col(SF.agent), state: col(SF.state), reason: -1, start: col(SF.startDt), end: col(SF.endDt), duration: -1,
                startDate: col(SF.startDate), startTime: col(SF.startTime), endDate: col(SF.endDate), endTime: col(SF.endTime),
                isAway: col(SF.isAway), idle: col(SF.idle), cap: col(SF.cap), status: col(SF.status),
              }
            : {
                salesforce: false, agent: col(G.agent), state: col(G.state), reason: col(G.reason), start: col(G.start), end: col(G.end), duration: col(G.duration),
                startDate: -1, startTime: -1, endDate: -1, endTime: -1, isAway: -1, idle: -1, cap: -1, status: -1,
              };
          const missing = sf
            ? [L.agent < 0 && "Created By: Full Name"].filter((x): x is string => x !== false)
            : [
                L.agent < 0 && "agent",
                L.state < 0 && "state",
                L.start < 0 && "start",
                L.end < 0 && L.duration < 0 && "end or duration",
              ].filter((x): x is string => x !== false);
          if (missing.length) {
            throw new CckpiError(
              "MISSING_COLUMN",
              `${ctx.file}:${line}: agent-state header lacks ${missing.join(", ")} (found: ${header.join(", ")})`,
              "name the columns as `cckpi formats agent-states` lists them, or choose another --input-format",
            );
          }
          ctx.filter(line, "header");
          return;
        }
        const l = L!;
        const blank = fields.every((f) => f.trim() === "");
        if (fields.length !== header.length) {
          if (blank) return ctx.filter(line, "blank row");
          if (fields.length === 1 && /salesforce\.com|confidential information|generated by|copyright/i.test(fields[0]!)) {
            return ctx.filter(line, "report footer");
          }
          return ctx.reject(line, "RAGGED_ROW", `expected ${header.length} fields, found ${fields.length}`, raw);
        }
        if (blank) return ctx.filter(line, "blank row");
        const bare = (i: number): string => (i < 0 ? "" : fields[i]!.replace(/^\uFEFF/, "").trim());
        if (bare(l.agent) === header[l.agent] && bare(l.state) === header[l.state]) return ctx.filter(line, "repeated header");
        cur = fields;
        const first = fields.find((f) => f.trim() !== "")!.trim();
        if (/^(grand\s+)?totals?\b/i.test(first) && !/\d/.test(startRaw())) return ctx.filter(line, "totals row");

        if (order === null) {
          const s = startRaw(), e = endRaw();
          const o = orderOf(s) ?? orderOf(e);
          if (o !== null) {
            order = o;
            orderFrom = `line ${line}: "${orderOf(s) !== null ? s : e}"`;
            flush();
          } else if (held.length > 0 || ambiguous(s) || ambiguous(e)) {
            held.push({ fields, line, raw });
            return;
          }
        }
        process(fields, line, raw);
      },
      end() {
        // Still unsettled: held rows with an ambiguous date are rejected (AMBIGUOUS_DATE), the others read.
        flush();
        if (awayAvailable > 0) {
          ctx.warn(`${ctx.file}: ${awayAvailable} row(s) with an Available status and Is Away = 1 (first on line ${awayAvailableLine}) kept as available`);
        }
        if (unknown.size > 0) {
          const list = [...unknown].map(([s, u]) => `"${s}" (${u.rows} row${u.rows === 1 ? "" : "s"})`).join(", ");
          ctx.warn(`${ctx.file}: rejected states with no category: ${list}; map them under agents.states in cckpi.config.json`);
        }
        held.length = 0;
        seen.clear();
      },
    };
  },
});
