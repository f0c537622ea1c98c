/**
 * The canonical record: one contact = one visit of one customer to one queue
 * (a "stint", METRICS.md §1). Sources produce these; the engine turns them into
 * interval records. Times are UTC epoch milliseconds, durations seconds.
 *
 * Validation happens in the sources, field by field, with a reason and a line
 * for every refusal: no per-row zod parse (it would cost more than the whole
 * row's other work).
 */

import { lookupName } from "./names.js";

export const OUTCOMES = ["answered", "abandoned", "timeout", "exit_key", "exit_empty", "not_joined"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Outcomes that count as offered (METRICS.md §1): everything but not_joined. */
export function isOffered(o: Outcome): boolean {
  return o !== "not_joined";
}

export interface Contact {
  contactId: string;
  /** Contacts of one call (transfers, overflows) share it; totals across queues count a call once. */
  callId: string;
  queue: string;
  /** Normalized agent id; "" when no agent answered. */
  agent: string;
  /** Caller id as exported; the FCR key is derived from it. */
  customer: string;
  arrivedMs: number;
  answeredMs: number | null;
  /** When the contact left the queue unanswered, or talk ended; null while unknown. */
  endedMs: number | null;
  outcome: Outcome;
  waitSeconds: number;
  /** Talk, hold and ACW of an answered contact; for an unanswered one, what the export recorded (facts count handled contacts only). */
  talkSeconds: number;
  holdSeconds: number;
  acwSeconds: number;
  /** Seconds in the IVR before the queue, when the export has them (mapped `ivrSeconds`). */
  ivrSeconds?: number;
  transferred: boolean;
  disposition: string;
  /** CSAT score on the configured scale, or null when not rated. */
  rating: number | null;
  /** Resolved flag from a survey / CRM, or null when the source has none. */
  resolved: boolean | null;
  /** Extra columns kept as dimensions, by name. */
  dims: Record<string, string> | null;
  file: string;
  line: number;
  /** Input rows this contact was built from (1 for CSV; several for queue_log). */
  rowCount: number;
}

/** What every source knows about a contact; the rest defaults to "none" in `contactOf`. */
export type ContactCore = Pick<Contact, "contactId" | "callId" | "queue" | "agent" | "customer" | "arrivedMs" | "answeredMs" | "endedMs" | "outcome" | "waitSeconds" | "talkSeconds" | "file" | "line"> &
  Partial<Pick<Contact, "holdSeconds" | "acwSeconds" | "transferred" | "disposition" | "rating" | "resolved" | "dims" | "rowCount">>;

/**
 * A contact from what a source knows, for exports that carry no hold, ACW,
 * transfer flag or survey (CDRs): those default to 0 / false / null, one row.
 * Fields are set in one order, so every contact has the same shape.
 */
export function contactOf(p: ContactCore): Contact {
  return {
    contactId: p.contactId,
    callId: p.callId,
    queue: p.queue,
    agent: p.agent,
    customer: p.customer,
    arrivedMs: p.arrivedMs,
    answeredMs: p.answeredMs,
    endedMs: p.endedMs,
    outcome: p.outcome,
    waitSeconds: p.waitSeconds,
    talkSeconds: p.talkSeconds,
    holdSeconds: p.holdSeconds ?? 0,
    acwSeconds: p.acwSeconds ?? 0,
    transferred: p.transferred ?? false,
    disposition: p.disposition ?? "",
    rating: p.rating ?? null,
    resolved: p.resolved ?? null,
    dims: p.dims ?? null,
    file: p.file,
    line: p.line,
    rowCount: p.rowCount ?? 1,
  };
}

/** The id of a queue stint, `callid@queue@arrival ms`: how queue_log contacts are named. */
export function stintId(callId: string, queue: string, arrivedMs: number): string {
  return `${callId}@${queue}@${arrivedMs}`;
}

/**
 * A contact named by its stint (`stintId` of its own call id, queue and arrival),
 * the name made when read rather than when the contact is: nothing reads the id of
 * most queue_log contacts (the source drops duplicates itself, so the builder
 * does not look them up), and making and sending a million of them cost the
 * reading worker 0.5-1 s of a 7 s report. Packed (ingest/contact-batch.ts), such
 * a contact carries a flag instead of its id.
 */
export class StintContact implements Contact {
  constructor(p: Omit<Contact, "contactId" | "ivrSeconds">) {
    this.callId = p.callId;
    this.queue = p.queue;
    this.agent = p.agent;
    this.customer = p.customer;
    this.arrivedMs = p.arrivedMs;
    this.answeredMs = p.answeredMs;
    this.endedMs = p.endedMs;
    this.outcome = p.outcome;
    this.waitSeconds = p.waitSeconds;
    this.talkSeconds = p.talkSeconds;
    this.holdSeconds = p.holdSeconds;
    this.acwSeconds = p.acwSeconds;
    this.transferred = p.transferred;
    this.disposition = p.disposition;
    this.rating = p.rating;
    this.resolved = p.resolved;
    this.dims = p.dims;
    this.file = p.file;
    this.line = p.line;
    this.rowCount = p.rowCount;
  }

  get contactId(): string {
    return stintId(this.callId, this.queue, this.arrivedMs);
  }

  /** As JSON, with its id (a getter is not an own property). */
  toJSON(): Contact {
    return Object.assign({ contactId: this.contactId }, this);
  }
}
/** StintContact's fields: Contact's, declared once by the interface (the constructor sets them in contactOf's order). */
export interface StintContact extends Omit<Contact, "contactId" | "ivrSeconds"> {}

/** An empty contact of the shape every source builds (contactOf's field order), to be filled in place. */
export function blankContact(): Contact {
  return contactOf({ contactId: "", callId: "", queue: "", agent: "", customer: "", arrivedMs: 0, answeredMs: null, endedMs: null, outcome: "abandoned", waitSeconds: 0, talkSeconds: 0, file: "", line: 0 });
}

/** The FCR key: caller id with non-digits removed; blank, anonymous and all-zero ids have none. */
export function customerKey(customer: string): string | null {
  if (customer.length === 0) return null;
  // Most ids are already digits (or +digits): one scan decides, no new string per char.
  let nonDigit = 0;
  let nonZero = false;
  for (let i = 0; i < customer.length; i++) {
    const c = customer.charCodeAt(i);
    if (c < 48 || c > 57) nonDigit++;
    else if (c !== 48) nonZero = true;
  }
  if (!nonZero) return null; // blank, anonymous, unknown, restricted, all zeros
  if (nonDigit === 0) return customer;
  return customer.replace(/\D+/g, "");
}

/**
 * The FCR key as a number, when it can be one: NaN when there is no key (as
 * customerKey returns null), -1 when the digits do not fit a number one-to-one
 * (a leading zero, more than 15 digits: use customerKey), else the digits' value.
 * A number key costs no string and no string hash per contact.
 */
export function customerNumber(customer: string): number {
  let v = 0;
  let digits = 0;
  let nonZero = false;
  let leadingZero = false;
  for (let i = 0; i < customer.length; i++) {
    const d = customer.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    if (digits === 0 && d === 0) leadingZero = true;
    if (d !== 0) nonZero = true;
    v = v * 10 + d;
    digits++;
  }
  if (!nonZero) return NaN;
  return leadingZero || digits > 15 ? -1 : v;
}

/** Agent identity: `SIP/1001`, `PJSIP/1001`, `Local/1001@from-queue/n`, `Agent/1001` are all `1001`. */
export function normalizeAgent(raw: string, aliases: ReadonlyMap<string, string> | null): string {
  let a = raw.trim();
  if (a === "" || a === "NONE") return "";
  const slash = a.indexOf("/");
  if (slash > 0 && /^(SIP|PJSIP|IAX2|Local|Agent|DAHDI|SCCP|Skype|WebRTC)$/i.test(a.slice(0, slash))) {
    a = a.slice(slash + 1);
    const at = a.search(/[@/-]/);
    if (at > 0 && /^[A-Za-z0-9_.]+$/.test(a.slice(0, at))) a = a.slice(0, at);
  }
  if (aliases) {
    const hit = lookupName(aliases, a);
    if (hit !== undefined) return hit;
  }
  return a;
}
