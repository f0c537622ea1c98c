/**
 * `cckpi-contacts`: cckpi's own one-row-per-contact CSV, the canonical form every
 * other export can be converted to. Columns (header names, any order, any case):
 *
 *   contact_id, call_id, queue, agent, customer, arrived_at, answered_at, ended_at,
 *   outcome, wait_seconds, talk_seconds, hold_seconds, acw_seconds, transferred,
 *   disposition, rating, resolved
 *
 * plus any other column, kept as a dimension for `--by`. Required: queue,
 * arrived_at, outcome. Timestamps are ISO-8601; without an offset they are read
 * in the source zone (`--tz`). Missing durations are derived from timestamps
 * when both ends are present; an answered contact with neither a wait nor an
 * answered_at is rejected rather than given a made-up wait.
 */
import { CckpiError } from "../errors.js";
import { normalizeAgent, OUTCOMES, type Contact, type Outcome } from "../model/contact.js";
import { isoMsAt, parseTimestamp, secondsAt, type TimestampResult } from "../model/timestamp.js";
import { RecordView } from "../ingest/scanner.js";
import { defineSource, headerIndex, parseSeconds, type SourceContext } from "./define.js";

export const CONTACT_COLUMNS = [
  "contact_id", "call_id", "queue", "agent", "customer", "arrived_at", "answered_at", "ended_at", "outcome",
  "wait_seconds", "talk_seconds", "hold_seconds", "acw_seconds", "transferred", "disposition", "rating", "resolved",
] as const;

const REQUIRED = ["queue", "arrived_at", "outcome"] as const;
const NUMBER_COLUMNS = ["wait_seconds", "talk_seconds", "hold_seconds", "acw_seconds", "rating"] as const;

const OUTCOME_WORDS: Record<string, Outcome> = Object.fromEntries([
  ...OUTCOMES.map((o) => [o, o] as const),
  ["abandon", "abandoned"], ["exitwithtimeout", "timeout"], ["exitwithkey", "exit_key"], ["exitempty", "exit_empty"],
]);

const TRUE = new Set(["1", "true", "yes", "y", "t"]);
const FALSE = new Set(["0", "false", "no", "n", "f"]);

function flag(s: string): boolean | null | undefined {
  if (s === "") return null;
  const l = s.toLowerCase();
  if (TRUE.has(l)) return true;
  if (FALSE.has(l)) return false;
  return undefined;
}

