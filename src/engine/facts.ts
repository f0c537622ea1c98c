/**
 * The catalog of additive facts. A fact is one number per contact (or per call)
 * that interval records sum (or max). Metrics ask for facts; the engine computes
 * the union of what the selected metrics ask for, once per contact.
 *
 * Fact keys are stable snake_case column names with units and parameters in
 * them (`answered_within_20s`), so interval files written by `cckpi intervals`
 * are self-describing and `cckpi report` can read them back.
 *
 * `phase` says which time a fact belongs to under `--attribution end`: queue
 * facts go to the interval the contact left the queue, handle facts to the
 * interval its after-call work ended (METRICS.md §2). Under `arrival` both use
 * the arrival time.
 */
import { isOffered, type Contact } from "../model/contact.js";
import type { ScheduleCategory, StateCategory } from "../model/agent.js";

/**
 * `sum` and `max` are numbers per record. `hist` is a distribution: each contact's
 * value, rounded to a whole second, counted per value (the record's number is the
 * count of values). Histograms add up like sums, so medians and percentiles of a
 * day or a month stay exact (for whole-second exports) and ratios of sums hold.
 */
export type FactKind = "sum" | "max" | "hist";
export type FactPhase = "queue" | "handle";

export interface FcrSpec {
  windowHours: number;
  sameQueue: boolean;
  part: "eligible" | "resolved" | "censored";
}

/**
 * Facts from agent state and schedule time (engine/agents.ts), in seconds
 * sliced at interval boundaries, or agent-days:
 *   - `state`: time in a state category (`logged_in` = not logged out, `worked` =
 *     logged in and not paused, `worked_scheduled` = worked by agents who have a
 *     schedule), optionally only pauses with one reason;
 *   - `schedule`: scheduled time of a category (`scheduled` = any but off);
 *   - `adherent`: scheduled time spent in the scheduled category, with a tolerance;
 *   - `agent_days`: 1 per agent and local day with logged-in time.
 */
export type AgentFactSpec =
  | { kind: "state"; category: StateCategory | "logged_in" | "worked" | "worked_scheduled"; reason?: string }
  | { kind: "schedule"; category: ScheduleCategory | "scheduled" }
  | { kind: "adherent"; toleranceSeconds: number }
  | { kind: "agent_days" };

export interface FactDef {
  key: string;
  kind: FactKind;
  phase: FactPhase;
  description: string;
  /** Value for one contact (or call summary); for `hist`, NaN = no value. Absent for facts the engine derives (FCR). */
  of?: (c: Contact) => number;
  fcr?: FcrSpec;
  agent?: AgentFactSpec;
}

const b = (x: boolean): number => (x ? 1 : 0);

function sum(key: string, description: string, of: (c: Contact) => number, phase: FactPhase = "queue"): FactDef {
  return { key, kind: "sum", phase, description, of };
}

const fmtN = (n: number): string => String(n).replace(".", "_");
const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");

function agentFact(key: string, description: string, agent: AgentFactSpec): FactDef {
  return { key, kind: "sum", phase: "queue", description, agent };
}

