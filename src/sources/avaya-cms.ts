/**
 * `avaya-cms`: Avaya Call Management System exports with a header row of CMS
 * database item names (mission-anchors §5.7), in two shapes told apart by the
 * header:
 *
 *   - External Call History (ECH) `call_rec`: one row per call segment
 *     (callid, segment, segstart, queuetime, ringtime, talktime, ansholdtime,
 *     acwtime, disposition / call_disp, dispsplit, anslogin, calling_pty,
 *     transferred...). Each segment is one contact; the segments of one call
 *     share `callid`, so a transfer counts once in totals.
 *   - split/skill interval data (hsplit / isplit style: row_date + starttime
 *     or interval_start, intrvl, split, CALLSOFFERED, ACDCALLS, ABNCALLS,
 *     ACCEPTABLE, SERVICELEVEL, ANSTIME, ABNTIME, ACDTIME, ACWTIME...). Each row
 *     is one interval record for one split, handed over at both levels: as the
 *     split's contact-level record and as a call-level copy (CMS counts per
 *     split, so totals across splits count a call once per split it reached).
 *     Facts the row lacks are left out, never made up: a metric that needs one
 *     stops the report with MISSING_FACT.
 *
 * The disposition code table is the CMS DISPOSITION database item (1 CONN,
 * 2 ANS, 3 ABAN, 4 IFLOW, 5 FBUSY, 6 FDISC, 7 OTHER); anything else is BAD_OUTCOME.
 */
import { CckpiError } from "../errors.js";
import type { IntervalRecordRow } from "../engine/records.js";
import { facts as F } from "../engine/facts.js";
import { normalizeAgent, type Contact, type Outcome } from "../model/contact.js";
import { TimeZone } from "../model/time.js";
import { parseTimestamp, type TimestampResult } from "../model/timestamp.js";
import { defineSource, headerIndex, parseSeconds, type SourceContext } from "./define.js";

type Shape = "calls" | "intervals";

/* ---- ECH call records ---- */

const CALL_COLUMNS = [
  "callid", "segment", "segstart", "segstart_utc", "disposition", "call_disp", "dispsplit", "split1", "queuetime",
  "ringtime", "disptime", "talktime", "ansholdtime", "acwtime", "anslogin", "calling_pty", "transferred",
] as const;
type CallColumn = (typeof CALL_COLUMNS)[number];
const CALL_SECONDS = ["queuetime", "ringtime", "disptime", "talktime", "ansholdtime", "acwtime"] as const;

/** DISPOSITION (CMS database items): what each code becomes. */
const DISPOSITIONS: Record<string, { outcome: Outcome } | { filter: string }> = {
  "1": { filter: "disposition 1 CONN (non-ACD call, not a queue contact)" },
  "2": { outcome: "answered" }, // ANS
  "3": { outcome: "abandoned" }, // ABAN
  "4": { outcome: "timeout" }, // IFLOW: flowed out of the queue to an off-switch destination
  "5": { outcome: "not_joined" }, // FBUSY: busy (queue full / vector busy), never queued
  "6": { outcome: "not_joined" }, // FDISC: disconnected by the vector, never queued
  "7": { filter: "disposition 7 OTHER (no queue outcome)" },
};

/* ---- split/skill interval rows ---- */

const SPLIT_NAMES = ["split", "skill", "split/skill", "split_skill"];
const START_NAMES = ["interval_start", "interval start"];
const DATE_NAMES = ["row_date"];
const TIME_NAMES = ["starttime", "row_time", "start_time"];
const MINUTES_NAMES = ["intrvl", "interval", "interval_minutes"];