export default defineSource({
  id: "cckpi-contacts",
  title: "cckpi contact CSV",
  records: "contacts",
  extensions: [".csv", ".tsv", ".txt"],
  docs: `One row per contact (one customer's visit to one queue; a transfer makes a second row with the same call_id).
Columns, in any order (header required, names case-insensitive):
  contact_id     unique id; duplicates are counted and dropped (first wins). Default: file:line
  call_id        groups the contacts of one call; default: contact_id
  queue          required
  agent          agent who answered (SIP/1001, PJSIP/1001, Agent/1001 are normalized to 1001)
  customer       caller id; digits form the FCR key (blank/anonymous = no key)
  arrived_at     required; ISO-8601, e.g. 2026-03-01T09:30:05 or 2026-03-01 09:30:05+01:00
  answered_at    when an agent answered
  ended_at       when talk ended (answered) or the caller left the queue
  outcome        required: ${OUTCOMES.join(", ")}
  wait_seconds   queue wait; default answered_at - arrived_at (or ended_at - arrived_at if unanswered)
  talk_seconds, hold_seconds, acw_seconds   default 0 (talk: ended_at - answered_at - hold)
  transferred, resolved   1/0, true/false, yes/no, y/n; blank = unknown
  disposition    free text
  rating         CSAT score (blank = not rated)
Any other column is kept as a dimension usable in --by (e.g. --by day,channel).
Timestamps without an offset are local time in --tz; DST gaps and overlaps are rejected, not guessed.`,

  detect(sample) {
    const h = sample.rows[0];
    if (!h) return 0;
    const idx = headerIndex(h);
    if (!REQUIRED.every((c) => idx.has(c))) return 0;
    return 0.9 + 0.005 * CONTACT_COLUMNS.filter((c) => idx.has(c)).length;
  },

  create(ctx: SourceContext) {
    let header: string[] | null = null;
    let col: Record<(typeof CONTACT_COLUMNS)[number], number> | null = null;
    let dimCols: [string, number][] = [];
    // The row being read, for the field helpers below (defined once, not per row).
    let cur: RecordView = RecordView.from([], "");
    const get = (i: number): string => (i < 0 ? "" : cur.field(i).trim());
    /** Seconds in column i: null when empty, NaN when not a number >= 0 (plain digits read from the characters). */
    const num = (i: number): number | null => {
      if (i < 0) return null;
      if (cur.plain(i)) {
        const a = cur.start(i), b = cur.end(i);
        if (a === b) return null;
        const v = secondsAt(cur.text, a, b);
        if (v === v) return v;
      }
      const s = get(i);
      return s === "" ? null : parseSeconds(s, NaN);
    };
    /** A timestamp column: the exact common forms from the characters, the rest (and every refusal) through parseTimestamp. */
    const ts = (i: number): TimestampResult => {
      if (cur.plain(i)) {
        const ms = isoMsAt(cur.text, cur.start(i), cur.end(i), ctx.zone);
        if (ms === ms) return { ok: true, utcMs: ms };
      }
      return parseTimestamp(get(i), ctx.zone);
    };
    /** A flag column: a lone 0 or 1 read from its character, anything else through flag(). */
    const flagOf = (i: number): boolean | null | undefined => {
      if (i >= 0 && cur.plain(i) && cur.end(i) - cur.start(i) === 1) {
        const ch = cur.text.charCodeAt(cur.start(i));
        if (ch === 48) return false;
        if (ch === 49) return true;
      }
      return flag(get(i));
    };

    function rowView(v: RecordView, line: number): void {
      cur = v;
      if (header === null) {
        header = v.fields().map((f) => f.replace(/^\uFEFF/, "").trim());
        const idx = headerIndex(header);
        const missing = REQUIRED.filter((c) => !idx.has(c));
        if (missing.length) {
          // Without these columns no row can be read: a file-level error, not one reject per row.
          throw new CckpiError(
            "MISSING_COLUMN",
            `${ctx.file}:${line}: header lacks ${missing.join(", ")} (found: ${header.join(", ")})`,
            "name the columns as `cckpi formats cckpi-contacts` lists them, or choose another --input-format",
          );
        }
        col = Object.fromEntries(CONTACT_COLUMNS.map((c) => [c, idx.get(c) ?? -1])) as typeof col;
        dimCols = ctx.dims.filter((d) => idx.has(d.toLowerCase())).map((d) => [d, idx.get(d.toLowerCase())!]);
        ctx.filter(line, "header");
        return;
      }
      const c = col!;
      if (v.count !== header.length) {
        if (v.count === 1 && v.field(0).trim() === "") return ctx.filter(line, "blank line");
        return ctx.reject(line, "RAGGED_ROW", `expected ${header.length} fields, found ${v.count}`, v.raw());
      }
      // Concatenated files repeat the header, maybe behind a BOM of their own. A data
      // row's arrived_at starts with a digit: only other rows need the full comparison.
      const a0 = v.firstChar(c.arrived_at);
      if (!(a0 >= 48 && a0 <= 57)) {
        const bare = (i: number): string => v.field(i).replace(/^\uFEFF/, "").trim();
        if (bare(c.queue) === header[c.queue] && bare(c.arrived_at) === header[c.arrived_at]) {
          return ctx.filter(line, "repeated header");
        }
      }

      const outcomeRaw = get(c.outcome);
      const outcome = OUTCOME_WORDS[outcomeRaw] ?? OUTCOME_WORDS[outcomeRaw.toLowerCase()];
      if (outcome === undefined) {
        return ctx.reject(line, "BAD_OUTCOME", `outcome "${outcomeRaw}" is not one of ${OUTCOMES.join(", ")}`, v.raw());
      }
      const queue = get(c.queue);
      if (queue === "") return ctx.reject(line, "MISSING_VALUE", "queue is empty", v.raw());

      const arrived = ts(c.arrived_at);
      if (!arrived.ok) return ctx.reject(line, arrived.code, `arrived_at: ${arrived.message}`, v.raw());
      let answeredMs: number | null = null;
      if (c.answered_at >= 0 && !v.blank(c.answered_at)) {
        const r = ts(c.answered_at);
        if (!r.ok) return ctx.reject(line, r.code, `answered_at: ${r.message}`, v.raw());
        answeredMs = r.utcMs;
      }
      let endedMs: number | null = null;
      if (c.ended_at >= 0 && !v.blank(c.ended_at)) {
        const r = ts(c.ended_at);
        if (!r.ok) return ctx.reject(line, r.code, `ended_at: ${r.message}`, v.raw());
        endedMs = r.utcMs;
      }

      let wait = num(c.wait_seconds);
      let talk = num(c.talk_seconds);
      const hold = num(c.hold_seconds) ?? 0;
      const acw = num(c.acw_seconds) ?? 0;
      const rating = num(c.rating);
      if (Number.isNaN(wait) || Number.isNaN(talk) || Number.isNaN(hold) || Number.isNaN(acw) || Number.isNaN(rating)) {
        const n = NUMBER_COLUMNS.find((k) => Number.isNaN(num(c[k])))!;
        return ctx.reject(line, "BAD_NUMBER", `${n} "${get(c[n])}" is not a number >= 0`, v.raw());
      }
      const arrivedMs = arrived.utcMs;
      if (wait === null) {
        if (answeredMs !== null) wait = (answeredMs - arrivedMs) / 1000;
        else if (outcome !== "answered" && endedMs !== null) wait = (endedMs - arrivedMs) / 1000;
        else if (outcome === "not_joined") wait = 0;
        else return ctx.reject(line, "MISSING_VALUE", "wait_seconds is empty and cannot be derived (no answered_at / ended_at)", v.raw());
        if (wait < 0) return ctx.reject(line, "BAD_TIMESTAMP", "answered_at/ended_at is before arrived_at", v.raw());
      }
      if (outcome === "answered") {
        if (answeredMs === null) answeredMs = arrivedMs + wait * 1000;
        if (talk === null && endedMs !== null) talk = Math.max(0, (endedMs - answeredMs) / 1000 - hold);
        if (endedMs === null && talk !== null) endedMs = answeredMs + (talk + hold) * 1000;
      } else if (endedMs === null) {
        endedMs = arrivedMs + wait * 1000;
      }
      const transferred = flagOf(c.transferred);
      const resolved = flagOf(c.resolved);
      if (transferred === undefined) return ctx.reject(line, "BAD_FLAG", `transferred "${get(c.transferred)}" is not 1/0, true/false, yes/no`, v.raw());
      if (resolved === undefined) return ctx.reject(line, "BAD_FLAG", `resolved "${get(c.resolved)}" is not 1/0, true/false, yes/no`, v.raw());

      let dims: Record<string, string> | null = null;
      if (dimCols.length) {
        dims = {};
        for (const [name, i] of dimCols) dims[name] = v.field(i).trim();
      }
      const contactId = get(c.contact_id) || `${ctx.file}:${line}`;
      ctx.emit({
        contactId,
        callId: get(c.call_id) || contactId,
        queue,
        agent: normalizeAgent(get(c.agent), ctx.agentAliases),
        customer: get(c.customer),
        arrivedMs,
        answeredMs: outcome === "answered" ? answeredMs : null,
        endedMs,
        outcome,
        waitSeconds: wait,
        talkSeconds: outcome === "answered" ? (talk ?? 0) : 0,
        holdSeconds: outcome === "answered" ? hold : 0,
        acwSeconds: outcome === "answered" ? acw : 0,
        transferred: transferred ?? false,
        disposition: get(c.disposition),
        rating,
        resolved,
        dims,
        file: ctx.file,
        line,
        rowCount: 1,
      } satisfies Contact);
    }

    return {
      // Fields as offsets (from readInput) and fields as strings share one reading.
      rowView,
      row(fields, line, raw) {
        rowView(RecordView.from(fields, raw), line);
      },
      end() {},
    };
  },
});
