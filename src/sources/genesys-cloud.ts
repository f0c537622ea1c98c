/**
 * `genesys-cloud`: Genesys Cloud conversation detail records (analytics
 * conversations details query / job results, mission-anchors §5.5), JSON: one
 * conversation per NDJSON line, a JSON array of conversations, or the API's
 * wrapper object `{"conversations": [...], "totalHits": n}` (the splitter hands
 * a top-level object over as one record, so one record may hold many
 * conversations).
 *
 * One conversation has participants (purpose customer, ivr, acd, agent...), each
 * with sessions of timed segments. Every ACD participant session with a queue
 * (queueId on its segments or on the session) is one queue visit = one contact:
 *   queue = the ACD participant's participantName (the queue's name), else the queueId;
 *   arrived = start of the ACD session's first "interact" segment (queue entry),
 *   left = end of its last "interact" segment;
 *   the answering agent = the first agent participant (purpose "agent") session
 *   that starts (its alert) within the visit, carries the same queueId when it
 *   has one, and has an "interact" segment: answered = start of that first
 *   interact segment, talk = sum of interact segments, hold = sum of "hold"
 *   segments, acw = sum of "wrapup" segments, agent = userId (else participantName),
 *   disposition = the wrap-up code; customer = the customer participant's ani
 *   ("tel:" dropped); call id = conversationId (a transfer between queues makes a
 *   second ACD participant: a second contact of the same call); contact id =
 *   conversationId:participantId (":n" added for a participant's later sessions).
 * Outcome of a visit no agent answered, from the ACD segment's disconnectType:
 *   peer / client (the customer hung up) or none = abandoned (Genesys nAbandon);
 *   timeout = timeout; transfer, transfer.* and any other end (endpoint, system,
 *   error...) = exit_key: a Genesys flow-out (the in-queue flow sent the call on:
 *   another queue, voicemail, callback), the closest of our outcomes.
 * Conversations without an ACD participant are filtered ("no queue"); a visit
 * whose queue segment has not ended and no agent answered is filtered as still
 * in progress. Genesys has no at-least-once delivery, but overlapping query
 * windows repeat conversations: a conversationId seen before is a duplicate.
 *
 * Ledger: one JSON record is one row. A record that yields several contacts
 * gives rowCount 1 to the first and 0 to the others; inside a wrapper that also
 * yields contacts, conversations without a queue are filtered with 0 rows (the
 * reason is still counted) and broken ones are warned about, since the record
 * itself is used.
 */
import { normalizeAgent, type Contact, type Outcome } from "../model/contact.js";
import { parseTimestamp } from "../model/timestamp.js";
import { defineSource, parseJsonRecord, type SourceContext } from "./define.js";

interface Segment {
  segmentStart?: string;
  segmentEnd?: string | null;
  segmentType?: string;
  queueId?: string;
  disconnectType?: string;
  wrapUpCode?: string;
}

interface Session {
  mediaType?: string;
  ani?: string;
  dnis?: string;
  queueId?: string;
  segments?: Segment[];
}

interface Participant {
  participantId?: string;
  participantName?: string;
  purpose?: string;
  userId?: string;
  sessions?: Session[];
}

interface Conversation {
  conversationId?: string;
  conversationStart?: string;
  conversationEnd?: string | null;
  originatingDirection?: string;
  participants?: Participant[];
}

/** What one conversation came to. */
type Result =
  | { kind: "contacts"; contacts: Contact[] }
  | { kind: "filter"; reason: string }
  | { kind: "reject"; code: string; message: string }
  | { kind: "duplicate" };

/** A timed segment, its times parsed. */
interface Seg {
  type: string;
  startMs: number;
  endMs: number | null;
  queueId: string;
  disconnectType: string;
  wrapUpCode: string;
}

class BadTime extends Error {}

const ABANDON_TYPES = new Set(["peer", "client", ""]);

