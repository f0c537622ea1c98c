/**
 * `asterisk-queue-log`: Asterisk's queue_log (mission-anchors §5.1), in three
 * dialects:
 *   - the text file: `epoch|callid|queue|agent|event|data1|data2...` (epoch UTC);
 *   - the realtime table exported as CSV: `[id,] time, callid, queuename, agent,
 *     event, data1..data5` (time as epoch or local datetime, read in --tz);
 *   - PBXware's table: `uid, date_time, callid, queue_name, type, event, param1..3,
 *     entpos, expos, htime, ttime, time` (PROVENANCE.md §4), mapped onto the same data fields.
 *
 * Each queue visit (stint) becomes one contact when its ending event arrives:
 * COMPLETECALLER/AGENT and (BLIND/ATTENDED)TRANSFER end an answered stint (talk =
 * calltime); ABANDON, EXITWITHTIMEOUT, EXITWITHKEY, EXITEMPTY, WITHDRAW end an
 * unanswered one (wait = waittime). Ending events carry wait and talk, so a stint
 * whose ENTERQUEUE or CONNECT is missing or out of order is rebuilt from them.
 *
 * Traps handled:
 *   - duplicated lines (a second ENTERQUEUE / ending event for a stint already seen
 *     at the same or an earlier time) are counted as duplicates;
 *   - a CONNECT read before its ENTERQUEUE opens the stint, and the ENTERQUEUE then
 *     joins it (arrival, caller id); an invalid or negative holdtime / waittime is
 *     refused (BAD_NUMBER), never turned into a negative wait;
 *   - repeated table headers (concatenated exports, maybe behind a BOM) are filtered;
 *   - stints still open at the end of the data are counted and left out, not guessed;
 *   - an attended transfer logs its ending event under the new channel's callid
 *     (asterisk issue 759): it is matched to the open stint of the same agent in the
 *     same queue (the one connected last; of two connected at the same instant, the
 *     one opened first), and the two callids become one call;
 *   - agents `SIP/1001`, `PJSIP/1001`, `Local/1001@ctx/n`, `Agent/1001` are `1001`.
 * Queue_log has no customer hold or ACW: AHT is talk-only.
 *
 * Member events are agent-state data (model/agent.ts), in three layers per agent:
 *   - session (available): the agent is logged in while a member of at least one
 *     queue. Its membership set holds each queue of ADDMEMBER (until REMOVEMEMBER
 *     from it) and "logged in" for AGENTLOGIN / AGENTCALLBACKLOGIN (until
 *     AGENTLOGOFF / AGENTCALLBACKLOGOFF). One session span runs from the moment the
 *     set becomes non-empty until it becomes empty; the rows that changed the set
 *     in between are its rowCount. A repeated ADDMEMBER (or login) while already in
 *     the set (callid MANAGER re-adds after a reload) changes nothing: filtered.
 *     A REMOVEMEMBER for a queue the agent was not in, during a session, is one of
 *     its rows and changes nothing.
 *   - AGENT*LOGOFF carries the login time (data2, PBXware param2) in seconds: the
 *     session started no later than logoff - logintime, so a session seen to start
 *     later (the data began mid-session) starts there; a logoff with no session in
 *     the data rebuilds one [logoff - logintime, logoff]. A session never reaches
 *     back before the agent's previous session end. Other session ends with no
 *     start (a REMOVEMEMBER, a logoff without a login time) wait for such a rebuilt
 *     session to cover them, and are otherwise filtered ("session end without a
 *     start in the data"). End events at the instant a session ended (the
 *     REMOVEMEMBER then AGENT*LOGOFF pair) join that session.
 *   - pause (paused, reason = data1 of PAUSE / PAUSEALL, "" when empty): one pause
 *     span per agent from the first PAUSE/PAUSEALL until an UNPAUSE/UNPAUSEALL or
 *     the end of the agent's session (a paused member that logs off logs no
 *     UNPAUSE). A second PAUSE while paused (another queue, a PAUSEALL) is one of
 *     its rows and keeps the first reason; UNPAUSEs at the instant the pause ended
 *     join it; an UNPAUSE with no pause is filtered.
 *   - work (talking): each answered contact with an agent gives a talking span from
 *     its answer (CONNECT) to its end (COMPLETE* / *TRANSFER), rowCount 0 (the rows
 *     are the contact's).
 * Spans still open at the end of the data are handed over with no end (the agent
 * timeline closes them at the data end). Member events are taken in file order;
 * PENALTY and RINGINUSE are member settings, filtered.
 */
import { CckpiError } from "../errors.js";
import { talkSpan, type AgentStateSpan } from "../model/agent.js";
import { normalizeAgent, StintContact, type Contact, type Outcome } from "../model/contact.js";
import { epochMsAt, parseEpochSeconds, parseTimestamp, secondsAt } from "../model/timestamp.js";
import type { RecordView } from "../ingest/scanner.js";
import { detached } from "../model/detached.js";
import { StintTable, type Stint } from "./queue-log-stints.js";
import { hashRange } from "../engine/id-table.js";
import { sameText, TextMap } from "../engine/text-map.js";
import { defineSource, headerIndex, type SourceContext } from "./define.js";

type Dialect = "text" | "realtime" | "pbxware";