export const facts = {
  offered: sum("offered", "contacts that entered a queue", (c) => b(isOffered(c.outcome))),
  answered: sum("answered", "contacts connected to an agent", (c) => b(c.outcome === "answered")),
  abandoned: sum("abandoned", "contacts abandoned while queued", (c) => b(c.outcome === "abandoned")),
  timeout: sum("timeout", "contacts that left at the queue's maximum wait", (c) => b(c.outcome === "timeout")),
  exitKey: sum("exit_key", "contacts that left by pressing a key", (c) => b(c.outcome === "exit_key")),
  exitEmpty: sum("exit_empty", "contacts that left because no agent was available", (c) => b(c.outcome === "exit_empty")),
  notJoined: sum("not_joined", "contacts that never joined a queue", (c) => b(c.outcome === "not_joined")),
  handled: sum(
    "handled",
    "answered contacts whose talk ended",
    (c) => b(c.outcome === "answered" && c.endedMs !== null),
    "handle",
  ),
  answeredWithin: (t: number): FactDef =>
    sum(`answered_within_${fmtN(t)}s`, `answered with wait <= ${t} s`, (c) => b(c.outcome === "answered" && c.waitSeconds <= t)),
  abandonedWithin: (t: number): FactDef =>
    sum(`abandoned_within_${fmtN(t)}s`, `abandoned with wait <= ${t} s`, (c) => b(c.outcome === "abandoned" && c.waitSeconds <= t)),
  waitAnswered: sum("wait_answered_s", "seconds waited by answered contacts", (c) => (c.outcome === "answered" ? c.waitSeconds : 0)),
  // A wait the source does not know is NaN (exports that record speed of answer only):
  // it adds nothing to wait sums and is within no threshold (NaN <= t is false).
  waitOffered: sum("wait_offered_s", "seconds waited by offered contacts", (c) => (isOffered(c.outcome) && c.waitSeconds === c.waitSeconds ? c.waitSeconds : 0)),
  waitAbandoned: sum("wait_abandoned_s", "seconds waited by abandoned contacts", (c) => (c.outcome === "abandoned" && c.waitSeconds === c.waitSeconds ? c.waitSeconds : 0)),
  waitMax: {
    key: "wait_max_s",
    kind: "max",
    phase: "queue",
    description: "longest wait of an offered contact",
    of: (c: Contact) => (isOffered(c.outcome) ? c.waitSeconds : 0),
  } satisfies FactDef as FactDef,
  talk: sum("talk_s", "talk seconds of handled contacts", (c) => (c.outcome === "answered" && c.endedMs !== null ? c.talkSeconds : 0), "handle"),
  hold: sum("hold_s", "customer hold seconds of handled contacts", (c) => (c.outcome === "answered" && c.endedMs !== null ? c.holdSeconds : 0), "handle"),
  acw: sum("acw_s", "after-call work seconds of handled contacts", (c) => (c.outcome === "answered" && c.endedMs !== null ? c.acwSeconds : 0), "handle"),
  transferred: sum("transferred", "handled contacts that were transferred", (c) => b(c.outcome === "answered" && c.endedMs !== null && c.transferred), "handle"),
  held: sum("held", "handled contacts put on hold", (c) => b(c.outcome === "answered" && c.endedMs !== null && c.holdSeconds > 0), "handle"),
  rated: sum("rated", "contacts with a satisfaction score", (c) => b(c.rating !== null), "handle"),
  ratingSum: sum("rating_sum", "sum of satisfaction scores", (c) => c.rating ?? 0, "handle"),
  ratingAtLeast: (min: number): FactDef =>
    sum(`rated_at_least_${fmtN(min)}`, `ratings >= ${min}`, (c) => b(c.rating !== null && c.rating >= min), "handle"),
  /** Waits of contacts with an outcome (answered, abandoned) or of all offered contacts, as a distribution. */
  waitHist: (of: "answered" | "abandoned" | "offered"): FactDef => ({
    key: `wait_${of}_hist`,
    kind: "hist",
    phase: "queue",
    description: `distribution of the waits of ${of} contacts (whole seconds)`,
    of: (c: Contact) => ((of === "offered" ? isOffered(c.outcome) : c.outcome === of) && c.waitSeconds === c.waitSeconds ? c.waitSeconds : NaN),
  }),
  /** Handle time (talk + hold + acw) or talk of handled contacts, as a distribution. */
  handleHist: (part: "handle" | "talk"): FactDef => ({
    key: `${part}_hist`,
    kind: "hist",
    phase: "handle",
    description: `distribution of the ${part === "handle" ? "handle times (talk + hold + acw)" : "talk times"} of handled contacts (whole seconds)`,
    of: (c: Contact) => (c.outcome === "answered" && c.endedMs !== null ? c.talkSeconds + (part === "handle" ? c.holdSeconds + c.acwSeconds : 0) : NaN),
  }),
  resolvedFlag: sum("resolved", "contacts flagged resolved by the source", (c) => b(c.resolved === true && isOffered(c.outcome))),
  resolvedKnown: sum("resolved_known", "contacts whose source carries a resolved flag", (c) => b(c.resolved !== null)),
  fcr: (windowHours: number, sameQueue: boolean, part: FcrSpec["part"]): FactDef => ({
    key: `fcr_${part}_${fmtN(windowHours)}h${sameQueue ? "_same_queue" : ""}`,
    kind: "sum",
    phase: "queue",
    description: `answered contacts ${part} for FCR with a ${windowHours} h window${sameQueue ? " (same queue)" : ""}`,
    fcr: { windowHours, sameQueue, part },
  }),
  stateTime: (category: StateCategory | "logged_in" | "worked" | "worked_scheduled"): FactDef =>
    agentFact(`state_${category}_s`, `agent seconds ${category.replace("_", " ")} (sliced at interval boundaries)`, { kind: "state", category }),
  pausedFor: (reason: string): FactDef =>
    agentFact(`state_paused_${slug(reason)}_s`, `agent seconds paused with reason ${reason}`, { kind: "state", category: "paused", reason }),
  scheduleTime: (category: ScheduleCategory | "scheduled"): FactDef =>
    agentFact(`schedule_${category}_s`, `scheduled seconds of ${category === "scheduled" ? "any activity but off" : category}`, { kind: "schedule", category }),
  adherent: (toleranceSeconds: number): FactDef =>
    agentFact(`adherent_${fmtN(toleranceSeconds)}s_s`, `scheduled seconds in the scheduled category (tolerance ${toleranceSeconds} s at activity changes)`, { kind: "adherent", toleranceSeconds }),
  agentDays: agentFact("agent_days", "agents x local days with logged-in time", { kind: "agent_days" }),
} as const;
