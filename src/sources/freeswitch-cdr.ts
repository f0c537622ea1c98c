/**
 * `freeswitch-cdr`: FreeSWITCH mod_cdr_csv files (mission-anchors §5.3), one row per
 * a-leg, in three layouts:
 *   - the stock `example` template: no header, 15 quoted fields `caller_id_name,
 *     caller_id_number, destination_number, context, start_stamp, answer_stamp,
 *     end_stamp, duration, billsec, hangup_cause, uuid, bleg_uuid, accountcode,
 *     read_codec, write_codec`;
 *   - the stock `asterisk` template: no header, 18 fields `accountcode,
 *     caller_id_number, destination_number, context, caller_id, channel_name,
 *     bridge_channel, last_app, last_arg, start_stamp, answer_stamp, end_stamp,
 *     duration, billsec, hangup_cause, amaflags, uuid, userfield`;
 *   - a custom template written with a header row, columns by variable name. When
 *     the header names mod_callcenter's variables (cc_queue, cc_side,
 *     cc_queue_joined_epoch...), rows are real queue visits (see `docs`); without
 *     them a row is read like the stock templates.
 * Headerless layouts are told apart by the field count and the shape of the
 * stamp, number and hangup-cause fields (an Asterisk Master.csv has a disposition
 * where the asterisk template has a hangup cause).
 *
 * Without cc_* variables a CDR knows no queue: queue = context, wait = duration -
 * billsec, and the hangup cause of an unanswered leg picks abandoned or not_joined
 * (the table below mirrors how Asterisk turns causes into NO ANSWER / BUSY / FAILED).
 */
import { CckpiError } from "../errors.js";
import { contactOf, normalizeAgent, type ContactCore, type Outcome } from "../model/contact.js";
import { parseEpochSeconds } from "../model/timestamp.js";
import { clidNumber, DISPOSITIONS, parseCdrTime } from "./asterisk-cdr.js";
import { defineSource, headerIndex, parseSeconds, type SourceContext } from "./define.js";

const EXAMPLE = [
  "caller_id_name", "caller_id_number", "destination_number", "context", "start_stamp", "answer_stamp", "end_stamp",
  "duration", "billsec", "hangup_cause", "uuid", "bleg_uuid", "accountcode", "read_codec", "write_codec",
] as const;
const ASTERISK_TEMPLATE = [
  "accountcode", "caller_id_number", "destination_number", "context", "caller_id", "channel_name", "bridge_channel",
  "last_app", "last_arg", "start_stamp", "answer_stamp", "end_stamp", "duration", "billsec", "hangup_cause",
  "amaflags", "uuid", "userfield",
] as const;

