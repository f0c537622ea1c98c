/**
 * `cisco-cucm-cdr`: Cisco Unified Communications Manager CDR files
 * (`cdr_<cluster>_<node>_<YYYYMMDDHHMM>_<seq>`, mission-anchors §5.6, CUCM CDR
 * Administration Guide). Line 1 is the quoted header (~130 fields in CUCM 10+,
 * any order is accepted), line 2 the data-type row (`INTEGER,VARCHAR(50),...`),
 * then one record per row. Times are epoch seconds, UTC; `dateTimeConnect` is 0
 * when the call never connected.
 *
 * One CDR (cdrRecordType 1) = one contact:
 *   - queue    = huntPilotDN when present, else finalCalledPartyNumber (a CDR
 *                that never touched a hunt pilot counts in a "queue" named by
 *                the number it reached);
 *   - callId   = globalCallID_callManagerId-globalCallID_callId (the legs of one
 *                call share it); contactId adds origLegCallIdentifier and
 *                destLegIdentifier, so the same CDR read twice (overlapping
 *                exports) is a duplicate and two legs are two contacts;
 *   - customer = callingPartyNumber;
 *   - agent    = destDeviceName (the phone that answered), else
 *                finalCalledPartyNumber, only when connected;
 *   - wait     = totalWaitTimeInQueue when wasCallQueued = 1, else
 *                dateTimeConnect - dateTimeOrigination (connected) or
 *                dateTimeDisconnect - dateTimeOrigination (not connected);
 *   - outcome  from dateTimeConnect and the Q.850 causes (origCause_value,
 *                destCause_value): connected -> answered, talk = disconnect -
 *                connect; not connected and no failure cause -> abandoned; a
 *                failure cause (busy, unallocated number...) -> not_joined.
 * CDRs carry no customer hold or after-call work: AHT is talk-only.
 * Start records (cdrRecordType 0) and CMRs (2) are filtered with a reason.
 */
import { CckpiError } from "../errors.js";
import { contactOf, normalizeAgent, type Outcome } from "../model/contact.js";
import { parseEpochSeconds } from "../model/timestamp.js";
import { defineSource, headerIndex, parseSeconds, type SourceContext } from "./define.js";

/** Header names as CUCM writes them; matched case-insensitively. */
const COLUMNS = [
  "cdrRecordType", "globalCallID_callManagerId", "globalCallID_callId", "origLegCallIdentifier", "destLegIdentifier",
  "dateTimeOrigination", "dateTimeConnect", "dateTimeDisconnect", "callingPartyNumber", "originalCalledPartyNumber",
  "finalCalledPartyNumber", "origCause_value", "destCause_value", "destDeviceName", "huntPilotDN", "wasCallQueued",
  "totalWaitTimeInQueue", "origCallTerminationOnBehalfOf", "destCallTerminationOnBehalfOf",
] as const;
type Column = (typeof COLUMNS)[number];

const REQUIRED: readonly Column[] = [
  "cdrRecordType", "globalCallID_callManagerId", "globalCallID_callId", "dateTimeOrigination", "dateTimeConnect",
  "dateTimeDisconnect", "callingPartyNumber", "finalCalledPartyNumber", "origCause_value", "destCause_value",
];

/**
 * Q.850 causes that do not say the call failed: 0 (no error: the side that did not
 * clear), 16 normal call clearing, 31 normal unspecified, 18 no user responding,
 * 19 no answer from user (alerted). A CDR that never connected with only these is
 * an abandon (the caller gave up, or ringing timed out). Any other cause (1
 * unallocated number, 3 no route, 17 user busy, 21 call rejected, 27 destination
 * out of order, 28 invalid number format, 34 no circuit, 38 network out of order,
 * 41 temporary failure, 47 resource unavailable, 127 interworking, CUCM's own
 * codes such as 393216 call split...) means the call never reached anyone:
 * not_joined.
 */
const NON_FAILURE_CAUSES = new Set([0, 16, 18, 19, 31]);

/** CUCM "on behalf of" code 10 = Transfer (origCallTerminationOnBehalfOf / destCallTerminationOnBehalfOf). */
const ON_BEHALF_TRANSFER = "10";

/** A cell without BOM and blanks; a BOM before a quoted cell leaves its quotes in (the scanner reads it unquoted). */
const bare = (s: string): string => s.replace(/^\uFEFF/, "").trim().replace(/^"(.*)"$/, "$1");

/** A data-type row cell: INTEGER, VARCHAR(50), UNIQUEIDENTIFIER, BIGINT, SMALLINT... */
const TYPE_CELL = /^[A-Z][A-Z0-9_ ]*(\(\d+\))?$/;

