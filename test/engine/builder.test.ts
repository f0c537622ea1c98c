import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IntervalBuilder } from "../../src/engine/builder.js";
import { facts } from "../../src/engine/facts.js";
import type { Contact } from "../../src/model/contact.js";
import { hashString } from "../../src/engine/id-table.js";
import { ContactPacker, ContactUnpacker } from "../../src/ingest/contact-batch.js";
import { TimeZone } from "../../src/model/time.js";
import { bucketFor } from "../../src/commands/pipeline.js";
import { contact, shift, state, T0, table } from "../metrics/harness.js";

const F = [facts.offered, facts.answered, facts.answeredWithin(20), facts.waitAnswered, facts.talk, facts.handled, facts.waitMax];

function builder(o: Partial<ConstructorParameters<typeof IntervalBuilder>[0]> = {}): IntervalBuilder {
  return new IntervalBuilder({
    zone: TimeZone.of("UTC"), intervalMinutes: 30, attribution: "arrival", fromMs: null, toMs: null,
    facts: F, keepQueue: true, keepAgent: false, dims: [], ...o,
  });
}

function get(b: IntervalBuilder, level: "contact" | "call", startMs: number, queue: string, key: string): number {
  const s = b.store;
  const i = s.keyList().findIndex((k) => k.level === level && k.startMs === startMs && k.queue === queue);
  return i < 0 ? 0 : s.valuesOf(i)[s.factIndex(key)]!;
}

const MIN = 60_000;

/** Every record's values, in record order. */
function allValues(s: IntervalBuilder["store"]): number[][] {
  return Array.from({ length: s.size }, (_, r) => [...s.valuesOf(r)]);
}

