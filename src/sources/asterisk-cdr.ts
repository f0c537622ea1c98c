/**
 * `asterisk-cdr`: Asterisk call detail records, one row per CDR, in three layouts:
 *   - cdr_csv's Master.csv (mission-anchors §5.2): no header, `accountcode, src, dst,
 *     dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer, end,
 *     duration, billsec, disposition, amaflags`, then the optional tails `uniqueid`
 *     (loguniqueid), `userfield` (loguserfield), `peeraccount, linkedid, sequence`
 *     (newcdrcolumns): 16 to 21 fields, told apart by the count (17 and 20 fields:
 *     field 17 is the uniqueid when it looks like one, `[system-]epoch.seq`, else the userfield);
 *   - FreePBX's `asteriskcdrdb.cdr` table dumped without a header (25 fields: calldate,
 *     clid, src, dst, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec,
 *     disposition, amaflags, accountcode, uniqueid, userfield, then columns that differ
 *     between FreePBX versions and are not read) (PROVENANCE.md §8, freepbx-g9telecom);
 *   - any CDR table exported with a header row (PBXware's cdr.csv, cdr_adaptive_odbc
 *     tables, FreePBX "CDR Reports" downloads), columns found by name.
 *
 * One CDR row is one contact. A CDR knows no queue: queue = dcontext, wait =
 * duration - billsec (ring, IVR and queue time together), talk = billsec. Rows that
 * are plainly not inbound queue calls (internal, outbound, feature codes) are still
 * contacts: the CDR cannot tell them apart, and no filter is guessed here.
 */
import { CckpiError } from "../errors.js";
import { contactOf, normalizeAgent, type Outcome } from "../model/contact.js";
import type { TimeZone } from "../model/time.js";
import { parseTimestamp, type TimestampResult } from "../model/timestamp.js";
import { defineSource, headerIndex, parseSeconds, type SourceContext } from "./define.js";

/** CDR disposition (upper case) to outcome. */
export const DISPOSITIONS: Readonly<Record<string, Outcome>> = {
  ANSWERED: "answered",
  "NO ANSWER": "abandoned",
  NOANSWER: "abandoned",
  BUSY: "not_joined",
  FAILED: "not_joined",
  CONGESTION: "not_joined",
};

const MASTER_BASE = [
  "accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp", "lastdata",
  "start", "answer", "end", "duration", "billsec", "disposition", "amaflags",
] as const;
const NEW_COLUMNS = ["peeraccount", "linkedid", "sequence"] as const;
/** The FreePBX dump's first 16 columns; the 9 after them vary between FreePBX versions. */
const FREEPBX = [
  "calldate", "clid", "src", "dst", "dcontext", "channel", "dstchannel", "lastapp", "lastdata",
  "duration", "billsec", "disposition", "amaflags", "accountcode", "uniqueid", "userfield",
] as const;
const FREEPBX_FIELDS = 25;

/** A uniqueid: `1706368044.0`, or with the systemname prefix `mainserverdss-1706368044.0`. */
const UNIQUEID = /^(?:[A-Za-z0-9_.-]+-)?\d{9,}\.\d+$/;
const ISO_STAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?/;
const YMD_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DMY_SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})$/;

const p2 = (s: string): string => s.padStart(2, "0");

/**
 * A CDR timestamp: ISO `Y-m-d H:M:S` (what Asterisk writes), or `Y/m/d H:M[:S]` (a
 * spreadsheet re-save; year first, so not ambiguous). `d/m/Y H:M:S` only when the
 * caller says the layout documents it (`dayFirst`): m/d is never tried.
 */
export function parseCdrTime(raw: string, zone: TimeZone, dayFirst = false): TimestampResult {
  const s = raw.trim();
  if (s.length >= 5 && s.charCodeAt(4) === 45 /* - */) return parseTimestamp(s, zone);
  let m = YMD_SLASH.exec(s);
  if (m) return parseTimestamp(`${m[1]}-${p2(m[2]!)}-${p2(m[3]!)} ${p2(m[4]!)}:${m[5]}:${m[6] ?? "00"}`, zone);
  if (dayFirst && (m = DMY_SLASH.exec(s))) return parseTimestamp(`${m[3]}-${p2(m[2]!)}-${p2(m[1]!)} ${p2(m[4]!)}:${m[5]}:${m[6]}`, zone);
  const r = parseTimestamp(s, zone);
  if (r.ok || r.code !== "BAD_TIMESTAMP") return r;
  return {
    ok: false,
    code: "BAD_TIMESTAMP",
    message: `"${raw}" is not a timestamp (expected Y-m-d H:M:S${dayFirst ? " or d/m/Y H:M:S" : ""})`,
  };
}