const ANSWERED_END = new Set(["COMPLETECALLER", "COMPLETEAGENT", "TRANSFER", "BLINDTRANSFER", "ATTENDEDTRANSFER"]);
const UNANSWERED_END: Record<string, Outcome> = {
  ABANDON: "abandoned",
  EXITWITHTIMEOUT: "timeout",
  EXITWITHKEY: "exit_key",
  EXITEMPTY: "exit_empty",
  WITHDRAW: "exit_key",
};
const NOT_JOINED = new Set(["FULL", "JOINEMPTY", "JOINUNAVAIL"]);
const AGENT_EVENTS = new Set([
  "ADDMEMBER", "REMOVEMEMBER", "PAUSE", "UNPAUSE", "PAUSEALL", "UNPAUSEALL", "AGENTLOGIN", "AGENTLOGOFF",
  "AGENTCALLBACKLOGIN", "AGENTCALLBACKLOGOFF", "PENALTY", "RINGINUSE",
]);
const SESSION_START = new Set(["ADDMEMBER", "AGENTLOGIN", "AGENTCALLBACKLOGIN"]);
const SESSION_END = new Set(["REMOVEMEMBER", "AGENTLOGOFF", "AGENTCALLBACKLOGOFF"]);
const PAUSE_START = new Set(["PAUSE", "PAUSEALL"]);
const MEMBER_SETTINGS = new Set(["PENALTY", "RINGINUSE"]);
/** The membership-set key of an agent login (queue names are the others). */
const LOGIN_KEY = "\u0000logged in";
const NO_START = "session end without a start in the data";

interface OpenSpan {
  startMs: number;
  line: number;
  rows: number;
  reason: string;
}

/** One agent's member-event state. */
interface Track {
  members: Set<string>;
  session: OpenSpan | null;
  /** The last session, ended but held back: end events at its end instant, or a logoff whose login time reaches it, still join it. */
  ended: AgentStateSpan | null;
  /** End of the agent's last handed-over session: a login time never reaches back before it. */
  floorMs: number;
  /** Session ends with no start, waiting for a rebuilt session to cover them. */
  orphans: { line: number; ms: number }[];
  pause: OpenSpan | null;
  /** The last pause, ended but held back for UNPAUSEs at its end instant. */
  paused: AgentStateSpan | null;
}
const SYSTEM_EVENTS = new Set(["QUEUESTART", "CONFIGRELOAD", "AGENTDUMP", "SYSCOMPAT"]);
const ATTEMPT_EVENTS = new Set(["RINGNOANSWER", "RINGCANCELED"]);

/** What an event is to `handle`, from one lookup per line (the event text is a fresh string each line). */
const enum Kind { Enter, Connect, AnsweredEnd, UnansweredEnd, NotJoined, Agent, System, Attempt }
const EVENT_KIND = new Map<string, Kind>([
  ["ENTERQUEUE", Kind.Enter],
  ["CONNECT", Kind.Connect],
  ...[...ANSWERED_END].map((e) => [e, Kind.AnsweredEnd] as const),
  ...Object.keys(UNANSWERED_END).map((e) => [e, Kind.UnansweredEnd] as const),
  ...[...NOT_JOINED].map((e) => [e, Kind.NotJoined] as const),
  ...[...AGENT_EVENTS].map((e) => [e, Kind.Agent] as const),
  ...[...SYSTEM_EVENTS].map((e) => [e, Kind.System] as const),
  ...[...ATTEMPT_EVENTS].map((e) => [e, Kind.Attempt] as const),
]);

/**
 * The kind of an event: the four that make most lines compared as text (each
 * line's event is a fresh string, which a Map lookup would hash first), the rest
 * through EVENT_KIND. The same answer as `EVENT_KIND.get(event)`.
 */
function eventKind(event: string): Kind | undefined {
  // A string compare of unequal lengths ends at the lengths.
  if (event === "ENTERQUEUE") return Kind.Enter;
  if (event === "CONNECT") return Kind.Connect;
  if (event === "COMPLETECALLER" || event === "COMPLETEAGENT") return Kind.AnsweredEnd;
  return EVENT_KIND.get(event);
}

/** An event field as `handle` reads it: trimmed and upper-case (left as it is when it starts and ends as an event name does). */
function eventName(raw: string): string {
  const e0 = raw.charCodeAt(0);
  const e1 = raw.charCodeAt(raw.length - 1);
  return e0 >= 65 && e0 <= 90 && ((e1 >= 65 && e1 <= 90) || (e1 >= 48 && e1 <= 57) || e1 === 95) ? raw : raw.trim().toUpperCase();
}

/** The event names `handle` knows, by length, most frequent first (EVENT_KIND's order). */
const EVENTS_BY_LENGTH: string[][] = [];
for (const e of EVENT_KIND.keys()) (EVENTS_BY_LENGTH[e.length] ??= []).push(e);

/**
 * The known event name that `text` holds in [start, end), as the one constant
 * string per event (undefined when it is none, or not as written there): a
 * text line's event is matched in the scanned text, with no string cut for it.
 */
function knownEvent(text: string, start: number, end: number): string | undefined {
  const names = EVENTS_BY_LENGTH[end - start];
  if (names === undefined) return undefined;
  for (const e of names) if (sameText(e, text, start, end)) return e;
  return undefined;
}