describe("IntervalBuilder", () => {
  it("buckets by arrival into half-open intervals", () => {
    const b = builder();
    b.add(contact({ at: 0 })); // 09:00:00 -> [09:00, 09:30)
    b.add(contact({ at: 29 * 60 + 59 })); // 09:29:59 -> same
    b.add(contact({ at: 30 * 60 })); // 09:30:00 -> next
    b.finish();
    expect(get(b, "contact", T0, "q1", "offered")).toBe(2);
    expect(get(b, "contact", T0 + 30 * MIN, "q1", "offered")).toBe(1);
  });

  it("dedupes by contact id and reports duplicates", () => {
    const b = builder();
    expect(b.add(contact({ contactId: "x" }))).toBe("used");
    expect(b.add(contact({ contactId: "x" }))).toBe("duplicate");
    b.finish();
    expect(get(b, "contact", T0, "q1", "offered")).toBe(1);
  });

  it("last export wins: a later row with the same id replaces the earlier contact", () => {
    // Export 1 (pulled early): x abandoned after 30 s. Export 2 (pulled later): x answered after 12 s, talk 200.
    const b = builder();
    b.add(contact({ contactId: "x", outcome: "abandoned", waitSeconds: 30 }));
    b.add(contact({ contactId: "y", at: 60 }));
    expect(b.add(contact({ contactId: "x", outcome: "answered", waitSeconds: 12, talkSeconds: 200 }))).toBe("duplicate");
    b.finish();
    expect(b.replacedContacts).toBe(1);
    expect(get(b, "contact", T0, "q1", "offered")).toBe(2);
    expect(get(b, "contact", T0, "q1", "answered")).toBe(2);
    // x's 200 s of talk (not the abandon) and y's default 60 s; calls see only the winner too.
    expect(get(b, "contact", T0, "q1", "talk_s")).toBe(260);
    expect(get(b, "call", T0, "q1", "answered_within_20s")).toBe(2);
  });

  it("a call's handle time counts its answered contacts only (an abandoned stint may carry recorded talk)", () => {
    const b = builder();
    b.add(contact({ contactId: "s1", callId: "k", outcome: "abandoned", waitSeconds: 5, talkSeconds: 100 }));
    b.add(contact({ contactId: "s2", callId: "k", at: 60, talkSeconds: 50 }));
    b.finish();
    expect(get(b, "call", T0, "q1", "talk_s")).toBe(50);
    expect(get(b, "contact", T0, "q1", "talk_s")).toBe(50);
  });

  it("a duplicate beyond the dedupe horizon (24 h of data time) is a new contact", () => {
    const b = builder();
    b.add(contact({ contactId: "x" }));
    b.add(contact({ contactId: "z", at: 25 * 3600 }));
    for (let i = 0; i < 5000; i++) b.add(contact({ at: 25 * 3600 + i })); // a sweep runs every 4096 contacts
    expect(b.add(contact({ contactId: "x" }))).toBe("used");
    b.finish();
    expect(b.replacedContacts).toBe(0);
  });

  it("applies --from/--to as a half-open range", () => {
    const b = builder({ fromMs: T0 + 10 * MIN, toMs: T0 + 20 * MIN });
    expect(b.add(contact({ at: 9 * 60 + 59 }))).toBe("out-of-range");
    expect(b.add(contact({ at: 10 * 60 }))).toBe("used");
    expect(b.add(contact({ at: 20 * 60 }))).toBe("out-of-range");
  });

  it("end attribution puts counts at leaving the queue and handle time where ACW ended", () => {
    // arrives 09:25, answered 09:29:50 (wait 290), talk 600 -> ends 09:39:50, ACW 30 -> 09:40:20
    const b = builder({ attribution: "end" });
    b.add(contact({ at: 25 * 60, waitSeconds: 290, talkSeconds: 600, acwSeconds: 30 }));
    b.finish();
    expect(get(b, "contact", T0, "q1", "offered")).toBe(1);
    expect(get(b, "contact", T0, "q1", "handled")).toBe(0);
    expect(get(b, "contact", T0 + 30 * MIN, "q1", "handled")).toBe(1);
    expect(get(b, "contact", T0 + 30 * MIN, "q1", "talk_s")).toBe(600);
  });

  it("groups a call's contacts: outcome of the last contact, waits summed, first arrival's interval", () => {
    const b = builder();
    b.add(contact({ callId: "k", queue: "a", at: 25 * 60, waitSeconds: 8, talkSeconds: 60 }));
    b.add(contact({ callId: "k", queue: "b", at: 31 * 60, waitSeconds: 15, talkSeconds: 120 }));
    b.finish();
    expect(get(b, "contact", T0, "a", "offered")).toBe(1);
    expect(get(b, "contact", T0 + 30 * MIN, "b", "offered")).toBe(1);
    // one call, in the 09:00 interval (first arrival), keyed by the last queue
    expect(get(b, "call", T0, "b", "offered")).toBe(1);
    expect(get(b, "call", T0, "b", "wait_answered_s")).toBe(23);
    expect(get(b, "call", T0, "b", "answered_within_20s")).toBe(0);
    expect(get(b, "call", T0, "b", "talk_s")).toBe(180);
  });

  it("keeps the max of max facts", () => {
    const b = builder();
    b.add(contact({ waitSeconds: 30 }));
    b.add(contact({ waitSeconds: 90, outcome: "abandoned" }));
    b.add(contact({ waitSeconds: 45 }));
    b.finish();
    expect(get(b, "contact", T0, "q1", "wait_max_s")).toBe(90);
  });

  it("the data end is the latest timestamp read (arrival, answer, end), not an end of ACW worked out from its duration", () => {
    const b = builder();
    b.add(contact({ at: 0, waitSeconds: 10, talkSeconds: 100, acwSeconds: 20 }));
    b.add(contact({ at: 5, waitSeconds: 3, outcome: "abandoned" }));
    b.finish();
    expect(b.dataEndMs).toBe(T0 + 110_000);
  });

  it("FCR censors a contact whose window passes the latest timestamp read, even when after-call work ends later", () => {
    const W = 3_600_000;
    const fcrFacts = [facts.fcr(1, false, "eligible"), facts.fcr(1, false, "resolved"), facts.fcr(1, false, "censored")];
    const b = builder({ facts: [...F, ...fcrFacts] });
    // A answered, ends at T0 + 70 s: its 1-h window ends at T0 + 1 h + 70 s. The last contact read ends at
    // T0 + 1 h + 60 s (before that), but its 30 s of ACW run to T0 + 1 h + 90 s (after it).
    b.add(contact({ contactId: "A", at: 0, waitSeconds: 10, talkSeconds: 60, customer: "5550100" }));
    b.add(contact({ contactId: "B", arrivedMs: T0 + W, waitSeconds: 10, talkSeconds: 50, acwSeconds: 30, customer: "5550199" }));
    b.finish();
    expect(b.dataEndMs).toBe(T0 + W + 60_000);
    expect(get(b, "contact", T0, "q1", "fcr_censored_1h")).toBe(1);
    expect(get(b, "contact", T0, "q1", "fcr_eligible_1h")).toBe(0);
  });

  it("DST: contacts on 2026-11-01 in New York fall into 50 distinct half-hours", () => {
    const zone = TimeZone.of("America/New_York");
    const b = builder({ zone });
    const dayStart = Date.UTC(2026, 10, 1, 4); // local midnight (EDT, -04:00)
    const dayEnd = Date.UTC(2026, 10, 2, 5); // next local midnight (EST, -05:00): 25 hours later
    for (let t = dayStart; t < dayEnd; t += 10 * MIN) b.add(contact({ arrivedMs: t }));
    b.finish();
    const starts = new Set(b.store.keyList().filter((k) => k.level === "contact").map((k) => k.startMs));
    expect(starts.size).toBe(50);
    const days = new Set([...starts].map((s) => zone.localDate(s)));
    expect([...days]).toEqual(["2026-11-01"]);
  });

  it("property: interval records sum to the direct count per day, whatever the interval size", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ minute: fc.integer({ min: 0, max: 3 * 24 * 60 - 1 }), wait: fc.integer({ min: 0, max: 60 }), answered: fc.boolean() }), { maxLength: 60 }),
        fc.constantFrom(5, 15, 30, 60),
        (rows, minutes) => {
          const b = builder({ intervalMinutes: minutes });
          const cs = rows.map((r) => contact({ at: r.minute * 60, waitSeconds: r.wait, outcome: r.answered ? "answered" : "abandoned" }));
          for (const c of cs) b.add(c);
          b.finish();
          const byDay = new Map<string, number>();
          const direct = new Map<string, number>();
          b.store.keyList().forEach((k, i) => {
            if (k.level !== "contact") return;
            const d = new Date(k.startMs).toISOString().slice(0, 10);
            byDay.set(d, (byDay.get(d) ?? 0) + b.store.valuesOf(i)[b.store.factIndex("answered_within_20s")]!);
          });
          for (const c of cs) {
            const d = new Date(c.arrivedMs).toISOString().slice(0, 10);
            direct.set(d, (direct.get(d) ?? 0) + (c.outcome === "answered" && c.waitSeconds <= 20 ? 1 : 0));
          }
          for (const [d, n] of direct) expect(byDay.get(d) ?? 0).toBe(n);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("IntervalBuilder state stays bounded (horizons of data time)", () => {
  it("closes calls whose last activity is more than the call horizon behind, keeping totals exact", () => {
    const b = builder();
    const HOUR = 3_600_000;
    // 10,000 single-contact calls, one every 10 minutes over ~69 days; plus one transfer pair.
    for (let i = 0; i < 10_000; i++) b.add(contact({ arrivedMs: T0 + i * 10 * MIN, callId: `k${i}` }));
    b.add(contact({ arrivedMs: T0 + 100_000 * MIN, callId: "t", queue: "a" }));
    b.add(contact({ arrivedMs: T0 + 100_000 * MIN + 2 * MIN, callId: "t", queue: "b" }));
    const calls = (b as unknown as { callIds: { size: number } }).callIds;
    expect(calls.size).toBeLessThan(4096 + 40); // swept every 4096 contacts: the last ~6 h of calls (36) stay open
    b.finish();
    let callOffered = 0;
    b.store.keyList().forEach((k, i) => { if (k.level === "call") callOffered += b.store.valuesOf(i)[b.store.factIndex("offered")]!; });
    expect(callOffered).toBe(10_001);
    expect(b.lateContacts).toBe(0);
    expect(HOUR).toBeGreaterThan(0);
  });

  it("the waiting contacts' ring grows after it has wrapped around, and their ids still find them", () => {
    const b = builder();
    const sum = (key: string): number => b.store.keyList().reduce((n, k, i) => n + (k.level === "contact" ? b.store.valuesOf(i)[b.store.factIndex(key)]! : 0), 0);
    // 5,000 contacts a minute apart: the sweep after the 4,096th commits all but the last 24 h (1,440), so the
    // ring's start moves on; then a burst of 5,000 in 42 min wraps around its end and makes it grow.
    for (let i = 0; i < 5000; i++) b.add(contact({ contactId: `p${i}`, arrivedMs: T0 + i * MIN, outcome: "abandoned", waitSeconds: 5 }));
    for (let j = 0; j < 5000; j++) b.add(contact({ contactId: `q${j}`, arrivedMs: T0 + 5000 * MIN + j * 500, outcome: "abandoned", waitSeconds: 5 }));
    // Later rows of every fifth burst contact and of the last ten before it: each replaces its own waiting contact.
    for (let j = 0; j < 5000; j += 5) expect(b.add(contact({ contactId: `q${j}`, arrivedMs: T0 + 5000 * MIN + j * 500, outcome: "answered", waitSeconds: 5 }))).toBe("duplicate");
    for (let i = 4990; i < 5000; i++) expect(b.add(contact({ contactId: `p${i}`, arrivedMs: T0 + i * MIN, outcome: "answered", waitSeconds: 5 }))).toBe("duplicate");
    b.finish();
    expect(b.replacedContacts).toBe(1010);
    expect(sum("offered")).toBe(10_000);
    expect(sum("answered")).toBe(1010);
  });

  it("at the end, the last day's waiting contacts close their calls as they are committed, not all at once", () => {
    const b = builder();
    // 20,000 single-contact calls 10 s apart (about 55 h): the last 24 h (8,640) still wait for duplicates at the
    // end. Committed in steps of 4,096 with a sweep after each, 6,674 calls are open at the most; committed in one
    // go, 14,607 were (every call since the last sweep while reading, and all 8,640).
    for (let i = 0; i < 20_000; i++) b.add(contact({ contactId: `c${i}`, callId: `k${i}`, arrivedMs: T0 + i * 10_000 }));
    const internals = b as unknown as { callIds: { size: number }; closeSlot: (k: number) => void };
    const close = internals.closeSlot.bind(b);
    let mostOpen = 0;
    internals.closeSlot = (k) => {
      mostOpen = Math.max(mostOpen, internals.callIds.size);
      close(k);
    };
    b.finish();
    expect(mostOpen).toBeGreaterThan(2000);
    expect(mostOpen).toBeLessThan(7000);
    expect(get(b, "call", T0, "q1", "offered") + get(b, "call", T0 + 30 * MIN, "q1", "offered")).toBe(360);
    let callOffered = 0;
    b.store.keyList().forEach((k, i) => { if (k.level === "call") callOffered += b.store.valuesOf(i)[b.store.factIndex("offered")]!; });
    expect(callOffered).toBe(20_000);
  });

  it("at the end, a call that a contact still waiting belongs to stays open for it (input out of time order)", () => {
    const b = builder({ facts: [...F, facts.fcr(1, false, "eligible"), facts.fcr(1, false, "resolved")] });
    // Call X's first contact, then 9,000 other calls over 20 h, then X's second contact (read last, arrived
    // 2 min after the first): all of it still waits at the end. The sweeps while finishing would close X
    // (its last activity is hours behind) before its second contact is committed.
    b.add(contact({ contactId: "x1", callId: "X", arrivedMs: T0, customer: "5550100" }));
    for (let i = 0; i < 9000; i++) b.add(contact({ contactId: `c${i}`, callId: `k${i}`, arrivedMs: T0 + 60_000 + i * 8_000, customer: `555${1000 + i}` }));
    b.add(contact({ contactId: "x2", callId: "X", arrivedMs: T0 + 2 * MIN, queue: "q2", customer: "5550100" }));
    b.finish();
    let calls = 0;
    let contacts = 0;
    b.store.keyList().forEach((k, i) => {
      const offered = b.store.valuesOf(i)[b.store.factIndex("offered")]!;
      if (k.level === "call") calls += offered;
      else contacts += offered;
    });
    expect(contacts).toBe(9002);
    expect(calls).toBe(9001);
    // One call: at the call level X's second contact is not a repeat of the first; at the contact level it is.
    expect(get(b, "call", T0, "q2", "fcr_eligible_1h")).toBe(1);
    expect(get(b, "call", T0, "q2", "fcr_resolved_1h")).toBe(1);
    // x1 and the 218 other calls arriving in the first half hour (1 min + 8 s steps): all but x1 resolved.
    expect(get(b, "contact", T0, "q1", "fcr_eligible_1h")).toBe(219);
    expect(get(b, "contact", T0, "q1", "fcr_resolved_1h")).toBe(218);
  });

  it("counts contacts that come later than the horizon allows", () => {
    const b = builder();
    b.add(contact({ arrivedMs: T0 + 24 * 3_600_000 }));
    b.add(contact({ arrivedMs: T0 }));
    expect(b.lateContacts).toBe(1);
  });
});

describe("interval records read back", () => {
  it("notes records longer than the report's interval (they cannot be split)", () => {
    const b = builder({ intervalMinutes: 30 });
    b.addRecord({ level: "contact", startMs: T0, minutes: 60, queue: "q", agent: "", dims: {}, facts: { offered: 3 } });
    expect(b.coarseRecords).toBe(60);
    const ok = builder({ intervalMinutes: 60 });
    ok.addRecord({ level: "contact", startMs: T0, minutes: 30, queue: "q", agent: "", dims: {}, facts: { offered: 3 } });
    expect(ok.coarseRecords).toBe(0);
  });
});

describe("record buckets: days or one period give the same rows as intervals", () => {
  // A week across the New York spring-forward day (2026-03-08), every 37 minutes a contact of
  // each outcome mix, agents with state spans and a schedule crossing midnight.
  const base = Date.UTC(2026, 2, 5, 5); // 2026-03-05 00:00 EST
  const contacts = Array.from({ length: 400 }, (_, i) =>
    contact({
      arrivedMs: base + i * 37 * 60_000,
      outcome: i % 7 === 0 ? "abandoned" : "answered",
      waitSeconds: (i * 13) % 90,
      talkSeconds: 60 + ((i * 31) % 600),
      queue: i % 3 ? "q1" : "q2",
      agent: i % 7 === 0 ? "" : `a${i % 4}`,
      customer: `+1555000${i % 50}`,
    }),
  );
  const states = [0, 1, 2, 3].flatMap((a) =>
    Array.from({ length: 6 }, (_, d) => state(`a${a}`, d % 2 ? "available" : "talking", d * 24 * 60 + 20 * 60 + a * 30, d * 24 * 60 + 28 * 60, { base })),
  );
  const schedule = [0, 1, 2, 3].flatMap((a) => Array.from({ length: 6 }, (_, d) => shift(`a${a}`, "work", d * 24 * 60 + 21 * 60, d * 24 * 60 + 29 * 60, { base })));
  const ids = ["offered", "service-level", "aht", "fcr", "logged-in", "occupancy", "adherence", "conformance", "contacts-per-shift"];

  it.each([["day"], ["week"], ["month"], ["period"], ["agent"], ["day", "queue"], ["week", "agent"]])("--by %s", (...by) => {
    const o = { by, zone: "America/New_York", states, schedule };
    const fine = table(ids, contacts, { ...o, bucket: "interval" });
    const coarse = table(ids, contacts, { ...o, bucket: bucketFor(by) });
    expect(bucketFor(by)).not.toBe("interval");
    expect(coarse.rows.length).toBeGreaterThan(0);
    expect(coarse).toEqual(fine);
  });
});

describe("packed contacts (a reading worker's batches) give the same records as contact objects", () => {
  // Contacts of a few days: duplicates (last export wins), calls of several contacts, contacts
  // with and without ivrSeconds, customers for FCR, some out of --from/--to; each fed either as
  // an object (`add`) or as a row of a packed batch (`addPacked`), mixed in one run.
  const HOUR = 3_600_000;
  const facts2 = [...F, facts.handleHist("handle"), facts.fcr(24, false, "eligible"), facts.fcr(24, false, "resolved"), facts.fcr(24, true, "resolved"), facts.fcr(24, false, "censored")];
  // Besides x0..x40 and k0..k30: ids whose hashString is another's ("c1062789" and "c1279192",
  // "c1062788" and "c1279193"), and ids that are not ASCII (packed as UTF-16, a lone surrogate too).
  const ids = [...Array.from({ length: 41 }, (_, i) => `x${i}`), "c1062789", "c1279192", "é1", "\ud800x"];
  const calls = [...Array.from({ length: 31 }, (_, i) => `k${i}`), "c1062788", "c1279193", "é1", "\ud800x"];
  it("the colliding ids collide", () => {
    expect(hashString("c1062789")).toBe(hashString("c1279192"));
    expect(hashString("c1062788")).toBe(hashString("c1279193"));
  });

  it.each([["objects"], ["packed"], ["mixed"]])("ids with the same hash stay apart, equal ids meet (%s)", (how) => {
    const b = builder();
    const packer = new ContactPacker();
    const unpacker = new ContactUnpacker();
    const feed = (c: Contact, i: number) => {
      if (how === "objects" || (how === "mixed" && i % 2 === 0)) return b.add(c);
      packer.add(c);
      return b.addPacked(unpacker.begin(packer.take()), 0);
    };
    // Two contacts whose ids collide, on two calls whose ids collide: two contacts, two calls.
    // Then a row with the first id again (a duplicate) and a contact on the first call (its second contact).
    const got = [
      contact({ contactId: "c1062789", callId: "c1062788", at: 0, waitSeconds: 5 }),
      contact({ contactId: "c1279192", callId: "c1279193", at: 60, waitSeconds: 7 }),
      contact({ contactId: "c1062789", callId: "c1062788", at: 0, waitSeconds: 9 }),
      contact({ contactId: "é1", callId: "c1062788", at: 120, queue: "q2", waitSeconds: 11 }),
    ].map(feed);
    b.finish();
    expect(got).toEqual(["used", "used", "duplicate", "used"]);
    expect(b.replacedContacts).toBe(1);
    expect(get(b, "contact", T0, "q1", "offered")).toBe(2);
    expect(get(b, "contact", T0, "q1", "wait_answered_s")).toBe(16); // the duplicate's 9 s replaced 5 s
    // The call level: c1279193 in q1; c1062788, of two contacts, in q2 (where it ended).
    expect(get(b, "call", T0, "q1", "offered")).toBe(1);
    expect(get(b, "call", T0, "q2", "offered")).toBe(1);
    let calls = 0;
    b.store.keyList().forEach((k, i) => { if (k.level === "call") calls += b.store.valuesOf(i)[b.store.factIndex("offered")]!; });
    expect(calls).toBe(2);
  });
  const row = fc.record({
    gapMin: fc.integer({ min: 0, max: 240 }),
    id: fc.integer({ min: 0, max: ids.length - 1 }),
    call: fc.integer({ min: 0, max: calls.length - 1 }),
    outcome: fc.constantFrom("answered", "answered", "abandoned", "timeout"),
    wait: fc.integer({ min: 0, max: 300 }),
    talk: fc.integer({ min: 0, max: 900 }),
    acw: fc.integer({ min: 0, max: 60 }),
    queue: fc.constantFrom("q1", "q2"),
    customer: fc.constantFrom("", "+15550001", "+15550002", "0555", "anonymous"),
    ivr: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
    packed: fc.boolean(),
  });
  /** The rows as contacts, each `gapMin` after the one before. */
  const contactsOf = (rows: { gapMin: number; id: number; call: number; outcome: string; wait: number; talk: number; acw: number; queue: string; customer: string; ivr: number | undefined }[]): Contact[] => {
    let t = T0;
    return rows.map((r) => {
      t += r.gapMin * MIN;
      const c = contact({
        arrivedMs: t, contactId: ids[r.id]!, callId: calls[r.call]!, outcome: r.outcome as "answered", waitSeconds: r.wait,
        talkSeconds: r.talk, acwSeconds: r.acw, queue: r.queue, customer: r.customer,
      });
      return r.ivr === undefined ? c : { ...c, ivrSeconds: r.ivr };
    });
  };
  it("property: mixed add/addPacked equals add only (records, histograms, answers, counts)", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 120 }), fc.constantFrom("arrival", "end"), fc.boolean(), (rows, attribution, ranged) => {
        const cs = contactsOf(rows);
        const o = { attribution: attribution as "arrival" | "end", facts: facts2, ...(ranged ? { fromMs: T0 + 6 * HOUR, toMs: T0 + 30 * HOUR } : {}) };
        const plain = builder(o);
        const answers = cs.map((c) => plain.add(c));
        plain.finish();

        const mixed = builder(o);
        const packer = new ContactPacker();
        const unpacker = new ContactUnpacker();
        const got = cs.map((c, i) => {
          if (!rows[i]!.packed) return mixed.add(c);
          packer.add(c);
          return mixed.addPacked(unpacker.begin(packer.take()), 0);
        });
        mixed.finish();
        expect(got).toEqual(answers);
        expect([mixed.replacedContacts, mixed.contactsRead, mixed.dataEndMs, mixed.dataStartMs]).toEqual([plain.replacedContacts, plain.contactsRead, plain.dataEndMs, plain.dataStartMs]);
        expect(mixed.store.keyList()).toEqual(plain.store.keyList());
        expect(allValues(mixed.store)).toEqual(allValues(plain.store));
        expect(mixed.store.hists).toEqual(plain.store.hists);
      }),
      { numRuns: 300 },
    );
  });

  it("property: a call of one contact closed from what its commit kept equals one closed by reading it again", () => {
    // One FCR variant across queues (the cached close applies), or none, or also one per queue (it does not).
    const factSets = [
      [...F, facts.handleHist("handle"), facts.waitHist("answered"), facts.fcr(24, false, "eligible"), facts.fcr(24, false, "resolved"), facts.fcr(24, false, "censored")],
      [...F, facts.handleHist("talk")],
      facts2,
    ];
    fc.assert(
      fc.property(fc.array(row, { maxLength: 120 }), fc.constantFrom("arrival", "end"), fc.boolean(), fc.constantFrom(0, 1, 2), (rows, attribution, ranged, set) => {
        const cs = contactsOf(rows);
        const o = { attribution: attribution as "arrival" | "end", facts: factSets[set]!, ...(ranged ? { fromMs: T0 + 6 * HOUR, toMs: T0 + 30 * HOUR } : {}) };
        const cached = builder(o);
        const reread = builder({ ...o, cacheSingleCalls: false });
        const packer = new ContactPacker();
        const unpacker = new ContactUnpacker();
        cs.forEach((c, i) => {
          reread.add(c);
          if (!rows[i]!.packed) return cached.add(c);
          packer.add(c);
          return cached.addPacked(unpacker.begin(packer.take()), 0);
        });
        cached.finish();
        reread.finish();
        // The same records, created in the same order, with the same sums and histograms.
        expect(cached.store.keyList()).toEqual(reread.store.keyList());
        expect(allValues(cached.store)).toEqual(allValues(reread.store));
        expect(cached.store.hists).toEqual(reread.store.hists);
      }),
      { numRuns: 300 },
    );
  });
});