export default defineSource({
  id: "cisco-cucm-cdr",
  title: "Cisco CUCM CDR",
  records: "contacts",
  extensions: ["", ".csv", ".txt"],
  docs: `Cisco Unified CM call detail records (cdr_<cluster>_<node>_<datetime>_<seq> files), as the CUCM CDR
Administration Guide documents them: line 1 the quoted header, line 2 the data-type row (INTEGER, VARCHAR(50)...,
filtered as "type row"), then one record per row; columns in any order, names case-insensitive.
Used: cdrRecordType, globalCallID_callManagerId, globalCallID_callId, origLegCallIdentifier, destLegIdentifier,
dateTimeOrigination, dateTimeConnect, dateTimeDisconnect (epoch seconds UTC; dateTimeConnect 0 = never connected),
callingPartyNumber, finalCalledPartyNumber, origCause_value, destCause_value, destDeviceName, huntPilotDN,
wasCallQueued, totalWaitTimeInQueue, orig/destCallTerminationOnBehalfOf. Required: cdrRecordType, both globalCallID
columns, the three dateTime columns, callingPartyNumber, finalCalledPartyNumber, origCause_value, destCause_value.
Only cdrRecordType 1 (end-of-call CDR) rows are read; 0 (start record) and 2 (CMR) are filtered.
Each CDR is one contact:
  queue     huntPilotDN when present, else finalCalledPartyNumber (non-hunt-pilot calls count under the number dialled)
  call id   globalCallID_callManagerId-globalCallID_callId (legs of one call share it; a transfer counts once in totals)
  contact   call id + origLegCallIdentifier + destLegIdentifier (the same CDR in two files is a duplicate)
  customer  callingPartyNumber
  agent     destDeviceName (e.g. SEP00AABBCCDDEE; map it with agent aliases), else finalCalledPartyNumber; connected only
  wait      totalWaitTimeInQueue when wasCallQueued = 1; otherwise connect - origination (answered) or
            disconnect - origination (not answered), which includes ringing
  outcome   dateTimeConnect > 0: answered, talk = disconnect - connect.
            Not connected: Q.850 causes 0, 16 (normal clearing), 31 (normal, unspecified), 18 (no user responding),
            19 (no answer) only: abandoned; any other cause (17 busy, 1 unallocated number, 21 rejected, 3 no route,
            27, 28, 34, 38, 41, 47, 127, CUCM codes such as 393216): not_joined (never reached anyone; not offered; wait 0).
  transferred  orig- or destCallTerminationOnBehalfOf = 10 (Transfer)
CDRs have no customer hold or after-call work: AHT is talk-only. Extra columns named in --by are kept as dimensions.
Rejected: ragged rows, non-numeric or negative times/causes (BAD_NUMBER), disconnect before origination or connect
outside origination..disconnect (BAD_TIMESTAMP), no hunt pilot and no final called number (MISSING_VALUE).`,

  detect(sample) {
    const h = sample.rows[0];
    if (!h) return 0;
    const idx = headerIndex(h.map(bare));
    const has = (c: Column): boolean => idx.has(c.toLowerCase());
    if (!has("cdrRecordType") || !has("globalCallID_callId") || !has("dateTimeOrigination")) return 0;
    return 0.96 + 0.001 * COLUMNS.filter(has).length;
  },

  create(ctx: SourceContext) {
    let header: string[] | null = null;
    let col: Record<Column, number> | null = null;
    let dimCols: [string, number][] = [];
    let cur: string[] = [];
    const get = (i: number): string => (i < 0 ? "" : cur[i]!.trim());
    /** Epoch ms of column i; 0 for empty or "0"; NaN when not a number >= 0. */
    const epoch = (i: number): number => {
      const s = get(i);
      if (s === "" || s === "0") return 0;
      const v = parseEpochSeconds(s);
      return v >= 0 ? v : NaN;
    };
    /** Integer in column i (empty = 0), NaN when not a whole number >= 0. */
    const int = (i: number): number => {
      const s = get(i);
      if (s === "") return 0;
      const v = +s;
      return Number.isInteger(v) && v >= 0 ? v : NaN;
    };

    return {
      row(fields, line, raw) {
        if (header === null) {
          header = fields.map(bare);
          const idx = headerIndex(header);
          const missing = REQUIRED.filter((c) => !idx.has(c.toLowerCase()));
          if (missing.length) {
            throw new CckpiError(
              "MISSING_COLUMN",
              `${ctx.file}:${line}: CUCM CDR header lacks ${missing.join(", ")}`,
              "give the CDR file itself (cdr_*), not a CMR file (cmr_*), or choose another --input-format",
            );
          }
          col = Object.fromEntries(COLUMNS.map((c) => [c, idx.get(c.toLowerCase()) ?? -1])) as Record<Column, number>;
          dimCols = ctx.dims.filter((d) => idx.has(d.toLowerCase())).map((d) => [d, idx.get(d.toLowerCase())!]);
          ctx.filter(line, "header");
          return;
        }
        const c = col!;
        cur = fields;
        // The type row (line 2, and again after each header in concatenated files) and
        // repeated headers come before the length check: a type row may not match the header's width.
        const first = bare(fields[c.cdrRecordType] ?? "");
        if (!/^\d+$/.test(first)) {
          if (fields.length === 1 && first === "") return ctx.filter(line, "blank line");
          if (first.toLowerCase() === "cdrrecordtype") return ctx.filter(line, "repeated header");
          if (TYPE_CELL.test(first) && fields.every((f) => f.trim() === "" || TYPE_CELL.test(f.trim()))) return ctx.filter(line, "type row");
        }
        if (fields.length !== header.length) {
          return ctx.reject(line, "RAGGED_ROW", `expected ${header.length} fields, found ${fields.length}`, raw);
        }
        if (!/^\d+$/.test(first)) return ctx.reject(line, "BAD_NUMBER", `cdrRecordType "${first}" is not a number`, raw);
        if (first !== "1") {
          const what = first === "0" ? "start record" : first === "2" ? "CMR record" : "not a CDR";
          return ctx.filter(line, `cdrRecordType ${+first} (${what})`);
        }

        const origMs = epoch(c.dateTimeOrigination);
        const connMs = epoch(c.dateTimeConnect);
        const discMs = epoch(c.dateTimeDisconnect);
        for (const [name, v] of [["dateTimeOrigination", origMs], ["dateTimeConnect", connMs], ["dateTimeDisconnect", discMs]] as const) {
          if (Number.isNaN(v)) return ctx.reject(line, "BAD_NUMBER", `${name} "${get(c[name])}" is not epoch seconds`, raw);
        }
        if (origMs === 0) return ctx.reject(line, "BAD_TIMESTAMP", "dateTimeOrigination is 0 or empty", raw);
        if (discMs === 0) return ctx.reject(line, "BAD_TIMESTAMP", "dateTimeDisconnect is 0 or empty", raw);
        if (discMs < origMs) return ctx.reject(line, "BAD_TIMESTAMP", "dateTimeDisconnect is before dateTimeOrigination", raw);
        const connected = connMs > 0;
        if (connected && (connMs < origMs || connMs > discMs)) {
          return ctx.reject(line, "BAD_TIMESTAMP", "dateTimeConnect is outside dateTimeOrigination..dateTimeDisconnect", raw);
        }

        const origCause = int(c.origCause_value);
        const destCause = int(c.destCause_value);
        if (Number.isNaN(origCause)) return ctx.reject(line, "BAD_NUMBER", `origCause_value "${get(c.origCause_value)}" is not a cause code`, raw);
        if (Number.isNaN(destCause)) return ctx.reject(line, "BAD_NUMBER", `destCause_value "${get(c.destCause_value)}" is not a cause code`, raw);

        const queued = get(c.wasCallQueued) === "1";
        let wait: number;
        if (queued) {
          wait = parseSeconds(get(c.totalWaitTimeInQueue), NaN);
          if (Number.isNaN(wait)) {
            return ctx.reject(line, "BAD_NUMBER", `totalWaitTimeInQueue "${get(c.totalWaitTimeInQueue)}" is not seconds (wasCallQueued = 1)`, raw);
          }
        } else {
          wait = ((connected ? connMs : discMs) - origMs) / 1000;
        }

        let outcome: Outcome;
        if (connected) outcome = "answered";
        else if (NON_FAILURE_CAUSES.has(origCause) && NON_FAILURE_CAUSES.has(destCause)) outcome = "abandoned";
        else outcome = "not_joined";

        const queue = get(c.huntPilotDN) || get(c.finalCalledPartyNumber);
        if (queue === "") return ctx.reject(line, "MISSING_VALUE", "no huntPilotDN and no finalCalledPartyNumber to name the queue", raw);

        const callId = `${get(c.globalCallID_callManagerId)}-${get(c.globalCallID_callId)}`;
        let dims: Record<string, string> | null = null;
        if (dimCols.length) {
          dims = {};
          for (const [name, i] of dimCols) dims[name] = fields[i]!.trim();
        }
        ctx.emit(contactOf({
          contactId: `${callId}-${get(c.origLegCallIdentifier)}-${get(c.destLegIdentifier)}`,
          callId,
          queue,
          agent: connected ? normalizeAgent(get(c.destDeviceName) || get(c.finalCalledPartyNumber), ctx.agentAliases) : "",
          customer: get(c.callingPartyNumber),
          arrivedMs: origMs,
          answeredMs: connected ? connMs : null,
          endedMs: discMs,
          outcome,
          waitSeconds: outcome === "not_joined" ? 0 : wait,
          talkSeconds: connected ? (discMs - connMs) / 1000 : 0,
          transferred: connected && (get(c.origCallTerminationOnBehalfOf) === ON_BEHALF_TRANSFER || get(c.destCallTerminationOnBehalfOf) === ON_BEHALF_TRANSFER),
          dims,
          file: ctx.file,
          line,
        }));
      },
      end() {},
    };
  },
});