/** The number of a caller id `"Name" <1001>`, or the whole text when it has no <...>. */
export function clidNumber(clid: string): string {
  const lt = clid.lastIndexOf("<");
  const gt = clid.lastIndexOf(">");
  return lt >= 0 && gt > lt ? clid.slice(lt + 1, gt).trim() : clid.trim();
}

function masterColumns(n: number, f16: string): readonly string[] {
  const tail16 = UNIQUEID.test(f16.trim()) ? "uniqueid" : "userfield";
  switch (n) {
    case 16: return MASTER_BASE;
    case 17: return [...MASTER_BASE, tail16];
    case 18: return [...MASTER_BASE, "uniqueid", "userfield"];
    case 19: return [...MASTER_BASE, ...NEW_COLUMNS];
    case 20: return [...MASTER_BASE, tail16, ...NEW_COLUMNS];
    default: return [...MASTER_BASE, "uniqueid", "userfield", ...NEW_COLUMNS];
  }
}

const isDisposition = (s: string | undefined): boolean => s !== undefined && DISPOSITIONS[s.trim().toUpperCase()] !== undefined;
const isMasterRow = (r: readonly string[]): boolean => r.length >= 16 && r.length <= 21 && ISO_STAMP.test(r[9]!.trim()) && isDisposition(r[14]);
const isFreepbxRow = (r: readonly string[]): boolean =>
  r.length === FREEPBX_FIELDS && (ISO_STAMP.test(r[0]!.trim()) || DMY_SLASH.test(r[0]!.trim())) && isDisposition(r[11]);

type Dialect = "master" | "freepbx" | "table";

/** Column index by name for one row layout. */
type Layout = Map<string, number>;