/** Whether field i of `v` is its plain text with nothing for `trim()` to take off (printable ASCII at both ends, or empty). */
function trimmedPlain(v: RecordView, i: number): boolean {
  if (!v.plain(i)) return false;
  const start = v.start(i);
  const end = v.end(i);
  if (start === end) return true;
  const a = v.text.charCodeAt(start);
  const b = v.text.charCodeAt(end - 1);
  return a > 32 && a < 127 && b > 32 && b < 127;
}

/**
 * The current line's callid, queue and agent (trimmed), as ranges of one text:
 * the scanned text for a text line, so that a line which finds its stint cuts no
 * string for them (most lines), or the three strings joined for a table row.
 * The strings are made when asked for.
 */
class LineKeys {
  text = "";
  cidStart = 0;
  cidEnd = 0;
  queueStart = 0;
  queueEnd = 0;
  agentStart = 0;
  agentEnd = 0;
  private cidString: string | null = null;

  /** The keys as strings (already trimmed). */
  setStrings(cid: string, queue: string, agent: string): void {
    this.text = cid + queue + agent;
    this.cidStart = 0;
    this.cidEnd = this.queueStart = cid.length;
    this.queueEnd = this.agentStart = cid.length + queue.length;
    this.agentEnd = this.text.length;
    this.cidString = cid;
  }

  /** Fields 1-3 of a text line's view; false (nothing set) when one needs trimming or is not plain text. */
  setView(v: RecordView): boolean {
    if (!trimmedPlain(v, 1) || !trimmedPlain(v, 2) || !trimmedPlain(v, 3)) return false;
    this.text = v.text;
    this.cidStart = v.start(1);
    this.cidEnd = v.end(1);
    this.queueStart = v.start(2);
    this.queueEnd = v.end(2);
    this.agentStart = v.start(3);
    this.agentEnd = v.end(3);
    this.cidString = null;
    return true;
  }

  cid(): string {
    return (this.cidString ??= this.text.slice(this.cidStart, this.cidEnd));
  }

  queue(): string {
    return this.text.slice(this.queueStart, this.queueEnd);
  }

  agent(): string {
    return this.text.slice(this.agentStart, this.agentEnd);
  }

  /** The queue is blank or NONE (a line that names no queue). */
  noQueue(): boolean {
    const n = this.queueEnd - this.queueStart;
    return n === 0 || sameText("NONE", this.text, this.queueStart, this.queueEnd);
  }
}

/** Seconds in a data field (holdtime, calltime, waittime...): NaN when it is blank or not a number. */
function num(s: string | undefined): number {
  if (s === undefined || s.trim() === "") return NaN;
  return +s;
}

/**
 * A line's data fields (after the event), untrimmed. Text lines read them straight
 * from the record view: a line uses one or two of its three to five data fields,
 * and cutting all of them out made about 9M strings on a 3M-line log.
 */
interface LineData {
  /** Field i; undefined past the last. */
  at(i: number): string | undefined;
  /** Field i as seconds, as `num` reads it. */
  num(i: number): number;
}

/** Data fields given as strings (tables, PBXware, odd lines). */
class ArrayData implements LineData {
  fields: readonly string[] = [];
  at(i: number): string | undefined {
    return this.fields[i];
  }
  num(i: number): number {
    return num(this.fields[i]);
  }
}

/** The data fields of a text line in the scanner's record view, from field `first` on (valid during the line). */
class ViewData implements LineData {
  view: RecordView | null = null;
  constructor(private readonly first: number) {}
  at(i: number): string | undefined {
    const k = this.first + i;
    return k < this.view!.count ? this.view!.field(k) : undefined;
  }
  num(i: number): number {
    const v = this.view!;
    const k = this.first + i;
    if (k >= v.count) return NaN;
    if (v.plain(k)) {
      // Plain digits read from the characters (the same value as Number() of them); anything else as before.
      const x = secondsAt(v.text, v.start(k), v.end(k));
      if (x === x) return x;
    }
    return num(v.field(k));
  }
}

/** PBXware columns after `event`: param1, param2, param3, entpos, expos, htime, ttime → standard data fields. */
function pbxwareData(event: string, f: readonly string[], at: (n: string) => number): string[] {
  const p = (n: string): string => {
    const i = at(n);
    return i >= 0 ? (f[i] ?? "").trim() : "";
  };
  switch (event) {
    case "ENTERQUEUE":
      return ["", p("param1"), p("entpos")];
    case "CONNECT":
      return [p("htime"), p("param2"), p("param3")];
    case "COMPLETECALLER":
    case "COMPLETEAGENT":
      return [p("htime"), p("ttime"), p("entpos")];
    case "ABANDON":
    case "EXITWITHTIMEOUT":
    case "EXITEMPTY":
      return [p("expos"), p("entpos"), p("htime")];
    case "EXITWITHKEY":
      return [p("param1"), p("expos"), p("entpos"), p("htime")];
    case "TRANSFER":
    case "BLINDTRANSFER":
    case "ATTENDEDTRANSFER":
      return [p("param1"), p("param2"), p("htime"), p("ttime"), p("entpos")];
    default:
      return [p("param1"), p("param2"), p("param3")];
  }
}

