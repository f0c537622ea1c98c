/**
 * A contact read in place from a packed batch (ingest/contact-batch.ts): the
 * numbers and names are copied in, the three per-contact strings (contact id,
 * call id, caller) are made only when something reads them.
 *
 * The builder commits every contact through a view and reads none of the three:
 * it finds calls and duplicates by hashes and bytes the batch carries, and FCR
 * by the caller's number. So a month of contacts crosses from the reading thread
 * without a string per id (3M strings on 1M contacts, each kept a day of data
 * time and copied by every young-generation collection meanwhile).
 *
 * One view is reused for row after row (`point`): it is valid until then, and
 * nothing may keep it. Its strings are getters, as StintContact's id is: JSON
 * has them (`toJSON`), a spread does not.
 */
import type { Contact, Outcome } from "./contact.js";

/** Where a view reads its strings: row `n` of packed contacts. */
export interface RowStrings {
  contactId(n: number): string;
  callId(n: number): string;
  customer(n: number): string;
}

export class ContactView implements Contact {
  #rows: RowStrings | null = null;
  #n = 0;
  queue = "";
  agent = "";
  arrivedMs = 0;
  answeredMs: number | null = null;
  endedMs: number | null = null;
  outcome: Outcome = "abandoned";
  waitSeconds = 0;
  talkSeconds = 0;
  holdSeconds = 0;
  acwSeconds = 0;
  transferred = false;
  disposition = "";
  rating: number | null = null;
  resolved: boolean | null = null;
  dims: Record<string, string> | null = null;
  file = "";
  line = 0;
  rowCount = 1;

  /** Read the strings from row `n` of `rows` from now on (the caller writes the other fields). */
  point(rows: RowStrings, n: number): void {
    this.#rows = rows;
    this.#n = n;
  }

  get contactId(): string {
    return this.#rows!.contactId(this.#n);
  }

  get callId(): string {
    return this.#rows!.callId(this.#n);
  }

  get customer(): string {
    return this.#rows!.customer(this.#n);
  }

  /** As JSON, with the strings (getters are not own properties). */
  toJSON(): Contact {
    return Object.assign({ contactId: this.contactId, callId: this.callId, customer: this.customer }, this);
  }
}

/** A view of a contact with IVR seconds (a contact without them has no such property). */
export class ContactViewIvr extends ContactView {
  ivrSeconds = 0;
}