export default defineSource({
  id: "asterisk-cdr",
  title: "Asterisk CDR (Master.csv, FreePBX, PBXware cdr tables)",
  records: "contacts",
  extensions: [".csv", ""],
  docs: `Asterisk call detail records, one contact per CDR row.
Master.csv (cdr_csv, no header): accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata,
  start, answer, end, duration, billsec, disposition, amaflags [, uniqueid] [, userfield] [, peeraccount, linkedid, sequence]
  (16-21 fields, told apart by the count; with 17 or 20 the 17th is the uniqueid when it looks like one, else the userfield).
FreePBX asteriskcdrdb.cdr dump (no header, 25 fields): calldate, clid, src, dst, dcontext, channel, dstchannel, lastapp,
  lastdata, duration, billsec, disposition, amaflags, accountcode, uniqueid, userfield, ... (the last 9 are not read).
  calldate may be d/m/Y H:M:S, as in the real FreePBX dump this layout was written for; only this layout reads d/m/Y.
CDR table with a header (PBXware cdr.csv, ODBC tables, FreePBX CDR report CSV): columns by name; required
  calldate (or start), dcontext, duration, billsec, disposition; answer, end, src, clid, dstchannel, uniqueid,
  linkedid, sequence used when present. The literal NULL is an empty value.
Times: Y-m-d H:M:S (or Y/m/d H:M[:S]) local wall time, read in --tz; DST gaps and overlaps are rejected.
Mapping: queue = dcontext (a CDR has no queue); customer = src, else the number in clid;
  arrived = start/calldate; answered = answer, else start + duration - billsec; ended = end, else start + duration;
  wait = duration - billsec (ring, IVR and queue time together: not a queue wait); talk = billsec;
  disposition ANSWERED -> answered (agent = dstchannel, SIP/1001-00000abc -> 1001), NO ANSWER -> abandoned,
  BUSY, FAILED, CONGESTION -> not_joined; anything else is rejected (BAD_OUTCOME).
  contact id = uniqueid#sequence (or uniqueid, or file:line); call id = linkedid, else uniqueid: legs of one call
  (ring groups, transfers) share a linkedid. A repeated contact id is a duplicate.
Limits: internal, outbound and feature-code calls are contacts too (the CDR cannot tell them apart);
  dstchannel is the far end, which is a trunk on outbound calls; no hold, ACW, or queue wait.`,

  detect(sample) {
    const first = sample.rows[0];
    if (!first) return 0;
    const h = headerIndex(first);
    if (h.has("disposition") && h.has("dcontext") && h.has("billsec") && (h.has("calldate") || h.has("start"))) return 0.9;
    const rows = sample.rows.slice(0, 10);
    const master = rows.filter(isMasterRow).length;
    const freepbx = rows.filter(isFreepbxRow).length;
    // Most sampled rows must fit one layout (a ragged row or two may be there).
    if (master >= Math.max(1, rows.length * 0.8)) return 0.9;
    if (freepbx >= Math.max(1, rows.length * 0.8)) return 0.9;
    return 0;
  },

  create(ctx: SourceContext) {
    let dialect: Dialect | null = null;
    let layout: Layout = new Map();
    let width = 0;
    let headerKey = "";
    const masterLayouts = new Map<string, Layout>();
    let dimNames: [string, string][] = [];
    let cur: string[] = [];
    /** Trimmed value of a named column; "" when absent; the literal NULL is empty. */
    const get = (name: string): string => {
      const i = layout.get(name);
      if (i === undefined) return "";
      const v = cur[i]!.trim();
      return v === "NULL" ? "" : v;
    };
    const rowKey = (fields: readonly string[]): string => fields.map((f) => f.replace(/^\uFEFF/, "").trim().toLowerCase()).join("\u0001");
    const setDims = (names: Iterable<string>): void => {
      const have = new Set([...names].map((n) => n.toLowerCase()));
      dimNames = ctx.dims.filter((d) => have.has(d.toLowerCase())).map((d) => [d, d.toLowerCase()]);
    };

    function contact(line: number, raw: string): void {
      const dispRaw = get("disposition");
      const disposition = dispRaw.toUpperCase();
      const outcome = DISPOSITIONS[disposition];
      if (outcome === undefined) {
        return ctx.reject(line, "BAD_OUTCOME", `disposition "${dispRaw}" is not one of ANSWERED, NO ANSWER, BUSY, FAILED, CONGESTION`, raw);
      }
      const queue = get("dcontext");
      if (queue === "") return ctx.reject(line, "MISSING_VALUE", "dcontext (the queue) is empty", raw);
      const startName = layout.has("start") ? "start" : "calldate";
      const start = parseCdrTime(get(startName), ctx.zone, dialect === "freepbx");
      if (!start.ok) return ctx.reject(line, start.code, `${startName}: ${start.message}`, raw);
      const arrivedMs = start.utcMs;
      let answerMs: number | null = null;
      let endMs: number | null = null;
      const ans = get("answer");
      if (ans !== "") {
        const r = parseCdrTime(ans, ctx.zone);
        if (!r.ok) return ctx.reject(line, r.code, `answer: ${r.message}`, raw);
        answerMs = r.utcMs;
      }
      const end = get("end");
      if (end !== "") {
        const r = parseCdrTime(end, ctx.zone);
        if (!r.ok) return ctx.reject(line, r.code, `end: ${r.message}`, raw);
        endMs = r.utcMs;
      }
      const durRaw = get("duration");
      const billRaw = get("billsec");
      let duration = parseSeconds(durRaw, endMs !== null ? (endMs - arrivedMs) / 1000 : NaN);
      const billsec = parseSeconds(billRaw, endMs !== null ? (answerMs !== null ? (endMs - answerMs) / 1000 : 0) : NaN);
      if (Number.isNaN(duration)) return ctx.reject(line, "BAD_NUMBER", `duration "${durRaw}" is not a number of seconds`, raw);
      if (Number.isNaN(billsec)) return ctx.reject(line, "BAD_NUMBER", `billsec "${billRaw}" is not a number of seconds`, raw);
      if (endMs !== null && endMs < arrivedMs) return ctx.reject(line, "BAD_TIMESTAMP", "end is before start", raw);
      if (answerMs !== null && answerMs < arrivedMs) return ctx.reject(line, "BAD_TIMESTAMP", "answer is before start", raw);
      // Asterisk rounds the two separately: billsec may pass duration by a second.
      if (billsec > duration) duration = billsec;
      const answered = outcome === "answered";
      const wait = duration - billsec;

      const uniqueid = get("uniqueid");
      const sequence = get("sequence");
      const contactId = uniqueid === "" ? `${ctx.file}:${line}` : sequence === "" ? uniqueid : `${uniqueid}#${sequence}`;
      let dims: Record<string, string> | null = null;
      if (dimNames.length) {
        dims = {};
        for (const [d, n] of dimNames) dims[d] = get(n);
      }
      ctx.emit(contactOf({
        contactId,
        callId: get("linkedid") || uniqueid || contactId,
        queue,
        agent: answered ? normalizeAgent(get("dstchannel"), ctx.agentAliases) : "",
        customer: get("src") || clidNumber(get("clid")),
        arrivedMs,
        answeredMs: answered ? (answerMs ?? arrivedMs + wait * 1000) : null,
        endedMs: endMs ?? arrivedMs + duration * 1000,
        outcome,
        waitSeconds: wait,
        talkSeconds: answered ? billsec : 0,
        disposition,
        dims,
        file: ctx.file,
        line,
      }));
    }

    return {
      row(fields, line, raw) {
        if (dialect === null) {
          const h = headerIndex(fields);
          if (h.has("disposition") && (h.has("calldate") || h.has("start"))) {
            const missing = [h.has("calldate") ? "calldate" : "start", "dcontext", "duration", "billsec", "disposition"].filter((c) => !h.has(c));
            if (missing.length) {
              throw new CckpiError(
                "MISSING_COLUMN",
                `${ctx.file}:${line}: CDR header lacks ${missing.join(", ")}`,
                "`cckpi formats asterisk-cdr` lists the columns this format needs",
              );
            }
            dialect = "table";
            layout = h;
            width = fields.length;
            headerKey = rowKey(fields);
            setDims(h.keys());
            return ctx.filter(line, "header");
          }
          if (fields.length >= 16 && fields.length <= 21) {
            dialect = "master";
            setDims([...MASTER_BASE, "uniqueid", "userfield", ...NEW_COLUMNS]);
          } else if (fields.length === FREEPBX_FIELDS) {
            dialect = "freepbx";
            layout = headerIndex(FREEPBX);
            width = FREEPBX_FIELDS;
            setDims(FREEPBX);
          } else {
            if (fields.length === 1 && fields[0]!.trim() === "") return ctx.filter(line, "blank line");
            throw new CckpiError(
              "MISSING_COLUMN",
              `${ctx.file}:${line}: ${fields.length} fields and no CDR header: not a Master.csv row (16-21 fields) nor a FreePBX cdr dump row (25)`,
              "`cckpi formats asterisk-cdr` describes the layouts",
            );
          }
        }
        if (dialect === "master") {
          if (fields.length < 16 || fields.length > 21) {
            if (fields.length === 1 && fields[0]!.trim() === "") return ctx.filter(line, "blank line");
            return ctx.reject(line, "RAGGED_ROW", `expected 16 to 21 fields (Master.csv), found ${fields.length}`, raw);
          }
          const n = fields.length;
          const key = n === 17 || n === 20 ? `${n}${UNIQUEID.test(fields[16]!.trim()) ? "u" : "f"}` : `${n}`;
          let l = masterLayouts.get(key);
          if (l === undefined) masterLayouts.set(key, (l = headerIndex(masterColumns(n, fields[16] ?? ""))));
          layout = l;
        } else if (fields.length !== width) {
          if (fields.length === 1 && fields[0]!.trim() === "") return ctx.filter(line, "blank line");
          return ctx.reject(line, "RAGGED_ROW", `expected ${width} fields, found ${fields.length}`, raw);
        } else if (dialect === "table" && /^\W*disposition\s*$/i.test(fields[layout.get("disposition")!]!) && rowKey(fields) === headerKey) {
          return ctx.filter(line, "repeated header");
        }
        cur = fields;
        contact(line, raw);
      },
      end() {},
    };
  },
});