/** Unanswered legs ended by these: nobody answered, or someone hung up first (Asterisk: NO ANSWER). */
const ABANDON_CAUSES = new Set([
  "NONE", "UNSPECIFIED", "SUCCESS", "NORMAL_CLEARING", "NORMAL_UNSPECIFIED", "ORIGINATOR_CANCEL", "NO_ANSWER",
  "NO_USER_RESPONSE", "NO_PICKUP", "ALLOTTED_TIMEOUT", "PROGRESS_TIMEOUT", "RECOVERY_ON_TIMER_EXPIRE", "MEDIA_TIMEOUT",
  "LOSE_RACE", "PICKED_OFF", "MANAGER_REQUEST", "BLIND_TRANSFER", "ATTENDED_TRANSFER", "SYSTEM_SHUTDOWN", "CRASH",
  "BOWOUT", "CALL_AWARDED_DELIVERED", "USER_CHALLENGE",
]);
/** Unanswered legs ended by these never reached anyone: busy, rejected, unroutable, failed (Asterisk: BUSY / FAILED / CONGESTION). */
const NOT_JOINED_CAUSES = new Set([
  "USER_BUSY", "BUSY_EVERYWHERE", "CALL_REJECTED", "DECLINE", "UNWANTED", "UNALLOCATED_NUMBER", "NO_ROUTE_TRANSIT_NET",
  "NO_ROUTE_DESTINATION", "CHANNEL_UNACCEPTABLE", "SUBSCRIBER_ABSENT", "NUMBER_CHANGED", "REDIRECTION_TO_NEW_DESTINATION",
  "EXCHANGE_ROUTING_ERROR", "DESTINATION_OUT_OF_ORDER", "INVALID_NUMBER_FORMAT", "FACILITY_REJECTED",
  "RESPONSE_TO_STATUS_ENQUIRY", "NORMAL_CIRCUIT_CONGESTION", "NETWORK_OUT_OF_ORDER", "NORMAL_TEMPORARY_FAILURE",
  "SWITCH_CONGESTION", "ACCESS_INFO_DISCARDED", "REQUESTED_CHAN_UNAVAIL", "PRE_EMPTED", "FACILITY_NOT_SUBSCRIBED",
  "OUTGOING_CALL_BARRED", "INCOMING_CALL_BARRED", "BEARERCAPABILITY_NOTAUTH", "BEARERCAPABILITY_NOTAVAIL",
  "SERVICE_UNAVAILABLE", "BEARERCAPABILITY_NOTIMPL", "CHAN_NOT_IMPLEMENTED", "FACILITY_NOT_IMPLEMENTED",
  "SERVICE_NOT_IMPLEMENTED", "INVALID_CALL_REFERENCE", "INCOMPATIBLE_DESTINATION", "INVALID_MSG_UNSPECIFIED",
  "MANDATORY_IE_MISSING", "MESSAGE_TYPE_NONEXIST", "WRONG_MESSAGE", "IE_NONEXIST", "INVALID_IE_CONTENTS",
  "WRONG_CALL_STATE", "MANDATORY_IE_LENGTH_ERROR", "PROTOCOL_ERROR", "INTERWORKING", "USER_NOT_REGISTERED",
  "INVALID_GATEWAY", "GATEWAY_DOWN", "INVALID_URL", "INVALID_PROFILE", "SRTP_READ_ERROR", "DOES_NOT_EXIST_ANYWHERE",
  "NOT_ACCEPTABLE", "NO_IDENTITY", "BAD_IDENTITY_INFO", "UNSUPPORTED_CERTIFICATE", "INVALID_IDENTITY", "STALE_DATE",
]);

/** mod_callcenter's cc_cancel_reason of a member who left unanswered. */
const CANCEL_REASONS: Readonly<Record<string, Outcome>> = {
  TIMEOUT: "timeout",
  NO_AGENT_TIMEOUT: "exit_empty",
  BREAK_OUT: "exit_key",
  EXIT_WITH_KEY: "exit_key",
};

const STAMP = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}|\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}(:\d{2})?)$/;
const INT = /^\d+$/;
const CAUSE = /^[A-Z][A-Z0-9_]*$/;
const isStamp = (s: string | undefined, empty = false): boolean => s !== undefined && (STAMP.test(s.trim()) || (empty && s.trim() === ""));
const isCause = (s: string | undefined): boolean => s !== undefined && CAUSE.test(s.trim()) && DISPOSITIONS[s.trim()] === undefined;
const isExampleRow = (r: readonly string[]): boolean =>
  r.length === 15 && isStamp(r[4]) && isStamp(r[5], true) && isStamp(r[6]) && INT.test(r[7]!.trim()) && INT.test(r[8]!.trim()) && isCause(r[9]);
const isAsteriskTemplateRow = (r: readonly string[]): boolean =>
  r.length === 18 && isStamp(r[9]) && isStamp(r[10], true) && isStamp(r[11]) && INT.test(r[12]!.trim()) && INT.test(r[13]!.trim()) && isCause(r[14]);

