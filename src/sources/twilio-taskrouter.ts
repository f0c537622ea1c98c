/**
 * `twilio-taskrouter`: Twilio TaskRouter events as NDJSON (mission-anchors
 * §5.8): the Workspace event callback parameters, one event a line (EventType,
 * Timestamp, TaskSid, TaskQueueName / TaskQueueSid, WorkerName / WorkerSid,
 * ReservationSid, TaskAttributes, TaskCanceledReason...), or the same events
 * from Event Streams (CloudEvents `com.twilio.taskrouter.*` with the fields in
 * `data.payload`, snake_case). Timestamp: epoch seconds (or ms), or ISO-8601.
 *
 * Events are state changes of tasks, so this source is stateful like
 * asterisk-queue-log. One visit of a task to a TaskQueue is one contact:
 *   opened by task.created (when it names a queue) or task-queue.entered
 *   (arrived = its Timestamp); answered = reservation.accepted (agent =
 *   WorkerName, else WorkerSid); task.wrapup ends talk and starts ACW;
 *   task.completed ends the contact (ACW = completed - wrapup; without a wrapup
 *   talk runs to completed). TaskRouter has no customer-hold events: hold = 0.
 *   queue = TaskQueueName (else TaskQueueSid), customer = TaskAttributes.from
 *   (else caller), call id = TaskAttributes.call_sid (else TaskSid: Flex
 *   transfers make a new task of the same call), contact id = TaskSid (":n" for
 *   the task's later visits).
 * Outcomes of a visit not accepted:
 *   task.canceled = abandoned (the caller hung up while waiting or ringing), or
 *     timeout when TaskCanceledReason speaks of a timeout / TTL;
 *   task-queue.timeout = timeout (the task may then enter the next queue of its
 *     workflow: a second contact of the same call);
 *   task-queue.entered / task-queue.moved into another queue = exit_key (a flow-out);
 *   task.completed / task.deleted without an accepted reservation = exit_key
 *     (removed by the application: voicemail, callback...).
 * Every line is accounted for: events consumed by a visit (created, entered,
 * accepted, wrapup, completed, updated, transfer-*, the accepted reservation's
 * wrapup / completed) count as used through the contact's rowCount; exact
 * repeats of a live task's event are duplicates; worker, activity, workflow and
 * workspace events and reservations never accepted (created, rejected, timeout,
 * canceled, rescinded) are filtered with a reason, as are task events outside
 * a visit (after the task ended, e.g. a reservation.completed arriving after
 * task.completed). Visits still open at the end are filtered and warned about.
 */
import { normalizeAgent, type Contact, type Outcome } from "../model/contact.js";
import { parseEpochSeconds, parseTimestamp } from "../model/timestamp.js";
import { defineSource, parseJsonRecord, type SourceContext } from "./define.js";

interface Visit {
  n: number;
  queue: string;
  arrivedMs: number;
  answeredMs: number | null;
  wrapMs: number | null;
  agent: string;
  reservationSid: string;
  transferred: boolean;
  line: number;
  rows: number;
}

interface Task {
  sid: string;
  callId: string;
  customer: string;
  visit: Visit | null;
  visits: number;
  /** Events consumed while no visit was open (task.created without a queue, updates between visits). */
  pending: number;
  pendingLine: number;
  /** Event keys seen, for duplicates. */
  keys: Set<string>;
}

const snake = (k: string): string => k.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? c.toLowerCase() : `_${c.toLowerCase()}`));

const OFFERS = new Set(["reservation.created", "reservation.rejected", "reservation.timeout", "reservation.canceled", "reservation.rescinded"]);