export default defineSource({
  id: "genesys-cloud",
  title: "Genesys Cloud conversation details (JSON / NDJSON)",
  records: "contacts",
  input: "json",
  extensions: [".json", ".ndjson", ".jsonl"],
  docs: `Genesys Cloud analytics conversation detail records: one conversation per NDJSON line, a JSON array,
or the API's {"conversations": [...]} wrapper. Times are ISO UTC.
Each ACD participant session with a queueId is one contact: queue = the ACD participant's name (else queueId),
arrived / left = start / end of its "interact" segments; answered by the first agent participant session that
starts within the visit (same queueId) and has an "interact" segment: answered = its first interact start,
talk = interact segments, hold = "hold" segments, acw = "wrapup" segments, agent = userId (else name),
disposition = wrap-up code. customer = the customer session's ani, call id = conversationId (a transfer
between queues is a second contact of the same call), contact id = conversationId:participantId.
Unanswered visits, by the ACD segment's disconnectType: peer / client / none = abandoned, timeout = timeout,
transfer and any other end = exit_key (a Genesys flow-out: sent on to another queue, voicemail, callback).
Conversations without an ACD participant are filtered ("no queue"), unended unanswered visits are filtered
as in progress, a conversationId seen before is a duplicate. A wrapper object is one row.`,

  detect(sample) {
    const t = sample.text.replace(/^\uFEFF/, "").trimStart();
    if (!(t.startsWith("{") || t.startsWith("["))) return 0;
    return /"conversationId"\s*:/.test(t) && /"participants"\s*:/.test(t) && /"(segmentType|purpose)"\s*:/.test(t) ? 0.95 : 0;
  },

  create(ctx: SourceContext) {
    const seen = new Set<string>();

    const ms = (v: string | null | undefined, what: string): number | null => {
      if (v === null || v === undefined || v === "") return null;
      const r = parseTimestamp(v, ctx.zone);
      if (!r.ok) throw new BadTime(`${what}: ${r.message}`);
      return r.utcMs;
    };

    function segs(s: Session, who: string): Seg[] {
      const out: Seg[] = [];
      for (const g of s.segments ?? []) {
        if (!g || typeof g !== "object") continue;
        const start = ms(g.segmentStart, `${who} segmentStart`);
        if (start === null) continue;
        out.push({
          type: g.segmentType ?? "",
          startMs: start,
          endMs: ms(g.segmentEnd, `${who} segmentEnd`),
          queueId: g.queueId ?? s.queueId ?? "",
          disconnectType: g.disconnectType ?? "",
          wrapUpCode: g.wrapUpCode ?? "",
        });
      }
      return out.sort((a, b) => a.startMs - b.startMs);
    }

    const secs = (list: Seg[], type: string): number =>
      list.reduce((t, g) => (g.type === type && g.endMs !== null && g.endMs > g.startMs ? t + (g.endMs - g.startMs) / 1000 : t), 0);

    function convert(conv: Conversation, line: number): Result {
      const id = conv.conversationId!;
      if (seen.has(id)) return { kind: "duplicate" };
      seen.add(id);
      const parts = Array.isArray(conv.participants) ? conv.participants.filter((p) => p && typeof p === "object") : [];
      let customer = "";
      for (const p of parts) {
        if (p.purpose !== "customer" && p.purpose !== "external") continue;
        const ani = (p.sessions ?? []).find((s) => s && typeof s.ani === "string" && s.ani !== "")?.ani;
        if (ani) {
          customer = ani.replace(/^tel:/i, "");
          break;
        }
      }
      try {
        // Agent sessions, each usable once, in time order.
        const agents: { p: Participant; segs: Seg[]; startMs: number; used: boolean }[] = [];
        for (const p of parts) {
          if (p.purpose !== "agent") continue;
          for (const s of p.sessions ?? []) {
            const g = segs(s, `agent ${p.participantId ?? ""}`);
            if (g.length > 0) agents.push({ p, segs: g, startMs: g[0]!.startMs, used: false });
          }
        }
        agents.sort((a, b) => a.startMs - b.startMs);

        const contacts: Contact[] = [];
        let acdSeen = false;
        let inProgress = 0;
        for (const p of parts) {
          if (p.purpose !== "acd") continue;
          acdSeen = true;
          let n = 0;
          for (const s of p.sessions ?? []) {
            const all = segs(s, `acd ${p.participantId ?? ""}`);
            const queued = all.filter((g) => g.type === "interact");
            const queueId = queued.find((g) => g.queueId !== "")?.queueId ?? s.queueId ?? "";
            if (queued.length === 0 || queueId === "") continue;
            n++;
            const arrived = queued[0]!.startMs;
            const last = queued[queued.length - 1]!;
            const left = last.endMs;
            // The answering agent: alerted within the visit, same queue, and talked.
            const hi = (left ?? Infinity) + 1000;
            const agent = agents.find(
              (a) => !a.used && a.startMs >= arrived - 1000 && a.startMs <= hi && a.segs.some((g) => g.type === "interact") &&
                a.segs.every((g) => g.queueId === "" || g.queueId === queueId),
            );
            if (!agent && left === null) {
              inProgress++;
              continue;
            }
            if (agent) agent.used = true;
            const talkSegs = agent ? agent.segs.filter((g) => g.type === "interact" || g.type === "hold") : [];
            const answeredMs = agent ? agent.segs.find((g) => g.type === "interact")!.startMs : null;
            const lastTalk = talkSegs[talkSegs.length - 1];
            const wrap = agent?.segs.find((g) => g.type === "wrapup");
            const dt = last.disconnectType;
            const outcome: Outcome = agent ? "answered" : ABANDON_TYPES.has(dt) ? "abandoned" : dt === "timeout" ? "timeout" : "exit_key";
            const wait = ((answeredMs ?? left!) - arrived) / 1000;
            contacts.push({
              contactId: `${id}:${p.participantId ?? "acd"}${n > 1 ? `:${n}` : ""}`,
              callId: id,
              queue: p.participantName || queueId,
              agent: agent ? normalizeAgent(agent.p.userId || agent.p.participantName || "", ctx.agentAliases) : "",
              customer,
              arrivedMs: arrived,
              answeredMs,
              endedMs: agent ? (lastTalk?.endMs ?? wrap?.startMs ?? null) : left,
              outcome,
              waitSeconds: Math.max(0, wait),
              talkSeconds: agent ? secs(agent.segs, "interact") : 0,
              holdSeconds: agent ? secs(agent.segs, "hold") : 0,
              acwSeconds: agent ? secs(agent.segs, "wrapup") : 0,
              transferred: !!lastTalk && lastTalk.disconnectType.startsWith("transfer"),
              disposition: agent ? (wrap?.wrapUpCode ?? "") : dt,
              rating: null,
              resolved: null,
              dims: null,
              file: ctx.file,
              line,
              rowCount: 0,
            });
          }
        }
        if (contacts.length > 0) return { kind: "contacts", contacts };
        if (!acdSeen) return { kind: "filter", reason: "no queue" };
        if (inProgress > 0) return { kind: "filter", reason: "queue visit still in progress" };
        return { kind: "filter", reason: "no queue" };
      } catch (e) {
        if (e instanceof BadTime) return { kind: "reject", code: "BAD_TIMESTAMP", message: `conversation ${id}: ${e.message}` };
        throw e;
      }
    }

    /** The physical line a conversation starts on inside a multi-line record. */
    function lineOf(raw: string, startLine: number, id: string): number {
      const at = raw.indexOf(JSON.stringify(id));
      if (at < 0) return startLine;
      let n = startLine;
      for (let i = raw.indexOf("\n"); i >= 0 && i < at; i = raw.indexOf("\n", i + 1)) n++;
      return n;
    }

    return {
      row(fields, line, raw) {
        const v = parseJsonRecord(ctx, fields, line, raw);
        if (v === undefined) return;
        const obj = v as { conversations?: unknown } & Conversation;
        const wrapper = !!obj && typeof obj === "object" && !Array.isArray(obj) && Array.isArray(obj.conversations);
        const list = (wrapper ? (obj.conversations as unknown[]) : [v]) as Conversation[];
        const valid = list.filter((c) => !!c && typeof c === "object" && typeof c.conversationId === "string");
        if (!wrapper && valid.length === 0) {
          return ctx.reject(line, "MISSING_VALUE", "a conversation record without a conversationId", raw.slice(0, 500));
        }
        if (wrapper && list.length === 0) return ctx.filter(line, "no conversations in the page");
        const many = list.length > 1;
        const results = valid.map((c) => ({ c, at: many ? lineOf(raw, line, c.conversationId!) : line }))
          .map(({ c, at }) => ({ c, at, r: convert(c, at) }));
        const contacts = results.flatMap((x) => (x.r.kind === "contacts" ? x.r.contacts : []));
        if (contacts.length > 0) {
          // The record is used: its other conversations are reported without rows.
          for (const { c, at, r } of results) {
            if (r.kind === "filter") ctx.filter(at, r.reason, 0);
            else if (r.kind === "reject") ctx.warn(`${ctx.file}:${at}: ${r.code} ${r.message} (conversation left out)`);
            else if (r.kind === "duplicate") ctx.warn(`${ctx.file}:${at}: conversation ${c.conversationId} seen before, left out`);
          }
          if (valid.length < list.length) ctx.warn(`${ctx.file}:${line}: ${list.length - valid.length} conversation(s) without a conversationId left out`);
          contacts[0]!.rowCount = 1;
          for (const c of contacts) ctx.emit(c);
          return;
        }
        // Nothing usable: the record ends in one bucket, the first problem deciding.
        const rej = results.find((x) => x.r.kind === "reject");
        if (rej && rej.r.kind === "reject") return ctx.reject(line, rej.r.code, rej.r.message, raw.slice(0, 500));
        if (valid.length < list.length) return ctx.reject(line, "MISSING_VALUE", "a conversation without a conversationId", raw.slice(0, 500));
        if (results.every((x) => x.r.kind === "duplicate")) return ctx.duplicate(line);
        const f = results.find((x) => x.r.kind === "filter");
        return ctx.filter(line, f && f.r.kind === "filter" ? f.r.reason : "no queue");
      },
      end() {
        seen.clear();
      },
    };
  },
});