/** The user of a FreeSWITCH channel name: `sofia/internal/1001@10.0.0.5` -> 1001; others as normalizeAgent reads them. */
function channelUser(ch: string): string {
  if (!/^sofia\//i.test(ch)) return ch;
  const last = ch.slice(ch.lastIndexOf("/") + 1);
  const at = last.indexOf("@");
  return at > 0 ? last.slice(0, at) : last;
}

type Dialect = "example" | "asterisk" | "named" | "callcenter";


export default defineSource({
  id: "freeswitch-cdr",
  title: "FreeSWITCH mod_cdr_csv",
  records: "contacts",
  extensions: [".csv", ""],
  docs: `FreeSWITCH mod_cdr_csv, one a-leg per row.
example template (no header, 15 fields): caller_id_name, caller_id_number, destination_number, context, start_stamp,
  answer_stamp, end_stamp, duration, billsec, hangup_cause, uuid, bleg_uuid, accountcode, read_codec, write_codec.
asterisk template (no header, 18 fields): accountcode, caller_id_number, destination_number, context, caller_id,
  channel_name, bridge_channel, last_app, last_arg, start_stamp, answer_stamp, end_stamp, duration, billsec,
  hangup_cause, amaflags, uuid, userfield.
A custom template with a header row: columns by variable name (start_stamp or start_epoch, hangup_cause, context...).
Stamps: Y-m-d H:M:S local wall time read in --tz (or Y/m/d H:M[:S], a spreadsheet re-save); *_epoch columns are UTC.
Without mod_callcenter variables (a CDR knows no queue):
  queue = context; customer = caller_id_number; arrived = start_stamp; ended = end_stamp;
  answered when answer_stamp is set or billsec > 0 (talk = billsec; agent = bridge_channel's user in the asterisk
  template, sofia/internal/1001@host -> 1001; the example template names no agent);
  wait = duration - billsec (ring, IVR and queue time together);
  unanswered: NORMAL_CLEARING, ORIGINATOR_CANCEL, NO_ANSWER, NO_USER_RESPONSE, RECOVERY_ON_TIMER_EXPIRE,
  ALLOTTED_TIMEOUT, PROGRESS_TIMEOUT, LOSE_RACE, PICKED_OFF, transfers, MANAGER_REQUEST... -> abandoned;
  USER_BUSY, CALL_REJECTED, unroutable, congestion and other failure causes -> not_joined;
  an empty or unknown hangup cause is rejected (BAD_OUTCOME).
  contact id = uuid (else file:line), call id = uuid; a repeated uuid is a duplicate.
With mod_callcenter variables in the header (cc_queue, cc_side, cc_queue_joined_epoch, cc_queue_answered_epoch,
  cc_queue_terminated_epoch, cc_queue_canceled_epoch, cc_cause, cc_cancel_reason, cc_agent, cc_member_uuid):
  only cc_side=member rows are contacts; cc_side=agent rows (the agent legs) and rows without cc_side
  (calls that never entered a queue) are filtered, with the reason.
  queue = cc_queue; arrived = joined epoch; answered = answered epoch; wait = answered - joined
  (unanswered: canceled epoch, else end, - joined); talk = terminated (else end) - answered; agent = cc_agent;
  outcome from cc_cancel_reason: NONE or empty -> answered when answered, else abandoned;
  TIMEOUT -> timeout; NO_AGENT_TIMEOUT -> exit_empty; BREAK_OUT, EXIT_WITH_KEY -> exit_key; others rejected.
  contact id = cc_member_uuid (else uuid), call id = uuid; disposition = cc_cause.
Limits: internal and outbound legs are contacts too when there are no cc_* variables; no hold or ACW.`,

  detect(sample) {
    const first = sample.rows[0];
    if (!first) return 0;
    const h = headerIndex(first);
    if (h.has("cc_queue") && h.has("cc_side")) return 0.95;
    if ((h.has("start_stamp") || h.has("start_epoch")) && h.has("hangup_cause")) return 0.9;
    const rows = sample.rows.slice(0, 10);
    const need = Math.max(1, rows.length * 0.8);
    if (rows.filter(isExampleRow).length >= need) return 0.9;
    if (rows.filter(isAsteriskTemplateRow).length >= need) return 0.9;
    return 0;
  },

  create(ctx: SourceContext) {
    let dialect: Dialect | null = null;
    let layout = new Map<string, number>();
    let width = 0;
    let headerKey = "";
    let headerFirst = "";
    let dimNames: [string, string][] = [];
    let cur: string[] = [];
    const get = (name: string): string => {
      const i = layout.get(name);
      return i === undefined ? "" : cur[i]!.trim();
    };
    const rowKey = (fields: readonly string[]): string => fields.map((f) => f.replace(/^\uFEFF/, "").trim().toLowerCase()).join("\u0001");

    type Instant = { ok: true; ms: number | null } | { ok: false; code: string; message: string };
    /** `<base>_stamp` (local) or `<base>_epoch` (UTC); null when empty (or epoch 0). */
    function instant(base: string): Instant {
      const s = get(`${base}_stamp`);
      if (s !== "") {
        const r = parseCdrTime(s, ctx.zone);
        return r.ok ? { ok: true, ms: r.utcMs } : { ok: false, code: r.code, message: `${base}_stamp: ${r.message}` };
      }
      return epoch(`${base}_epoch`);
    }
    function epoch(name: string): Instant {
      const s = get(name);
      if (s === "" || s === "0") return { ok: true, ms: null };
      const ms = parseEpochSeconds(s);
      return Number.isNaN(ms) || ms < 0 ? { ok: false, code: "BAD_TIMESTAMP", message: `${name} "${s}" is not epoch seconds` } : { ok: true, ms };
    }
    function dimsOf(): Record<string, string> | null {
      if (!dimNames.length) return null;
      const d: Record<string, string> = {};
      for (const [k, n] of dimNames) d[k] = get(n);
      return d;
    }
    /** What both row kinds share: the caller, the dimensions, the row. */
    const common = (line: number): Pick<ContactCore, "customer" | "file" | "line"> & { dims: Record<string, string> | null } => ({
      customer: get("caller_id_number") || clidNumber(get("caller_id")),
      dims: dimsOf(),
      file: ctx.file,
      line,
    });

    function cdrRow(line: number, raw: string): void {
      const cause = get("hangup_cause").toUpperCase();
      const start = instant("start");
      if (!start.ok) return ctx.reject(line, start.code, start.message, raw);
      if (start.ms === null) return ctx.reject(line, "BAD_TIMESTAMP", "start_stamp is empty", raw);
      const answer = instant("answer");
      if (!answer.ok) return ctx.reject(line, answer.code, answer.message, raw);
      const end = instant("end");
      if (!end.ok) return ctx.reject(line, end.code, end.message, raw);
      const arrivedMs = start.ms;
      const endMs = end.ms;
      const answerMs = answer.ms;
      const durRaw = get("duration");
      const billRaw = get("billsec");
      let duration = parseSeconds(durRaw, endMs !== null ? (endMs - arrivedMs) / 1000 : NaN);
      const billsec = parseSeconds(billRaw, endMs !== null && answerMs !== null ? (endMs - answerMs) / 1000 : 0);
      if (Number.isNaN(duration)) return ctx.reject(line, "BAD_NUMBER", `duration "${durRaw}" is not a number of seconds`, raw);
      if (Number.isNaN(billsec)) return ctx.reject(line, "BAD_NUMBER", `billsec "${billRaw}" is not a number of seconds`, raw);
      if (endMs !== null && endMs < arrivedMs) return ctx.reject(line, "BAD_TIMESTAMP", "end_stamp is before start_stamp", raw);
      if (answerMs !== null && answerMs < arrivedMs) return ctx.reject(line, "BAD_TIMESTAMP", "answer_stamp is before start_stamp", raw);
      if (billsec > duration) duration = billsec;
      const answered = answerMs !== null || billsec > 0;
      let outcome: Outcome;
      if (cause === "" || !(ABANDON_CAUSES.has(cause) || NOT_JOINED_CAUSES.has(cause))) {
        return ctx.reject(line, "BAD_OUTCOME", `hangup_cause "${get("hangup_cause")}" is not a FreeSWITCH hangup cause`, raw);
      }
      if (answered) outcome = "answered";
      else outcome = NOT_JOINED_CAUSES.has(cause) ? "not_joined" : "abandoned";
      const queue = get("context");
      if (queue === "") return ctx.reject(line, "MISSING_VALUE", "context (the queue) is empty", raw);
      const wait = duration - billsec;
      const uuid = get("uuid");
      const contactId = uuid || `${ctx.file}:${line}`;
      ctx.emit(contactOf({
        ...common(line),
        contactId,
        callId: contactId,
        queue,
        agent: answered ? normalizeAgent(channelUser(get("bridge_channel")), ctx.agentAliases) : "",
        arrivedMs,
        answeredMs: answered ? (answerMs ?? arrivedMs + wait * 1000) : null,
        endedMs: endMs ?? arrivedMs + duration * 1000,
        outcome,
        waitSeconds: wait,
        talkSeconds: answered ? billsec : 0,
        disposition: cause,
      }));
    }

    function memberRow(line: number, raw: string): void {
      const side = get("cc_side").toLowerCase();
      if (side === "agent") return ctx.filter(line, "agent leg (cc_side=agent)");
      if (side === "") return ctx.filter(line, "not a queue call (cc_side empty)");
      if (side !== "member") return ctx.reject(line, "BAD_VALUE", `cc_side "${get("cc_side")}" is neither member nor agent`, raw);
      const queue = get("cc_queue");
      if (queue === "") return ctx.reject(line, "MISSING_VALUE", "cc_queue is empty on a member row", raw);
      const joined = epoch("cc_queue_joined_epoch");
      if (!joined.ok) return ctx.reject(line, joined.code, joined.message, raw);
      if (joined.ms === null) return ctx.reject(line, "BAD_TIMESTAMP", "cc_queue_joined_epoch is empty", raw);
      const ans = epoch("cc_queue_answered_epoch");
      if (!ans.ok) return ctx.reject(line, ans.code, ans.message, raw);
      const term = epoch("cc_queue_terminated_epoch");
      if (!term.ok) return ctx.reject(line, term.code, term.message, raw);
      const canc = epoch("cc_queue_canceled_epoch");
      if (!canc.ok) return ctx.reject(line, canc.code, canc.message, raw);
      const end = instant("end");
      if (!end.ok) return ctx.reject(line, end.code, end.message, raw);
      const reasonRaw = get("cc_cancel_reason");
      const reason = reasonRaw.toUpperCase();
      let outcome: Outcome;
      if (reason === "" || reason === "NONE") outcome = ans.ms !== null ? "answered" : "abandoned";
      else {
        const o = CANCEL_REASONS[reason];
        if (o === undefined) return ctx.reject(line, "BAD_OUTCOME", `cc_cancel_reason "${reasonRaw}" is not NONE, TIMEOUT, NO_AGENT_TIMEOUT, BREAK_OUT or EXIT_WITH_KEY`, raw);
        outcome = o;
      }
      const arrivedMs = joined.ms;
      const answered = outcome === "answered";
      let answeredMs: number | null = null;
      let endedMs: number | null;
      let wait: number;
      let talk = 0;
      if (answered) {
        answeredMs = ans.ms!;
        endedMs = term.ms ?? end.ms;
        wait = (answeredMs - arrivedMs) / 1000;
        if (endedMs !== null) talk = (endedMs - answeredMs) / 1000;
        if (talk < 0) return ctx.reject(line, "BAD_TIMESTAMP", "cc_queue_terminated_epoch is before cc_queue_answered_epoch", raw);
      } else {
        endedMs = canc.ms ?? end.ms;
        if (endedMs === null) return ctx.reject(line, "MISSING_VALUE", "unanswered member without cc_queue_canceled_epoch or end time", raw);
        wait = (endedMs - arrivedMs) / 1000;
      }
      if (wait < 0) return ctx.reject(line, "BAD_TIMESTAMP", `the member left the queue before cc_queue_joined_epoch`, raw);
      const uuid = get("uuid");
      const contactId = get("cc_member_uuid") || uuid || `${ctx.file}:${line}`;
      ctx.emit(contactOf({
        ...common(line),
        contactId,
        callId: uuid || contactId,
        queue,
        agent: answered ? normalizeAgent(get("cc_agent"), ctx.agentAliases) : "",
        arrivedMs,
        answeredMs,
        endedMs,
        outcome,
        waitSeconds: wait,
        talkSeconds: talk,
        disposition: get("cc_cause"),
      }));
    }

    const setDims = (names: Iterable<string>): void => {
      const have = new Set([...names].map((n) => n.toLowerCase()));
      dimNames = ctx.dims.filter((d) => have.has(d.toLowerCase())).map((d) => [d, d.toLowerCase()]);
    };

    return {
      row(fields, line, raw) {
        if (dialect === null) {
          const h = headerIndex(fields);
          const named = (h.has("start_stamp") || h.has("start_epoch")) && h.has("hangup_cause");
          if ((h.has("cc_queue") && h.has("cc_side")) || named) {
            dialect = h.has("cc_queue") && h.has("cc_side") ? "callcenter" : "named";
            const need = dialect === "callcenter" ? ["cc_queue", "cc_side", "cc_queue_joined_epoch"] : ["context"];
            const missing = need.filter((c) => !h.has(c));
            if (missing.length) {
              throw new CckpiError("MISSING_COLUMN", `${ctx.file}:${line}: mod_cdr_csv header lacks ${missing.join(", ")}`, "`cckpi formats freeswitch-cdr` lists the columns this format needs");
            }
            layout = h;
            width = fields.length;
            headerKey = rowKey(fields);
            headerFirst = headerKey.split("\u0001")[0]!;
            setDims(h.keys());
            return ctx.filter(line, "header");
          }
          if (fields.length === EXAMPLE.length) {
            dialect = "example";
            layout = headerIndex(EXAMPLE);
          } else if (fields.length === ASTERISK_TEMPLATE.length) {
            dialect = "asterisk";
            layout = headerIndex(ASTERISK_TEMPLATE);
          } else {
            if (fields.length === 1 && fields[0]!.trim() === "") return ctx.filter(line, "blank line");
            throw new CckpiError(
              "MISSING_COLUMN",
              `${ctx.file}:${line}: ${fields.length} fields and no header: not the example (15) or asterisk (18) mod_cdr_csv template`,
              "write a header row into a custom template, or see `cckpi formats freeswitch-cdr`",
            );
          }
          width = fields.length;
          setDims(layout.keys());
        }
        if (fields.length !== width) {
          if (fields.length === 1 && fields[0]!.trim() === "") return ctx.filter(line, "blank line");
          return ctx.reject(line, "RAGGED_ROW", `expected ${width} fields, found ${fields.length}`, raw);
        }
        if ((dialect === "named" || dialect === "callcenter") && fields[0]!.replace(/^\uFEFF/, "").trim().toLowerCase() === headerFirst && rowKey(fields) === headerKey) return ctx.filter(line, "repeated header");
        cur = fields;
        if (dialect === "callcenter") memberRow(line, raw);
        else cdrRow(line, raw);
      },
      end() {},
    };
  },
});