/** CMS item -> cckpi fact key; every one is a plain sum. */
const INTERVAL_FACTS: readonly [string, string][] = [
  ["callsoffered", F.offered.key],
  ["acdcalls", F.answered.key],
  ["abncalls", F.abandoned.key],
  ["acdcalls", F.handled.key],
  ["anstime", F.waitAnswered.key],
  ["abntime", F.waitAbandoned.key],
  ["acdtime", F.talk.key],
  ["acwtime", F.acw.key],
  ["holdacdtime", F.hold.key],
  ["maxocwtime", F.waitMax.key],
];
const INTERVAL_ITEMS = ["callsoffered", "acdcalls", "abncalls", "acceptable", "anstime", "abntime", "acdtime", "acwtime", "servicelevel"];

const firstOf = (idx: Map<string, number>, names: readonly string[]): number => {
  for (const n of names) {
    const i = idx.get(n);
    if (i !== undefined) return i;
  }
  return -1;
};

function shapeOf(idx: Map<string, number>): Shape | null {
  if (idx.has("callid") && (idx.has("segstart") || idx.has("segstart_utc")) && (idx.has("disposition") || idx.has("call_disp"))) return "calls";
  const timed = firstOf(idx, START_NAMES) >= 0 || firstOf(idx, DATE_NAMES) >= 0;
  if (firstOf(idx, SPLIT_NAMES) >= 0 && timed && INTERVAL_ITEMS.filter((c) => idx.has(c)).length >= 2) return "intervals";
  return null;
}