export default defineSource({
  id: "twilio-taskrouter",
  title: "Twilio TaskRouter events (NDJSON)",
  records: "contacts",
  input: "json",
  extensions: [".ndjson", ".jsonl", ".json"],
  docs: `Twilio TaskRouter events, one a line: Workspace event callback fields (EventType, Timestamp, TaskSid,
TaskQueueName/Sid, WorkerName/Sid, ReservationSid, TaskAttributes, TaskCanceledReason) or Event Streams
CloudEvents (com.twilio.taskrouter.*, data.payload in snake_case). Timestamp: epoch seconds / ms or ISO.
A task's visit to a queue is one contact: opened by task.created (with a queue) or task-queue.entered,
answered = reservation.accepted (agent = WorkerName), task.wrapup ends talk and starts ACW, task.completed
ends it; hold = 0 (no hold events). queue = TaskQueueName, customer = TaskAttributes.from / caller,
call id = TaskAttributes.call_sid else TaskSid, contact id = TaskSid.
Not accepted: task.canceled = abandoned (timeout when TaskCanceledReason names a timeout / TTL),
task-queue.timeout = timeout, moved / entered another queue, completed or deleted = exit_key (flow-out).
Events a visit consumed count as its rows; worker / workflow / workspace events and reservations never
accepted are filtered; repeats of a live task's event are duplicates; visits open at the end are filtered.`,

  detect(sample) {
    const t = sample.text.replace(/^\uFEFF/, "").trimStart();
    if (!(t.startsWith("{") || t.startsWith("["))) return 0;
    if (/"type"\s*:\s*"com\.twilio\.taskrouter\./.test(t)) return 0.95;
    return /"EventType"\s*:/.test(t) && /"(TaskSid|WorkspaceSid|ResourceType)"\s*:/.test(t) ? 0.95 : 0;
  },

  create(ctx: SourceContext) {
    const tasks = new Map<string, Task>();
    const ended = new Set<string>();
    let openAtEnd = 0;

    function close(task: Task, atMs: number, outcome: Outcome | null): void {
      const v = task.visit!;
      task.visit = null;
      const answered = v.answeredMs !== null;
      const talkEnd = answered ? (v.wrapMs ?? atMs) : atMs;
      const c: Contact = {
        contactId: v.n > 1 ? `${task.sid}:${v.n}` : task.sid,
        callId: task.callId,
        queue: v.queue,
        agent: answered ? normalizeAgent(v.agent, ctx.agentAliases) : "",
        customer: task.customer,
        arrivedMs: v.arrivedMs,
        answeredMs: v.answeredMs,
        endedMs: talkEnd,
        outcome: answered ? "answered" : (outcome ?? "abandoned"),
        waitSeconds: Math.max(0, ((v.answeredMs ?? atMs) - v.arrivedMs) / 1000),
        talkSeconds: answered ? Math.max(0, (talkEnd - v.answeredMs!) / 1000) : 0,
        holdSeconds: 0,
        acwSeconds: answered && v.wrapMs !== null ? Math.max(0, (atMs - v.wrapMs) / 1000) : 0,
        transferred: answered && v.transferred,
        disposition: "",
        rating: null,
        resolved: null,
        dims: null,
        file: ctx.file,
        line: v.line,
        rowCount: v.rows,
      };
      ctx.emit(c);
    }

    function open(task: Task, queue: string, atMs: number, line: number): void {
      task.visits++;
      task.visit = {
        n: task.visits, queue, arrivedMs: atMs, answeredMs: null, wrapMs: null, agent: "", reservationSid: "",
        transferred: false, line: task.pending > 0 ? task.pendingLine : line, rows: 1 + task.pending,
      };
      task.pending = 0;
    }

    /** The task ends: nothing more is expected of it. */
    function finish(task: Task): void {
      if (task.pending > 0) ctx.filter(task.pendingLine, "task events outside a queue visit", task.pending);
      tasks.delete(task.sid);
      ended.add(task.sid);
    }

    /** A task event outside any visit: kept for the task's next visit, or filtered. */
    function consumeLoose(task: Task | undefined, line: number): void {
      if (task && !task.visit) {
        if (task.pending === 0) task.pendingLine = line;
        task.pending++;
      } else if (task?.visit) task.visit.rows++;
      else ctx.filter(line, "task event outside a queue visit");
    }

    return {
      row(fields, line, raw) {
        const parsed = parseJsonRecord(ctx, fields, line, raw);
        if (parsed === undefined) return;
        const v = parsed as Record<string, unknown>;
        if (!v || typeof v !== "object" || Array.isArray(v)) return ctx.reject(line, "MISSING_VALUE", "an event that is not a JSON object", raw.slice(0, 500));
        // Event Streams: CloudEvents envelope, fields in data.payload (snake_case).
        let payload: Record<string, unknown> | null = null;
        let et = typeof v.EventType === "string" ? v.EventType : "";
        if (et === "" && typeof v.type === "string" && v.type.startsWith("com.twilio.taskrouter.")) {
          et = v.type.slice("com.twilio.taskrouter.".length);
          const d = v.data as Record<string, unknown> | undefined;
          payload = ((d?.payload ?? d) as Record<string, unknown> | undefined) ?? {};
        }
        const get = (k: string): string => {
          const x = payload ? (payload[snake(k)] ?? payload[k]) : v[k];
          return typeof x === "string" ? x : typeof x === "number" ? String(x) : "";
        };
        if (et === "") return ctx.reject(line, "MISSING_VALUE", "an event without an EventType", raw.slice(0, 500));

        if (et.startsWith("worker.")) return ctx.filter(line, "worker event (agent-state data)");
        if (OFFERS.has(et)) return ctx.filter(line, "reservation not accepted (offer, reject, timeout...)");
        if (!(et.startsWith("task.") || et.startsWith("task-queue.") || et.startsWith("reservation."))) {
          return ctx.filter(line, "workspace, workflow or activity event");
        }
        if (et === "task-queue.created" || et === "task-queue.deleted" || et === "task-queue.updated" || et === "task-queue.expression.updated") {
          return ctx.filter(line, "workspace, workflow or activity event");
        }
        const sid = get("TaskSid");
        if (sid === "") return ctx.reject(line, "MISSING_VALUE", `${et} without a TaskSid`, raw.slice(0, 500));
        const tsRaw = get("Timestamp") || (payload && typeof v.time === "string" ? v.time : "");
        if (tsRaw === "") return ctx.reject(line, "MISSING_VALUE", `${et} without a Timestamp`, raw.slice(0, 500));
        let atMs = parseEpochSeconds(tsRaw);
        if (Number.isFinite(atMs)) {
          if (atMs > 1e14) atMs = Math.round(atMs / 1000); // epoch milliseconds
        } else {
          const r = parseTimestamp(tsRaw, ctx.zone);
          if (!r.ok) return ctx.reject(line, r.code, `Timestamp: ${r.message}`, raw.slice(0, 500));
          atMs = r.utcMs;
        }
        if (ended.has(sid)) return ctx.filter(line, "event after the task ended");

        let task = tasks.get(sid);
        const key = `${et}|${get("ReservationSid")}|${atMs}|${get("TaskQueueSid")}`;
        if (task?.keys.has(key)) return ctx.duplicate(line);
        const queue = get("TaskQueueName") || get("TaskQueueSid");

        if (!task && (et === "task.created" || et === "task-queue.entered" || et === "task-queue.moved")) {
          let attrs: Record<string, unknown> = {};
          const a = payload ? (payload.task_attributes ?? payload.TaskAttributes) : v.TaskAttributes;
          try {
            attrs = (typeof a === "string" ? JSON.parse(a) : a && typeof a === "object" ? a : {}) as Record<string, unknown>;
          } catch {
            ctx.warn(`${ctx.file}:${line}: TaskAttributes of ${sid} is not JSON (no caller id)`);
          }
          const str = (x: unknown): string => (typeof x === "string" ? x : "");
          task = {
            sid, callId: str(attrs.call_sid) || sid, customer: str(attrs.from) || str(attrs.caller),
            visit: null, visits: 0, pending: 0, pendingLine: line, keys: new Set(),
          };
          tasks.set(sid, task);
        }
        task?.keys.add(key);
        const vis = task?.visit ?? null;

        switch (et) {
          case "task.created":
            if (queue !== "") open(task!, queue, atMs, line);
            else consumeLoose(task, line);
            return;
          case "task-queue.entered":
          case "task-queue.moved":
            if (queue === "") return ctx.reject(line, "MISSING_VALUE", `${et} without a TaskQueueName or TaskQueueSid`, raw.slice(0, 500));
            if (vis && vis.queue === queue && vis.answeredMs === null) {
              vis.rows++;
              return;
            }
            if (vis) {
              if (vis.answeredMs !== null) vis.transferred = true;
              close(task!, atMs, "exit_key");
            }
            open(task!, queue, atMs, line);
            return;
          case "reservation.accepted":
            if (!vis) return ctx.filter(line, "accepted reservation without a queue entry");
            vis.rows++;
            if (vis.answeredMs === null) {
              vis.answeredMs = atMs;
              vis.agent = get("WorkerName") || get("WorkerSid");
              vis.reservationSid = get("ReservationSid");
            }
            return;
          case "reservation.wrapup":
          case "reservation.completed":
            if (vis && vis.answeredMs !== null && (vis.reservationSid === "" || vis.reservationSid === get("ReservationSid"))) {
              vis.rows++;
              return;
            }
            return ctx.filter(line, "reservation event of no accepted visit");
          case "task.wrapup":
            if (!vis) return consumeLoose(task, line);
            vis.rows++;
            if (vis.answeredMs !== null && vis.wrapMs === null) vis.wrapMs = atMs;
            return;
          case "task-queue.timeout":
            if (!vis || vis.answeredMs !== null) return consumeLoose(task, line);
            vis.rows++;
            close(task!, atMs, "timeout");
            return;
          case "task.canceled":
          case "task.completed":
          case "task.deleted":
          case "task.system-deleted": {
            if (!task) return ctx.filter(line, "task event outside a queue visit");
            if (!vis) {
              consumeLoose(task, line);
              return finish(task);
            }
            vis.rows++;
            const why = get("TaskCanceledReason");
            const outcome: Outcome = et === "task.canceled" ? (/time ?out|ttl|expire/i.test(why) ? "timeout" : "abandoned") : "exit_key";
            close(task, atMs, outcome);
            return finish(task);
          }
          default:
            // task.updated, task.transfer-*, other task or reservation events of a live task.
            if (vis && et.startsWith("task.transfer-") && vis.answeredMs !== null) vis.transferred = true;
            if (et.startsWith("reservation.") && !vis) return ctx.filter(line, "reservation event of no accepted visit");
            return consumeLoose(task, line);
        }
      },
      end() {
        for (const t of tasks.values()) {
          const rows = (t.visit?.rows ?? 0) + t.pending;
          if (t.visit) {
            openAtEnd++;
            ctx.filter(t.visit.line, "task still open at the end of the data", rows);
          } else if (rows > 0) ctx.filter(t.pendingLine, "task never entered a queue", rows);
        }
        if (openAtEnd > 0) ctx.warn(`${ctx.file}: ${openAtEnd} task visit(s) still open at the end of the data, left out (not guessed)`);
        tasks.clear();
        ended.clear();
      },
    };
  },
});
