/**
 * `amazon-connect-ctr`: Amazon Connect contact records (CTR) as JSON: NDJSON
 * (Kinesis Firehose / data-lake exports, one record a line) or a JSON array
 * (mission-anchors §5.4). One CTR with a `Queue` is one contact:
 *   queue = Queue.Name, arrived = Queue.EnqueueTimestamp, answered =
 *   Agent.ConnectedToAgentTimestamp, wait = Queue.Duration (enqueue to dequeue,
 *   whisper included, as Connect counts it), talk = Agent.AgentInteractionDuration,
 *   hold = Agent.CustomerHoldDuration, acw = Agent.AfterContactWorkDuration,
 *   agent = Agent.Username, customer = CustomerEndpoint.Address.
 * A queued contact never connected to an agent is abandoned (Connect's own
 * definition); CTRs without a queue (outbound, IVR-only, transfers to a number)
 * are filtered with a reason. Transfers make new CTRs linked by InitialContactId,
 * which becomes the call id, so totals across queues count the call once.
 *
 * Delivery is at least once: the same ContactId can arrive several times, each
 * update complete. The newest LastUpdateTimestamp wins, and the others count as
 * duplicates; so records are held until the end of the file (one object per
 * contact: Connect exports are daily files).
 */
import { normalizeAgent, type Contact } from "../model/contact.js";
import { parseTimestamp } from "../model/timestamp.js";
import { defineSource, parseJsonRecord, type SourceContext } from "./define.js";

interface Ctr {
  ContactId?: string;
  InitialContactId?: string | null;
  LastUpdateTimestamp?: string;
  DisconnectTimestamp?: string | null;
  InitiationMethod?: string;
  TransferCompletedTimestamp?: string | null;
  NextContactId?: string | null;
  CustomerEndpoint?: { Address?: string | null } | null;
  Queue?: { Name?: string; EnqueueTimestamp?: string | null; DequeueTimestamp?: string | null; Duration?: number | null } | null;
  Agent?: {
    Username?: string;
    ConnectedToAgentTimestamp?: string | null;
    AgentInteractionDuration?: number | null;
    CustomerHoldDuration?: number | null;
    AfterContactWorkDuration?: number | null;
    AfterContactWorkStartTimestamp?: string | null;
  } | null;
}

interface Held {
  ctr: Ctr;
  line: number;
  raw: string;
  updatedMs: number;
}

