/**
 * `amazon-connect-agent-events`: the Amazon Connect agent event stream (Kinesis
 * records saved as NDJSON, or a JSON array). Each event (EventType LOGIN, LOGOUT,
 * STATE_CHANGE, HEART_BEAT) carries the agent's whole CurrentAgentSnapshot: its
 * status (AgentStatus.Name) and its contacts with their states. Agent states come
 * from these snapshots as `presence` spans (model/agent.ts), one state at a time.
 *
 * The state at an event (the derived state):
 *   - LOGOUT: logged_out;
 *   - else a contact of the snapshot CONNECTED -> talking, else CONNECTED_ONHOLD ->
 *     hold, else ENDED (the contact is in after-contact work; "ACW" read alike) ->
 *     acw (with several contacts the highest of these wins); other contact states
 *     (CONNECTING, INCOMING, PENDING, MISSED, REJECTED, ERROR, PAUSED) leave it to
 *     the status;
 *   - else the status name: config `agents.states` first (exact, then
 *     case-insensitive), then "Available" -> available, "Offline" -> logged_out, any
 *     other (custom statuses: "Lunch", "Break", "Training") -> paused, with the
 *     name as reason.
 * Per agent, the events are sorted by EventTimestamp (the stream does not promise
 * order; line order breaks ties): a span starts at each change of derived state and
 * ends at the next change. Events that change nothing (HEART_BEATs, a ringing
 * contact, a routing-profile change) are rows of the span they fall in. A span
 * still open at the end is handed over open (no end), except a logged-out one: it
 * ends at the agent's last event (HEART_BEATs go on for an hour after a logout;
 * logged-out time counts nothing, so it is not left open).
 *
 * Delivery is at least once: an EventId seen before is a duplicate. The agent is
 * grouped by AgentARN and named by Configuration.Username (of either snapshot, the
 * first seen in the file), else by the ARN's last part; aliases apply. Events are
 * held until the end of the file, per agent (agent data is small).
 */
import { lookupName, nameMap } from "../model/names.js";
import type { AgentStateSpan, StateCategory } from "../model/agent.js";
import { normalizeAgent } from "../model/contact.js";
import { parseTimestamp } from "../model/timestamp.js";
import { defineSource, parseJsonRecord, type SourceContext } from "./define.js";

interface Snapshot {
  AgentStatus?: { Name?: string | null } | null;
  Configuration?: { Username?: string | null } | null;
  Contacts?: { State?: string | null }[] | null;
}

interface AgentEvent {
  AgentARN?: string | null;
  EventId?: string | null;
  EventTimestamp?: string | null;
  EventType?: string | null;
  CurrentAgentSnapshot?: Snapshot | null;
  PreviousAgentSnapshot?: Snapshot | null;
}

interface Held {
  ms: number;
  line: number;
  category: StateCategory;
  reason: string;
}

interface AgentEvents {
  name: string;
  events: Held[];
}

const EVENT_TYPES = new Set(["STATE_CHANGE", "HEART_BEAT", "LOGIN", "LOGOUT"]);
const WORK: Record<string, [StateCategory, number]> = {
  CONNECTED: ["talking", 3],
  CONNECTED_ONHOLD: ["hold", 2],
  ENDED: ["acw", 1],
  ACW: ["acw", 1],
};