/** CMS start times: 930, 0930, 09:30, 09:30:00 -> seconds after midnight, or -1. */
function clockSeconds(s: string): number {
  let h: number, m: number, sec = 0;
  const colon = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (colon) {
    h = +colon[1]!;
    m = +colon[2]!;
    sec = colon[3] === undefined ? 0 : +colon[3];
  } else if (/^\d{1,4}$/.test(s)) {
    const v = +s;
    h = Math.floor(v / 100);
    m = v % 100;
  } else return -1;
  return h > 23 || m > 59 || sec > 59 ? -1 : (h * 60 + m) * 60 + sec;
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

export default defineSource({
  id: "avaya-cms",
  title: "Avaya CMS call records (ECH) or split/skill intervals",
  records: "contacts or interval records",
  extensions: [".csv", ".txt", ".tsv"],
  docs: `Avaya CMS exports with a header of CMS database item names (any order, any case). Two shapes, told apart by the header:

1. External Call History call_rec (one row per call segment) -> contacts. Needs callid, segstart or segstart_utc,
   disposition or call_disp, dispsplit. Each segment is one contact:
     call id    callid (segments of one call share it: a transfer counts once in totals); contact id callid/segment@start
     queue      dispsplit (split1 when dispsplit is 0/blank); no split at all (VDN/vector-only call): filtered
     arrived    segstart, local time in --tz (segstart_utc, read as UTC, when that column is present)
     wait       queuetime + ringtime (CMS ANSTIME counts ring time too)
     answered   segstart + disptime (segstart + wait without disptime); ended = answered + talk + hold
     talk, hold, acw   talktime, ansholdtime, acwtime (answered segments only)
     agent      anslogin; customer calling_pty; transferred 1/0 (y/n)
   disposition (CMS DISPOSITION item): 2 ANS -> answered; 3 ABAN -> abandoned; 4 IFLOW -> timeout (flowed out to an
   off-switch destination: offered, neither answered nor abandoned); 5 FBUSY, 6 FDISC -> not_joined (never queued);
   1 CONN (non-ACD call) and 7 OTHER: filtered with that reason; any other code is rejected (BAD_OUTCOME).
   Timestamps are ISO-8601 (2026-03-02 09:00:00); DST gaps/overlaps are rejected, not guessed.

2. split/skill interval data (hsplit/isplit items) -> interval records. Needs split (or skill, split/skill), the
   interval start as row_date (ISO date) + starttime (930, 0930 or 09:30; local time in --tz) or interval_start
   (ISO-8601), and intrvl (or interval, interval_minutes) minutes. queue = the split number (several ACDs with the
   same split number are merged). Each row is one record per split, at contact level and again at
   call level; CMS counts per split, so totals across splits count a call once per split it reached. Facts:
     offered = CALLSOFFERED, answered = handled = ACDCALLS, abandoned = ABNCALLS, wait_answered_s = ANSTIME,
     wait_abandoned_s = ABNTIME, talk_s = ACDTIME, acw_s = ACWTIME, hold_s = HOLDACDTIME, wait_max_s = MAXOCWTIME,
     answered_within_<SERVICELEVEL>s = ACCEPTABLE.
   A column the file lacks gives no fact: a metric that needs it (e.g. short abandons, another SL threshold, AHT
   without HOLDACDTIME) stops the report with MISSING_FACT. Blank cells are 0; "Totals" rows are filtered.`,

  detect(sample) {
    const h = sample.rows[0];
    if (!h) return 0;
    const idx = headerIndex(h);
    const shape = shapeOf(idx);
    if (shape === "calls") return 0.96 + 0.001 * CALL_COLUMNS.filter((c) => idx.has(c)).length;
    if (shape === "intervals") return 0.95 + 0.001 * INTERVAL_ITEMS.filter((c) => idx.has(c)).length;
    return 0;
  },

  create(ctx: SourceContext) {
    let header: string[] | null = null;
    let handle: ((fields: string[], line: number, raw: string) => void) | null = null;
    let idx = new Map<string, number>();
    let cur: string[] = [];
    const get = (i: number): string => (i < 0 ? "" : cur[i]!.trim());
    const emitRecord = (r: IntervalRecordRow, l: number, rows?: number): void => ctx.emitRecord(r, l, rows);
    let utc: TimeZone | null = null;

    function dimsOf(fields: string[]): Record<string, string> | null {
      let dims: Record<string, string> | null = null;
      for (const d of ctx.dims) {
        const i = idx.get(d.toLowerCase());
        if (i === undefined) continue;
        (dims ??= {})[d] = fields[i]!.trim();
      }
      return dims;
    }

    function callRows(): (fields: string[], line: number, raw: string) => void {
      const c = Object.fromEntries(CALL_COLUMNS.map((n) => [n, idx.get(n) ?? -1])) as Record<CallColumn, number>;
      const dispCol = c.disposition >= 0 ? c.disposition : c.call_disp;
      const hasUtc = c.segstart_utc >= 0;
      if (c.dispsplit < 0) {
        throw new CckpiError("MISSING_COLUMN", `${ctx.file}: CMS call record header lacks dispsplit`, "export the dispsplit item, the split that dispositioned the call");
      }
      if (hasUtc) utc = TimeZone.of("UTC");
      const secs: Record<(typeof CALL_SECONDS)[number], number> = { queuetime: 0, ringtime: 0, disptime: 0, talktime: 0, ansholdtime: 0, acwtime: 0 };

      return (fields, line, raw) => {
        const dispRaw = get(dispCol);
        const disp = DISPOSITIONS[dispRaw.replace(/^0+(?=\d)/, "")];
        if (disp === undefined) {
          return ctx.reject(line, "BAD_OUTCOME", `disposition "${dispRaw}" is not a CMS code 1-7 (2 ANS, 3 ABAN, 4 IFLOW, 5 FBUSY, 6 FDISC)`, raw);
        }
        if ("filter" in disp) return ctx.filter(line, disp.filter);
        const outcome = disp.outcome;
        let queue = get(c.dispsplit);
        if (queue === "" || queue === "0") queue = get(c.split1);
        if (queue === "" || queue === "0") return ctx.filter(line, "no split (VDN/vector-only call, never queued)");

        const callid = get(c.callid);
        if (callid === "") return ctx.reject(line, "MISSING_VALUE", "callid is empty", raw);
        // segstart_utc when the export has it (a blank cell falls back to local segstart).
        const useUtc = hasUtc && (get(c.segstart_utc) !== "" || c.segstart < 0);
        const t = useUtc ? parseTimestamp(get(c.segstart_utc), utc!) : parseTimestamp(get(c.segstart), ctx.zone);
        if (!t.ok) return ctx.reject(line, t.code, `${useUtc ? "segstart_utc" : "segstart"}: ${t.message}`, raw);
        for (const n of CALL_SECONDS) {
          const v = parseSeconds(get(c[n]), 0);
          if (Number.isNaN(v)) return ctx.reject(line, "BAD_NUMBER", `${n} "${get(c[n])}" is not a number of seconds >= 0`, raw);
          secs[n] = v;
        }
        const tr = get(c.transferred).toLowerCase();
        if (tr !== "" && tr !== "0" && tr !== "1" && tr !== "y" && tr !== "n") {
          return ctx.reject(line, "BAD_FLAG", `transferred "${get(c.transferred)}" is not 1/0 or y/n`, raw);
        }

        const answered = outcome === "answered";
        const wait = secs.queuetime + secs.ringtime;
        const arrivedMs = t.utcMs;
        const dispMs = arrivedMs + (c.disptime >= 0 && get(c.disptime) !== "" ? secs.disptime : wait) * 1000;
        const talk = answered ? secs.talktime : 0;
        const hold = answered ? secs.ansholdtime : 0;
        const segment = get(c.segment) || "1";
        ctx.emit({
          contactId: `${callid}/${segment}@${arrivedMs}`,
          callId: callid,
          queue,
          agent: answered ? normalizeAgent(get(c.anslogin), ctx.agentAliases) : "",
          customer: get(c.calling_pty),
          arrivedMs,
          answeredMs: answered ? dispMs : null,
          endedMs: answered ? dispMs + (talk + hold) * 1000 : dispMs,
          outcome,
          waitSeconds: outcome === "not_joined" ? 0 : wait,
          talkSeconds: talk,
          holdSeconds: hold,
          acwSeconds: answered ? secs.acwtime : 0,
          transferred: tr === "1" || tr === "y",
          disposition: "",
          rating: null,
          resolved: null,
          dims: dimsOf(fields),
          file: ctx.file,
          line,
          rowCount: 1,
        } satisfies Contact);
      };
    }

    function intervalRows(): (fields: string[], line: number, raw: string) => void {
      const split = firstOf(idx, SPLIT_NAMES);
      const start = firstOf(idx, START_NAMES);
      const date = firstOf(idx, DATE_NAMES);
      const time = firstOf(idx, TIME_NAMES);
      const minutesCol = firstOf(idx, MINUTES_NAMES);
      const missing: string[] = [];
      if (start < 0 && (date < 0 || time < 0)) missing.push("interval_start (or row_date and starttime)");
      if (minutesCol < 0) missing.push("intrvl (interval minutes)");
      if (missing.length) {
        throw new CckpiError("MISSING_COLUMN", `${ctx.file}: CMS interval header lacks ${missing.join(", ")}`, "export the interval length (INTRVL) and start with the split items");
      }
      const factCols = INTERVAL_FACTS.filter(([item]) => idx.has(item)).map(([item, key]) => [item, key, idx.get(item)!] as const);
      const acceptable = idx.get("acceptable") ?? -1;
      const serviceLevel = idx.get("servicelevel") ?? -1;
      if (acceptable >= 0 && serviceLevel < 0) ctx.warn(`${ctx.file}: ACCEPTABLE without SERVICELEVEL: its threshold is unknown, so it is not used`);

      return (fields, line, raw) => {
        const queue = get(split);
        if (/^totals?:?$/i.test(queue) || (date >= 0 && /^totals?:?$/i.test(get(date)))) return ctx.filter(line, "totals row");
        if (queue === "") return ctx.reject(line, "MISSING_VALUE", "split is empty", raw);
        let t: TimestampResult;
        if (start >= 0) {
          t = parseTimestamp(get(start), ctx.zone);
          if (!t.ok) return ctx.reject(line, t.code, `interval start: ${t.message}`, raw);
        } else {
          const d = /^(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$/.exec(get(date));
          const s = clockSeconds(get(time));
          if (!d) return ctx.reject(line, "BAD_TIMESTAMP", `row_date "${get(date)}" is not a date (expected 2026-03-02)`, raw);
          if (s < 0) return ctx.reject(line, "BAD_TIMESTAMP", `start time "${get(time)}" is not a time of day (930, 0930 or 09:30)`, raw);
          t = parseTimestamp(`${d[1]}T${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`, ctx.zone);
          if (!t.ok) return ctx.reject(line, t.code, `interval start: ${t.message}`, raw);
        }
        const minutes = +get(minutesCol);
        if (!(minutes > 0) || !Number.isInteger(minutes)) return ctx.reject(line, "BAD_NUMBER", `interval minutes "${get(minutesCol)}" is not a whole number > 0`, raw);

        const facts: Record<string, number> = {};
        for (const [item, key, i] of factCols) {
          const v = parseSeconds(get(i), 0);
          if (Number.isNaN(v)) return ctx.reject(line, "BAD_NUMBER", `${item.toUpperCase()} "${get(i)}" is not a number >= 0`, raw);
          facts[key] = v;
        }
        if (acceptable >= 0 && serviceLevel >= 0) {
          const acc = parseSeconds(get(acceptable), 0);
          if (Number.isNaN(acc)) return ctx.reject(line, "BAD_NUMBER", `ACCEPTABLE "${get(acceptable)}" is not a number >= 0`, raw);
          const slRaw = get(serviceLevel);
          if (slRaw !== "") {
            const sl = parseSeconds(slRaw, NaN);
            if (Number.isNaN(sl)) return ctx.reject(line, "BAD_NUMBER", `SERVICELEVEL "${slRaw}" is not a number of seconds >= 0`, raw);
            facts[F.answeredWithin(sl).key] = acc;
          } else if (acc > 0) {
            return ctx.reject(line, "MISSING_VALUE", "ACCEPTABLE is given but SERVICELEVEL is blank: its threshold is unknown", raw);
          }
        }
        const record: IntervalRecordRow = { level: "contact", startMs: t.utcMs, minutes, queue, agent: "", dims: {}, facts };
        emitRecord(record, line);
        emitRecord({ ...record, level: "call", facts: { ...facts } }, line, 0);
      };
    }

    return {
      row(fields, line, raw) {
        if (header === null) {
          header = fields.map((f) => f.replace(/^\uFEFF/, "").trim());
          idx = headerIndex(header);
          const shape = shapeOf(idx);
          if (shape === null) {
            throw new CckpiError(
              "MISSING_COLUMN",
              `${ctx.file}:${line}: header is neither a CMS call record (callid, segstart, disposition...) nor split interval data (split, row_date/interval_start, CALLSOFFERED, ACDCALLS...)`,
              "`cckpi formats avaya-cms` lists the columns of both shapes",
            );
          }
          handle = shape === "calls" ? callRows() : intervalRows();
          return ctx.filter(line, "header");
        }
        if (fields.length !== header.length) {
          if (fields.length === 1 && fields[0]!.trim() === "") return ctx.filter(line, "blank line");
          return ctx.reject(line, "RAGGED_ROW", `expected ${header.length} fields, found ${fields.length}`, raw);
        }
        // Concatenated exports repeat the header, maybe behind a BOM of their own.
        if (fields[0]!.replace(/^\uFEFF/, "").trim().toLowerCase() === header[0]!.toLowerCase() && fields.every((f, i) => f.replace(/^\uFEFF/, "").trim().toLowerCase() === header![i]!.toLowerCase())) {
          return ctx.filter(line, "repeated header");
        }
        cur = fields;
        handle!(fields, line, raw);
      },
      end() {},
    };
  },
});