export default defineSource({
  id: "amazon-connect-ctr",
  title: "Amazon Connect contact records (CTR, JSON / NDJSON)",
  records: "contacts",
  input: "json",
  extensions: [".json", ".ndjson", ".jsonl"],
  docs: `Amazon Connect contact trace records, NDJSON (one CTR a line) or a JSON array. Timestamps are UTC.
One CTR with a Queue is one contact: queue = Queue.Name, arrived = Queue.EnqueueTimestamp,
answered = Agent.ConnectedToAgentTimestamp, wait = Queue.Duration (enqueue to dequeue, whisper included),
talk = Agent.AgentInteractionDuration, hold = Agent.CustomerHoldDuration, acw = Agent.AfterContactWorkDuration,
agent = Agent.Username, customer = CustomerEndpoint.Address, call id = InitialContactId (transfers).
Queued but never connected = abandoned (Connect's definition). CTRs without a queue are filtered.
At-least-once delivery: the same ContactId kept once, the newest LastUpdateTimestamp wins, the rest are duplicates.`,

  detect(sample) {
    const t = sample.text.replace(/^\uFEFF/, "").trimStart();
    if (!(t.startsWith("{") || t.startsWith("["))) return 0;
    return /"ContactId"\s*:/.test(t) && /"(InitiationMethod|AWSContactTraceRecordFormatVersion|Queue)"\s*:/.test(t) ? 0.95 : 0;
  },

  create(ctx: SourceContext) {
    const held = new Map<string, Held>();

    const ts = (v: string | null | undefined): number | null | string => {
      if (v === null || v === undefined || v === "") return null;
      const r = parseTimestamp(v, ctx.zone);
      return r.ok ? r.utcMs : r.message;
    };

    function toContact(h: Held): void {
      const { ctr, line, raw } = h;
      const q = ctr.Queue;
      if (!q || !q.Name) return ctx.filter(line, `not queued (${ctr.InitiationMethod ?? "no InitiationMethod"})`);
      const enq = ts(q.EnqueueTimestamp);
      if (enq === null) return ctx.filter(line, "queue without an enqueue time (never queued)");
      if (typeof enq === "string") return ctx.reject(line, "BAD_TIMESTAMP", `Queue.EnqueueTimestamp: ${enq}`, raw);
      const a = ctr.Agent ?? null;
      const conn = ts(a?.ConnectedToAgentTimestamp);
      if (typeof conn === "string") return ctx.reject(line, "BAD_TIMESTAMP", `Agent.ConnectedToAgentTimestamp: ${conn}`, raw);
      const deq = ts(q.DequeueTimestamp);
      if (typeof deq === "string") return ctx.reject(line, "BAD_TIMESTAMP", `Queue.DequeueTimestamp: ${deq}`, raw);
      const disc = ts(ctr.DisconnectTimestamp);
      if (typeof disc === "string") return ctx.reject(line, "BAD_TIMESTAMP", `DisconnectTimestamp: ${disc}`, raw);
      const acwStart = ts(a?.AfterContactWorkStartTimestamp);
      if (typeof acwStart === "string") return ctx.reject(line, "BAD_TIMESTAMP", `Agent.AfterContactWorkStartTimestamp: ${acwStart}`, raw);
      const answered = conn !== null;
      const wait = typeof q.Duration === "number" ? q.Duration : ((conn ?? deq ?? disc ?? enq) - enq) / 1000;
      if (!(wait >= 0)) return ctx.reject(line, "BAD_NUMBER", `Queue.Duration ${String(q.Duration)} is not a number of seconds >= 0`, raw);
      const secs = (v: number | null | undefined): number => (typeof v === "number" && v >= 0 ? v : 0);
      const talk = secs(a?.AgentInteractionDuration);
      const hold = secs(a?.CustomerHoldDuration);
      const c: Contact = {
        contactId: ctr.ContactId!,
        callId: ctr.InitialContactId || ctr.ContactId!,
        queue: q.Name,
        agent: answered ? normalizeAgent(a?.Username ?? "", ctx.agentAliases) : "",
        customer: ctr.CustomerEndpoint?.Address ?? "",
        arrivedMs: enq,
        answeredMs: answered ? conn : null,
        // Talk ends when after-contact work starts (or the contact disconnects).
        endedMs: answered ? (acwStart ?? disc ?? conn + (talk + hold) * 1000) : (deq ?? disc ?? enq + wait * 1000),
        outcome: answered ? "answered" : "abandoned",
        waitSeconds: wait,
        talkSeconds: answered ? talk : 0,
        holdSeconds: answered ? hold : 0,
        acwSeconds: answered ? secs(a?.AfterContactWorkDuration) : 0,
        transferred: answered && (!!ctr.TransferCompletedTimestamp || !!ctr.NextContactId),
        disposition: ctr.InitiationMethod ?? "",
        rating: null,
        resolved: null,
        dims: null,
        file: ctx.file,
        line,
        rowCount: 1,
      };
      ctx.emit(c);
    }

    return {
      row(fields, line, raw) {
        const parsed = parseJsonRecord(ctx, fields, line, raw);
        if (parsed === undefined) return;
        const ctr = parsed as Ctr;
        if (!ctr || typeof ctr !== "object" || typeof ctr.ContactId !== "string") {
          return ctx.reject(line, "MISSING_VALUE", "a contact record without a ContactId", raw.slice(0, 500));
        }
        const upd = ts(ctr.LastUpdateTimestamp);
        const updatedMs = typeof upd === "number" ? upd : -Infinity;
        const prev = held.get(ctr.ContactId);
        if (prev === undefined) held.set(ctr.ContactId, { ctr, line, raw, updatedMs });
        else if (updatedMs > prev.updatedMs) {
          ctx.duplicate(prev.line);
          held.set(ctr.ContactId, { ctr, line, raw, updatedMs });
        } else ctx.duplicate(line);
      },
      end() {
        for (const h of held.values()) toContact(h);
        held.clear();
      },
    };
  },
});