export default defineSource({
  id: "amazon-connect-agent-events",
  title: "Amazon Connect agent event stream (JSON / NDJSON)",
  records: "agent states",
  input: "json",
  extensions: [".json", ".ndjson", ".jsonl"],
  docs: `Amazon Connect agent event stream records (Kinesis), NDJSON (one event a line) or a JSON array. Timestamps are UTC.
Events LOGIN, LOGOUT, STATE_CHANGE, HEART_BEAT; agent = CurrentAgentSnapshot.Configuration.Username (grouped by AgentARN;
the ARN's last part when no username). State at an event: LOGOUT -> logged_out; a contact CONNECTED -> talking,
CONNECTED_ONHOLD -> hold, ENDED (after-contact work) -> acw; else AgentStatus.Name: config agents.states first, then
Available -> available, Offline -> logged_out, any other status (Lunch, Break...) -> paused with the name as reason.
Per agent, sorted by EventTimestamp: a span from each change of state to the next; events that change nothing
(HEART_BEAT...) are rows of their span. Open at the end: left open (a logged-out span ends at the agent's last event).
At-least-once delivery: a repeated EventId is a duplicate.`,

  detect(sample) {
    const t = sample.text.replace(/^\uFEFF/, "").trimStart();
    if (!(t.startsWith("{") || t.startsWith("["))) return 0;
    // Above the CTR source's 0.95: agent events carry contacts with ContactId, Queue and InitiationMethod too.
    return /"EventType"\s*:\s*"(STATE_CHANGE|HEART_BEAT|LOGIN|LOGOUT)"/.test(t) && /"CurrentAgentSnapshot"\s*:/.test(t) ? 0.98 : 0;
  },

  create(ctx: SourceContext) {
    const agents = new Map<string, AgentEvents>();
    const seen = new Set<string>();
    const states = ctx.stateMap ? nameMap(ctx.stateMap) : null;

    function statusState(name: string): [StateCategory, string] {
      const mapped = lookupName(states, name);
      const cat: StateCategory = mapped ?? (name.toLowerCase() === "available" ? "available" : name.toLowerCase() === "offline" ? "logged_out" : "paused");
      return [cat, cat === "paused" ? name : ""];
    }

    function emitAgent(a: AgentEvents): void {
      const agent = normalizeAgent(a.name, ctx.agentAliases);
      const evs = a.events.sort((x, y) => x.ms - y.ms || x.line - y.line);
      let cur: AgentStateSpan | null = null;
      for (const e of evs) {
        if (cur !== null && cur.category === e.category && cur.reason === e.reason) {
          cur.rowCount++;
          continue;
        }
        if (cur !== null) {
          cur.endMs = e.ms;
          ctx.emitState(cur);
        }
        cur = { agent, layer: "presence", category: e.category, reason: e.reason, startMs: e.ms, endMs: null, file: ctx.file, line: e.line, rowCount: 1 };
      }
      if (cur !== null) {
        if (cur.category === "logged_out") cur.endMs = evs[evs.length - 1]!.ms;
        ctx.emitState(cur);
      }
    }

    return {
      row(fields, line, raw) {
        const parsed = parseJsonRecord(ctx, fields, line, raw);
        if (parsed === undefined) return;
        const ev = parsed as AgentEvent;
        if (!ev || typeof ev !== "object" || Array.isArray(ev)) return ctx.reject(line, "MISSING_VALUE", "an agent event that is not a JSON object", raw.slice(0, 500));
        const type = typeof ev.EventType === "string" ? ev.EventType : "";
        if (!EVENT_TYPES.has(type)) return ctx.filter(line, `not an agent event (EventType ${type || "missing"})`);
        if (typeof ev.EventId === "string" && ev.EventId !== "") {
          if (seen.has(ev.EventId)) return ctx.duplicate(line);
          seen.add(ev.EventId);
        }
        const tr = typeof ev.EventTimestamp === "string" ? parseTimestamp(ev.EventTimestamp, ctx.zone) : null;
        if (tr === null) return ctx.reject(line, "MISSING_VALUE", `${type} without an EventTimestamp`, raw.slice(0, 500));
        if (!tr.ok) return ctx.reject(line, tr.code, `EventTimestamp: ${tr.message}`, raw.slice(0, 500));
        const cur = ev.CurrentAgentSnapshot ?? null;
        const arn = typeof ev.AgentARN === "string" ? ev.AgentARN.trim() : "";
        const user = (cur?.Configuration?.Username ?? ev.PreviousAgentSnapshot?.Configuration?.Username ?? "").trim();
        if (arn === "" && user === "") return ctx.reject(line, "MISSING_VALUE", `${type} without an agent (AgentARN, Configuration.Username)`, raw.slice(0, 500));

        let category: StateCategory;
        let reason = "";
        if (type === "LOGOUT") category = "logged_out";
        else {
          if (cur === null || typeof cur !== "object") return ctx.reject(line, "MISSING_VALUE", `${type} without a CurrentAgentSnapshot`, raw.slice(0, 500));
          let work: [StateCategory, number] | null = null;
          for (const c of Array.isArray(cur.Contacts) ? cur.Contacts : []) {
            const w = WORK[String(c?.State ?? "").toUpperCase()];
            if (w !== undefined && (work === null || w[1] > work[1])) work = w;
          }
          if (work !== null) category = work[0];
          else {
            const name = (cur.AgentStatus?.Name ?? "").trim();
            if (name === "") return ctx.reject(line, "MISSING_VALUE", `${type} without CurrentAgentSnapshot.AgentStatus.Name`, raw.slice(0, 500));
            [category, reason] = statusState(name);
          }
        }

        const key = arn !== "" ? arn : `user:${user}`;
        let a = agents.get(key);
        if (a === undefined) agents.set(key, (a = { name: "", events: [] }));
        if (a.name === "" && user !== "") a.name = user;
        a.events.push({ ms: tr.utcMs, line, category, reason });
      },
      end() {
        for (const [key, a] of agents) {
          if (a.name === "") a.name = key.slice(key.lastIndexOf("/") + 1);
          emitAgent(a);
        }
        agents.clear();
      },
    };
  },
});
