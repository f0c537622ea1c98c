/**
 * The agent side's canonical records (METRICS.md §3 "Agents", "Workforce"):
 * spans of agent state and spans of schedule. Sources produce them; the agent
 * timeline (engine/agents.ts) resolves each agent's spans into one state per
 * instant and slices it at interval boundaries. Times are UTC epoch ms.
 *
 * A state span sits on a layer. `presence` spans are exclusive states exported
 * one row per state (generic state CSV, Salesforce Omni presence, Amazon
 * Connect): two of them overlapping for one agent is a data fault, reported and
 * never counted twice. The other layers are built from events and overlap by
 * design (Asterisk queue_log): a `session` (logged in to any queue), a `pause`
 * within it, and `work` (talking, hold, after-call work) on top. At an instant
 * the state is: presence if any, else work, else pause, else session
 * (available), else logged out.
 */

import { lookupName } from "./names.js";

export const STATE_CATEGORIES = ["available", "talking", "hold", "acw", "paused", "logged_out"] as const;
export type StateCategory = (typeof STATE_CATEGORIES)[number];

export const SCHEDULE_CATEGORIES = ["work", "break", "lunch", "meeting", "training", "off"] as const;
export type ScheduleCategory = (typeof SCHEDULE_CATEGORIES)[number];

export type StateLayer = "presence" | "session" | "pause" | "work";

export interface AgentStateSpan {
  /** Normalized agent id (aliases applied); matched to schedules case-insensitively. */
  agent: string;
  layer: StateLayer;
  category: StateCategory;
  /** Pause reason (or the source's state name for paused states); "" when none. */
  reason: string;
  startMs: number;
  /** null: still open at the end of the data; the timeline closes it at the data end and counts it. */
  endMs: number | null;
  /**
   * Share (0..1) of an `available` span spent handling work, for exports that give
   * durations but not times (Salesforce "At Capacity Duration"): that share counts
   * as talking and the rest as available, pro rata over the span's minutes.
   */
  busyShare?: number;
  file: string;
  line: number;
  /** Input rows this span uses (0 when the rows are already counted, e.g. by a contact). */
  rowCount: number;
}

/**
 * The talking span of a contact answered by `agent` at `answeredMs` and ended at
 * `endedMs`: on the work layer from the answer to the end, its rows the
 * contact's (rowCount 0). Asterisk queue_log gives one per answered contact,
 * right after it; reading in batches folds it into the contact (ingest/batching.ts).
 */
export function talkSpan(agent: string, answeredMs: number, endedMs: number, file: string, line: number): AgentStateSpan {
  return { agent, layer: "work", category: "talking", reason: "", startMs: answeredMs, endMs: Math.max(endedMs, answeredMs), file, line, rowCount: 0 };
}

export interface ScheduleSpan {
  agent: string;
  /** The activity as written in the roster (`Shift`, `Lunch`, `Vacation`). */
  activity: string;
  category: ScheduleCategory;
  startMs: number;
  endMs: number;
  file: string;
  line: number;
  rowCount: number;
}

const SCHEDULE_WORDS: readonly [RegExp, ScheduleCategory][] = [
  [/lunch|meal/i, "lunch"],
  [/break|rest|coffee/i, "break"],
  [/meeting|huddle|1:1|one.to.one/i, "meeting"],
  [/training|coaching|course|nesting/i, "training"],
  [/vacation|holiday|leave|sick|absence|absent|off|pto|annual/i, "off"],
];

/**
 * An activity or pause-reason word -> schedule category, by keyword; config
 * (`agents.activities`) decides first. Unknown activities of a roster are work;
 * unknown pause reasons are `null` (a pause that matches no activity: never adherent).
 */
export function categoryOfWord(word: string, map: ReadonlyMap<string, ScheduleCategory> | null): ScheduleCategory | null {
  const hit = lookupName(map, word);
  if (hit !== undefined) return hit;
  for (const [re, cat] of SCHEDULE_WORDS) if (re.test(word)) return cat;
  return null;
}

/** What an agent state counts as against a schedule: handling and idle are work, logged out is off. */
export function scheduleCategoryOfState(category: StateCategory, reason: string, map: ReadonlyMap<string, ScheduleCategory> | null): ScheduleCategory | null {
  switch (category) {
    case "logged_out": return "off";
    case "paused": return categoryOfWord(reason, map);
    default: return "work";
  }
}