export default defineSource({
  id: "asterisk-queue-log",
  title: "Asterisk queue_log",
  records: "contacts and agent states",
  // Duplicate lines are dropped here and ids are callid@queue@entry: unique by construction.
  uniqueContactIds: true,
  extensions: ["", ".log", ".txt", ".csv"],
  docs: `Asterisk app_queue's queue_log (text file, realtime table as CSV, or PBXware's table export).
Text: epoch|callid|queuename|agent|event|data1|data2|... (epoch seconds, UTC).
Realtime CSV: [id,] time, callid, queuename, agent, event, data1..data5 (time: epoch, or local datetime read in --tz).
PBXware CSV: uid, date_time, callid, queue_name, type, event, param1, param2, param3, entpos, expos, htime, ttime, time.
Events used: ENTERQUEUE (caller id), CONNECT (holdtime = queue wait), COMPLETECALLER/COMPLETEAGENT (holdtime, calltime),
TRANSFER/BLINDTRANSFER/ATTENDEDTRANSFER (holdtime, calltime; transferred), ABANDON, EXITWITHTIMEOUT, EXITWITHKEY,
EXITEMPTY, WITHDRAW (waittime), FULL/JOINEMPTY/JOINUNAVAIL (not joined).
Agent states (also as --agents): a session (available) while the agent is a member of at least one queue
(ADDMEMBER..REMOVEMEMBER per queue, AGENTLOGIN/AGENTCALLBACKLOGIN..AGENT*LOGOFF); a repeated ADDMEMBER while
already a member is filtered; a logoff with no start in the data is rebuilt from its login time (data2), other
ends with no start are filtered. A pause (reason = data1) from the first PAUSE/PAUSEALL until UNPAUSE/UNPAUSEALL
or the session's end. Talking from CONNECT to the end of each answered call. Spans open at the end stay open.
Counted as filtered: RINGNOANSWER/RINGCANCELED (ring attempts), PENALTY/RINGINUSE (member settings),
system events (QUEUESTART, CONFIGRELOAD), outbound (OUTCALL, PBXware OUT*), annotations (DID, INFO, custom).
Duplicated lines are counted; calls still open at the end are counted and left out; the callid change of an
attended transfer is followed. No customer hold or ACW in queue_log: AHT is talk-only.`,

  detect(sample) {
    const first = sample.text.split(/\r?\n|\r/).find((l) => l.trim() !== "") ?? "";
    if (/^\d{9,11}(\.\d+)?\|[^|]*\|[^|]*\|[^|]*\|[A-Z_]{3,}/.test(first)) return 0.95;
    const h = sample.rows[0];
    if (!h) return 0;
    const idx = headerIndex(h);
    if (idx.has("callid") && idx.has("event") && (idx.has("queuename") || idx.has("queue_name"))) return 0.9;
    return 0;
  },

  create(ctx: SourceContext) {
    let dialect: Dialect | null = null;
    let idx: Map<string, number> = new Map();
    let col = { time: 0, callid: 1, queue: 2, agent: 3, event: 4, data: 5 };
    let ncols = 0;
    let headerKey = "";
    const rowKey = (fields: readonly string[]): string => fields.map((f) => f.replace(/^\uFEFF/, "").trim().toLowerCase()).join("\u0001");
    const at = (n: string): number => idx.get(n) ?? -1;

    const stints = new StintTable();
    const seenMemberLines = new Set<string>();
    const alias = new Map<string, string>(); // callid -> canonical callid
    let maxMs = -Infinity;
    let rowsSinceSweep = 0;
    let openAtEnd = 0;

    // Most files have no attended transfer: no lookup at all then.
    const canon = (cid: string): string => (alias.size === 0 ? cid : (alias.get(cid) ?? cid));

    function link(from: string, to: string): void {
      if (from === to) return;
      // Kept to the end of the run (a month holds few attended transfers): detached, not holding text chunks.
      alias.set(detached(from), detached(to));
      for (const s of stints.openStints()) {
        if (s.callId === from) {
          stints.removeOpen(from, s.queue);
          s.callId = to;
          stints.find(to, s.queue);
          stints.setOpen(s);
        }
      }
    }

    function emit(s: Stint, endMs: number, outcome: Outcome, talk: number, transferred: boolean, line: number): void {
      const enterMs = s.enterMs!;
      const wait = s.waitSeconds ?? Math.max(0, ((s.connectMs ?? endMs) - enterMs) / 1000);
      // Named callid@queue@entry (stintId), when the name is read.
      const c = new StintContact({
        callId: s.callId,
        queue: s.queue,
        agent: outcome === "answered" ? s.agent : "",
        customer: s.customer,
        arrivedMs: enterMs,
        answeredMs: outcome === "answered" ? (s.connectMs ?? enterMs + wait * 1000) : null,
        endedMs: endMs,
        outcome,
        waitSeconds: wait,
        talkSeconds: talk,
        holdSeconds: 0,
        acwSeconds: 0,
        transferred,
        disposition: "",
        rating: null,
        resolved: null,
        dims: null,
        file: ctx.file,
        line,
        rowCount: s.rows,
      });
      stints.closeStint(s, endMs);
      ctx.emit(c);
      if (c.agent !== "" && c.answeredMs !== null && ctx.wantStates !== false) {
        // Work layer: its rows are the contact's (so it may be skipped when no metric needs agent time).
        ctx.emitState(talkSpan(c.agent, c.answeredMs, endMs, ctx.file, line));
      }
    }

    // ---- Member events: agent state spans (see the header). ----
    const tracks = new Map<string, Track>();

    function trackOf(agent: string): Track {
      let t = tracks.get(agent);
      if (t === undefined) tracks.set(agent, (t = { members: new Set(), session: null, ended: null, floorMs: -Infinity, orphans: [], pause: null, paused: null }));
      return t;
    }

    const span = (agent: string, layer: "session" | "pause", o: OpenSpan, endMs: number | null): AgentStateSpan => ({
      agent,
      layer,
      category: layer === "session" ? "available" : "paused",
      reason: o.reason,
      startMs: o.startMs,
      endMs: endMs === null ? null : Math.max(endMs, o.startMs),
      file: ctx.file,
      line: o.line,
      rowCount: o.rows,
    });

    /** Hand over the held-back session; ends that no session covered are filtered. */
    function releaseSession(t: Track): void {
      if (t.ended !== null) {
        ctx.emitState(t.ended);
        t.floorMs = Math.max(t.floorMs, t.ended.endMs!);
        t.ended = null;
      }
      for (const o of t.orphans) ctx.filter(o.line, NO_START);
      t.orphans = [];
    }

    /** Session ends with no start that fall within the held-back session join it. */
    function absorbOrphans(t: Track): void {
      const e = t.ended;
      if (e === null || t.orphans.length === 0) return;
      t.orphans = t.orphans.filter((o) => {
        if (o.ms < e.startMs || o.ms > e.endMs!) return true;
        e.rowCount++;
        return false;
      });
    }

    function endPause(agent: string, t: Track, atMs: number): void {
      if (t.pause === null) return;
      if (t.paused !== null) ctx.emitState(t.paused);
      t.paused = span(agent, "pause", t.pause, atMs);
      t.pause = null;
    }

    // The current line's raw text, made only when needed (a rejection, a member event).
    let curView: RecordView | null = null;
    let curRaw = "";
    const rawText = (): string => (curView !== null ? curView.raw() : curRaw);

    function member(timeMs: number, queue: string, agentRaw: string, event: string, data: LineData, line: number): void {
      const raw = rawText();
      if (MEMBER_SETTINGS.has(event)) return ctx.filter(line, "member setting (PENALTY, RINGINUSE)");
      const agent = normalizeAgent(agentRaw, ctx.agentAliases);
      if (agent === "") return ctx.reject(line, "MISSING_VALUE", `${event} without an agent`, raw);
      const t = trackOf(agent);

      if (SESSION_START.has(event)) {
        const key = event === "ADDMEMBER" ? queue : LOGIN_KEY;
        if (t.members.has(key)) return ctx.filter(line, event === "ADDMEMBER" ? "repeated ADDMEMBER: already a member" : "repeated login: already logged in");
        t.members.add(key);
        if (t.session !== null) {
          t.session.rows++;
          return;
        }
        releaseSession(t);
        t.session = { startMs: timeMs, line, rows: 1, reason: "" };
        return;
      }

      if (SESSION_END.has(event)) {
        const logoff = event !== "REMOVEMEMBER";
        const loginSeconds = logoff ? data.num(1) : NaN;
        const loginMs = loginSeconds >= 0 ? timeMs - loginSeconds * 1000 : null;
        const s = t.session;
        if (s !== null) {
          s.rows++;
          if (loginMs !== null) s.startMs = Math.max(t.floorMs, Math.min(s.startMs, loginMs));
          // Not in the set (a queue it never joined in the data): one of the session's rows, nothing changes.
          if (t.members.delete(logoff ? LOGIN_KEY : queue) && t.members.size === 0) {
            t.session = null;
            if (t.ended !== null) releaseSession(t);
            t.ended = span(agent, "session", s, timeMs);
            endPause(agent, t, timeMs);
          }
          return;
        }
        const e = t.ended;
        if (e !== null && (e.endMs === timeMs || (loginMs !== null && loginMs <= e.endMs!))) {
          // The end of the session just ended (REMOVEMEMBER then AGENT*LOGOFF), or a logoff whose login reaches it.
          e.rowCount++;
          if (loginMs !== null) {
            e.startMs = Math.max(t.floorMs, Math.min(e.startMs, loginMs));
            e.endMs = Math.max(e.endMs!, timeMs);
          }
          absorbOrphans(t);
          return;
        }
        if (loginMs !== null) {
          // The data began after this login: rebuild the session from the login time.
          if (e !== null) {
            ctx.emitState(e);
            t.floorMs = Math.max(t.floorMs, e.endMs!);
          }
          t.ended = span(agent, "session", { startMs: Math.max(t.floorMs, loginMs), line, rows: 1, reason: "" }, timeMs);
          absorbOrphans(t);
          endPause(agent, t, timeMs);
          return;
        }
        t.orphans.push({ line, ms: timeMs });
        return;
      }

      if (PAUSE_START.has(event)) {
        if (t.pause !== null) {
          t.pause.rows++;
          return;
        }
        if (t.paused !== null) {
          ctx.emitState(t.paused);
          t.paused = null;
        }
        t.pause = { startMs: timeMs, line, rows: 1, reason: (data.at(0) ?? "").trim() };
        return;
      }

      // UNPAUSE / UNPAUSEALL
      if (t.pause !== null) {
        t.pause.rows++;
        endPause(agent, t, timeMs);
        return;
      }
      if (t.paused !== null && t.paused.endMs === timeMs) {
        t.paused.rowCount++;
        return;
      }
      ctx.filter(line, `${event} without a PAUSE in the data`);
    }

    function sweep(): void {
      stints.forget(maxMs);
    }

    // Agents normalized by their raw text: each name once, not once per CONNECT line.
    const agents = new TextMap<string>();

    /** The line's agent, normalized (normalizeAgent of its raw text). */
    function agentOf(k: LineKeys): string {
      const h = hashRange(k.text, k.agentStart, k.agentEnd);
      const hit = agents.get(k.text, k.agentStart, k.agentEnd, h);
      if (hit !== undefined) return hit;
      const raw = k.agent();
      const agent = normalizeAgent(raw, ctx.agentAliases);
      agents.set(raw, h, detached(agent));
      return agent;
    }

    /** The line's callid as a string (after an attended transfer's renaming). */
    function lineCid(k: LineKeys): string {
      return canon(k.cid());
    }

    /** Filter a line whose event is of a kind that is only counted (a ring attempt, a system event); false for other kinds. */
    function counted(timeMs: number, kind: Kind | undefined, line: number): boolean {
      if (kind !== Kind.Attempt && kind !== Kind.System) return false;
      if (timeMs > maxMs) maxMs = timeMs;
      ctx.filter(line, kind === Kind.Attempt ? "ring attempt" : "system event");
      return true;
    }

    function handle(timeMs: number, k: LineKeys, event: string, data: LineData, line: number, kind = eventKind(event)): void {
      if (counted(timeMs, kind, line)) return;
      if (timeMs > maxMs) maxMs = timeMs;
      if (kind === Kind.NotJoined) {
        const cidRaw = k.cid();
        const queue = k.queue();
        const nk = `${cidRaw}@${timeMs}`;
        stints.find(nk, queue);
        if (stints.hasClosed()) return ctx.duplicate(line);
        stints.close(timeMs);
        ctx.emit({
          contactId: `${cidRaw}@${queue}@${timeMs}`, callId: canon(cidRaw), queue, agent: "", customer: (data.at(1) ?? "").trim(),
          arrivedMs: timeMs, answeredMs: null, endedMs: timeMs, outcome: "not_joined", waitSeconds: 0, talkSeconds: 0,
          holdSeconds: 0, acwSeconds: 0, transferred: false, disposition: "", rating: null, resolved: null, dims: null,
          file: ctx.file, line, rowCount: 1,
        });
        return;
      }
      if (kind === Kind.Agent) {
        // Member events have no stint to recognize a repeat by: compare the text (they are few).
        const raw = rawText();
        if (seenMemberLines.has(raw)) return ctx.duplicate(line);
        if (seenMemberLines.size >= 50_000) seenMemberLines.clear();
        seenMemberLines.add(detached(raw));
        return member(timeMs, k.queue(), k.agent(), event, data, line);
      }
      if (kind === undefined) {
        if (event.startsWith("OUT")) return ctx.filter(line, "outbound call event");
        return ctx.filter(line, `annotation or unknown event (${event || "empty"})`);
      }

      const isEnter = kind === Kind.Enter;
      const isConnect = kind === Kind.Connect;
      const answeredEnd = kind === Kind.AnsweredEnd;
      const unansweredEnd = kind === Kind.UnansweredEnd ? UNANSWERED_END[event] : undefined;
      if (k.noQueue()) return ctx.reject(line, "MISSING_VALUE", `${event} without a queue name`, rawText());

      // The stint's entry, for the calls below: found by the line's text unless an attended transfer renamed the callid.
      if (alias.size === 0) stints.findAt(k.text, k.cidStart, k.cidEnd, k.text, k.queueStart, k.queueEnd);
      else {
        const c = lineCid(k);
        stints.findAt(c, 0, c.length, k.text, k.queueStart, k.queueEnd);
      }
      let s = stints.open();

      if (isEnter) {
        const closedEnd = stints.closedEnd(); // NaN: none
        if (s === undefined && timeMs <= closedEnd) return ctx.duplicate(line);
        if (s !== undefined) {
          if (s.entered && s.enterMs === timeMs) return ctx.duplicate(line);
          // Not entered yet: the ENTERQUEUE of a stint its CONNECT opened (out-of-order lines).
          if (!s.entered || s.connectMs !== null) {
            s.enterMs = timeMs;
            s.entered = true;
            s.customer ||= (data.at(1) ?? "").trim();
            s.rows++;
            return;
          }
          // Re-entry while the earlier visit never ended: the earlier one stays unknown.
          openAtEnd++;
          ctx.filter(s.line, "queue visit without an ending event", s.rows);
        }
        // Open stints may never end: their ids must not hold text chunks (detached).
        const id = detached(lineCid(k));
        stints.setOpen({ callId: id, queue: stints.queueName(), customer: (data.at(1) ?? "").trim(), enterMs: timeMs, entered: true, connectMs: null, waitSeconds: null, agent: "", rows: 1, line });
        return;
      }

      if (isConnect) {
        const wait = data.num(0);
        if (Number.isNaN(wait) || wait < 0) return ctx.reject(line, "BAD_NUMBER", `CONNECT holdtime "${data.at(0) ?? ""}" is not a number of seconds`, rawText());
        if (s === undefined) {
          if (stints.hasClosed()) return ctx.duplicate(line);
          const id = detached(lineCid(k));
          s = { callId: id, queue: stints.queueName(), customer: "", enterMs: timeMs - wait * 1000, entered: false, connectMs: null, waitSeconds: null, agent: "", rows: 0, line };
          stints.setOpen(s);
        } else if (s.connectMs !== null) {
          return ctx.duplicate(line);
        }
        s.connectMs = timeMs;
        s.waitSeconds = wait;
        s.agent = agentOf(k);
        s.rows++;
        return;
      }

      // Ending events. The agent matters to an answered one without a stint (an attended
      // transfer) or whose stint has no agent yet; most have their CONNECT's (no need to normalize it).
      const agent = answeredEnd && (s === undefined || s.agent === "") ? agentOf(k) : "";
      if (s === undefined) {
        if (stints.hasClosed()) return ctx.duplicate(line);
        if (answeredEnd) {
          // Attended transfers log under the new channel's callid: find the stint this agent is on.
          let match: Stint | undefined;
          const cid = lineCid(k);
          const queue = stints.queueName();
          // The latest connected; of those connected at the same instant, the one opened first.
          for (const o of stints.openStints()) {
            if (o.queue === queue && o.connectMs !== null && o.agent === agent && o.callId !== cid) {
              if (match === undefined || o.connectMs > match.connectMs! || (o.connectMs === match.connectMs && o.line < match.line)) match = o;
            }
          }
          if (match !== undefined && agent !== "") {
            link(cid, match.callId);
            s = match;
          }
        }
      }
      if (answeredEnd) {
        const isTransfer = event.endsWith("TRANSFER");
        const hold = data.num(isTransfer ? 2 : 0);
        const talk = data.num(isTransfer ? 3 : 1);
        if (Number.isNaN(talk) || talk < 0) return ctx.reject(line, "BAD_NUMBER", `${event} calltime "${data.at(isTransfer ? 3 : 1) ?? ""}" is not a number of seconds`, rawText());
        const holdField = data.at(isTransfer ? 2 : 0) ?? "";
        // A holdtime that is there but not seconds is refused even when CONNECT gave the wait: a negative wait must not slip in.
        if (!(hold >= 0) && (s === undefined || holdField.trim() !== "")) {
          return ctx.reject(line, "BAD_NUMBER", `${event} holdtime "${holdField}" is not a number of seconds`, rawText());
        }
        if (s === undefined) {
          const connectMs = timeMs - talk * 1000;
          s = { callId: lineCid(k), queue: stints.queueName(), customer: "", enterMs: connectMs - hold * 1000, entered: false, connectMs, waitSeconds: hold, agent, rows: 0, line };
        }
        if (s.enterMs === null) s.enterMs = (s.connectMs ?? timeMs - talk * 1000) - (hold >= 0 ? hold : 0) * 1000;
        if (s.waitSeconds === null && hold >= 0) s.waitSeconds = hold;
        if (s.connectMs === null) s.connectMs = timeMs - talk * 1000;
        if (s.agent === "") s.agent = agent;
        s.rows++;
        emit(s, timeMs, "answered", talk, isTransfer, s.line); // closes it
        return;
      }
      const waitAt = event === "EXITWITHKEY" ? 3 : 2;
      const waitField = data.at(waitAt);
      const wait = data.num(waitAt);
      // Refused when there is nothing to rebuild from, or when the field is there but not seconds (a negative wait).
      if (!(wait >= 0) && (s === undefined || (waitField ?? "").trim() !== "")) {
        return ctx.reject(line, "BAD_NUMBER", `${event} waittime "${waitField ?? ""}" is not a number of seconds`, rawText());
      }
      if (s === undefined) {
        s = { callId: lineCid(k), queue: stints.queueName(), customer: "", enterMs: timeMs - wait * 1000, entered: false, connectMs: null, waitSeconds: wait, agent: "", rows: 0, line };
      }
      if (s.enterMs === null) s.enterMs = timeMs - (wait >= 0 ? wait * 1000 : 0);
      if (wait >= 0) s.waitSeconds = wait;
      s.rows++;
      emit(s, timeMs, unansweredEnd!, 0, false, s.line); // closes it
    }

    function after(): void {
      if (++rowsSinceSweep >= 10_000) {
        rowsSinceSweep = 0;
        sweep();
      }
    }

    function row(fields: string[], line: number, raw: string): void {
      curView = null;
      curRaw = raw;
      if (dialect === null) {
        const first = (fields[0] ?? "").replace(/^\uFEFF/, "").trim();
        if (/^\d{9,11}(\.\d+)?$/.test(first) && fields.length >= 5) {
          dialect = "text";
          // Reset: a refused table header before this line may have left its column map behind.
          col = { time: 0, callid: 1, queue: 2, agent: 3, event: 4, data: 5 };
        } else {
          idx = headerIndex(fields);
          ncols = fields.length;
          if (idx.has("queue_name") && idx.has("htime")) {
            dialect = "pbxware";
            col = { time: at("date_time"), callid: at("callid"), queue: at("queue_name"), agent: at("type"), event: at("event"), data: -1 };
          } else if (idx.has("callid") && idx.has("event")) {
            dialect = "realtime";
            col = { time: at("time"), callid: at("callid"), queue: at("queuename"), agent: at("agent"), event: at("event"), data: at("data1") };
          } else {
            throw new CckpiError("MISSING_COLUMN", `${ctx.file}:${line}: neither a queue_log line nor a queue_log table header`, "is this an Asterisk queue_log? `cckpi formats asterisk-queue-log` shows the layouts");
          }
          if (Object.values(col).some((v, i) => v < 0 && !(i === 5 && dialect === "pbxware"))) {
            throw new CckpiError("MISSING_COLUMN", `${ctx.file}:${line}: queue_log table header lacks time, callid, queue, agent or event`, "`cckpi formats asterisk-queue-log` shows the layouts");
          }
          headerKey = rowKey(fields);
          return ctx.filter(line, "header");
        }
      }
      // Concatenated table exports repeat their header (maybe behind a BOM of its own).
      if (dialect !== "text" && fields.length === ncols && /^\s*event\s*$/i.test(fields[col.event]!) && rowKey(fields) === headerKey) return ctx.filter(line, "repeated header");
      if (dialect !== "text" && fields.length !== ncols) {
        if (fields.length === 1 && fields[0]!.trim() === "") return ctx.filter(line, "blank line");
        return ctx.reject(line, "RAGGED_ROW", `expected ${ncols} fields, found ${fields.length}`, raw);
      }
      if (fields.length < 5) {
        if (fields.length === 1 && fields[0]!.trim() === "") return ctx.filter(line, "blank line");
        return ctx.reject(line, "RAGGED_ROW", `expected at least 5 fields (time|callid|queue|agent|event), found ${fields.length}`, raw);
      }
      // Duplicated lines need no text comparison: a second ENTERQUEUE, CONNECT or
      // ending event of a stint already seen is recognized by the stint's state.
      const timeRaw = fields[col.time]!.trim();
      let timeMs = parseEpochSeconds(timeRaw); // plain decimals only
      if (Number.isNaN(timeMs)) {
        const r = parseTimestamp(timeRaw, ctx.zone);
        if (!r.ok) return ctx.reject(line, r.code, `time: ${r.message}`, raw);
        timeMs = r.utcMs;
      }
      const event = eventName(fields[col.event]!);
      // Data fields stay untrimmed here; num() and the caller-id reads trim what they use.
      arrayData.fields = dialect === "pbxware" ? pbxwareData(event, fields, at) : fields.slice(col.data);
      keys.setStrings(fields[col.callid]!.trim(), fields[col.queue]!.trim(), fields[col.agent]!.trim());
      handle(timeMs, keys, event, arrayData, line);
      after();
    }

    /** The data fields and keys of a line, in objects reused line after line (handle keeps none of them). */
    const arrayData = new ArrayData();
    const keys = new LineKeys();
    const viewData = new ViewData(5);

    return {
      row,
      /**
       * Text queue_log lines, the bulk of large files, straight from the record view:
       * the time read from its characters, the event matched there, the callid,
       * queue and agent looked up there (LineKeys), no array of fields, no raw text
       * unless a line is refused. Anything else (headers, tables, odd times) goes
       * through `row`.
       */
      rowView(v, line) {
        if (dialect !== "text" || v.count < 5 || !v.plain(0)) return row(v.fields(), line, v.raw());
        const timeMs = epochMsAt(v.text, v.start(0), v.end(0));
        if (timeMs !== timeMs) return row(v.fields(), line, v.raw());
        const event = (v.plain(4) ? knownEvent(v.text, v.start(4), v.end(4)) : undefined) ?? eventName(v.field(4));
        const kind = eventKind(event);
        // Ring attempts are most lines of many real logs: counted before their keys are looked at.
        if (counted(timeMs, kind, line)) return after();
        if (!keys.setView(v)) keys.setStrings(v.field(1).trim(), v.field(2).trim(), v.field(3).trim());
        viewData.view = v;
        curView = v;
        handle(timeMs, keys, event, viewData, line, kind);
        curView = null;
        viewData.view = null;
        after();
      },
      end() {
        for (const s of stints.openStints().sort((a, b) => a.line - b.line)) {
          openAtEnd++;
          ctx.filter(s.line, "call still open at the end of the data", s.rows);
        }
        if (openAtEnd > 0) ctx.warn(`${ctx.file}: ${openAtEnd} queue visit(s) still open at the end of the data, left out (not guessed)`);
        stints.clear();
        for (const [agent, t] of tracks) {
          releaseSession(t);
          if (t.session !== null) ctx.emitState(span(agent, "session", t.session, null));
          if (t.paused !== null) ctx.emitState(t.paused);
          if (t.pause !== null) ctx.emitState(span(agent, "pause", t.pause, null));
        }
        tracks.clear();
      },
    };
  },
});
