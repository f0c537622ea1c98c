/**
 * Contacts packed for the worker-to-main trip come back field for field:
 * nulls, NaN waits, an absent ivrSeconds, dims, names past the dictionary's cap,
 * queue_log's StintContacts (their id made when read).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ContactPacker, ContactUnpacker } from "../../src/ingest/contact-batch.js";
import { blankContact, customerNumber, OUTCOMES, StintContact, type Contact } from "../../src/model/contact.js";
import { ContactView, ContactViewIvr } from "../../src/model/contact-view.js";
import { hashString } from "../../src/engine/id-table.js";

const num = fc.oneof(fc.double({ noDefaultInfinity: true }), fc.constant(Number.NaN), fc.integer());
const contact: fc.Arbitrary<Contact> = fc
  .record({
    contactId: fc.oneof(fc.string(), fc.string({ unit: "binary" })), callId: fc.oneof(fc.string(), fc.string({ unit: "binary" })), queue: fc.string({ maxLength: 3 }), agent: fc.string({ maxLength: 3 }), customer: fc.oneof(fc.string(), fc.stringMatching(/^\+?[0-9 -]{0,20}$/)),
    arrivedMs: fc.integer({ min: 0, max: 4e12 }), answeredMs: fc.option(fc.integer({ min: 0, max: 4e12 })), endedMs: fc.option(fc.integer({ min: 0, max: 4e12 })),
    outcome: fc.constantFrom(...OUTCOMES), waitSeconds: num, talkSeconds: num, holdSeconds: num, acwSeconds: num,
    ivrSeconds: fc.option(num, { nil: undefined }), transferred: fc.boolean(), disposition: fc.string({ maxLength: 2 }), rating: fc.option(num),
    resolved: fc.option(fc.boolean()), dims: fc.option(fc.dictionary(fc.string({ maxLength: 3 }), fc.string())), file: fc.constantFrom("a.csv", "b.csv"),
    line: fc.nat(), rowCount: fc.nat(5),
  })
  .map(({ ivrSeconds, ...rest }) => (ivrSeconds === undefined ? rest : { ...rest, ivrSeconds }));
/** Plain contacts, and StintContacts (queue_log's: the id made from call id, queue and arrival, not sent). */
const anyContact: fc.Arbitrary<Contact> = fc.oneof(contact, contact.map(({ contactId: _id, ivrSeconds: _ivr, ...rest }) => new StintContact(rest)));

describe("ContactPacker / ContactUnpacker / ContactBatch", () => {
  it("round-trips every field over several batches (the name dictionary carries over)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyContact, { maxLength: 40 }), { maxLength: 4 }), (batches) => {
        const p = new ContactPacker();
        const u = new ContactUnpacker();
        for (const cs of batches) {
          for (const c of cs) p.add(c);
          const b = u.begin(p.take());
          expect(b.count).toBe(cs.length);
          cs.forEach((c, i) => {
            const back = b.contact(i);
            expect(back).toStrictEqual(c); // a StintContact comes back as one
            expect(back.contactId).toBe(c.contactId);
            expect(JSON.parse(JSON.stringify(back)).contactId).toBe(c.contactId);
            expect("ivrSeconds" in back).toBe("ivrSeconds" in c);
            // The fields the dedupe stage reads without unpacking.
            expect([b.contactId(i), b.arrivedMs(i), b.answeredMs(i), b.endedMs(i), b.acwSeconds(i), b.rowCount(i)]).toStrictEqual([
              c.contactId, c.arrivedMs, c.answeredMs, c.endedMs, c.acwSeconds, c.rowCount,
            ]);
            // Worked out on the reading side for the builder's commit.
            expect(b.callHash(i)).toBe(hashString(c.callId));
            expect(b.customerNumber(i)).toBe(customerNumber(c.customer));
          });
        }
      }),
      { numRuns: 150 },
    );
  });

  it("views read the strings from the batch only when asked; JSON has them", () => {
    const p = new ContactPacker();
    const u = new ContactUnpacker();
    const c: Contact = { ...blankContact(), contactId: "id-ü", callId: "1700000000.7", customer: "+15550001", queue: "q", line: 4 };
    p.add(c);
    p.add({ ...c, contactId: "other", ivrSeconds: 12 });
    const b = u.begin(p.take());
    const v = new ContactView();
    b.fill(0, v);
    expect([v.contactId, v.callId, v.customer, v.queue, v.line]).toEqual(["id-ü", "1700000000.7", "+15550001", "q", 4]);
    expect(JSON.parse(JSON.stringify(v))).toStrictEqual(JSON.parse(JSON.stringify(c)));
    const w = new ContactViewIvr();
    b.fill(1, w);
    expect([w.contactId, w.ivrSeconds]).toEqual(["other", 12]);
  });

  it("property: packed ids are the same exactly when the strings are (bytes and the ASCII/UTF-16 flag compared)", () => {
    // "ab" as ASCII bytes and "\u6261" as UTF-16LE are the same two bytes: the flag tells them apart.
    const str = fc.oneof(fc.constantFrom("ab", "\u6261", "", "a", "\ud800"), fc.string({ maxLength: 4 }), fc.string({ unit: "binary", maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(str, str), { minLength: 1, maxLength: 6 }), fc.boolean(), (pairs, twoBatches) => {
        // Each pair's two strings in one batch (rows 2i and 2i + 1), or row i of two batches.
        const p = new ContactPacker();
        const u = new ContactUnpacker();
        const base = blankContact();
        const add = (s: string) => p.add({ ...base, contactId: s, callId: s });
        for (const [a, b] of pairs) {
          add(a);
          if (!twoBatches) add(b);
        }
        const first = u.begin(p.take());
        if (twoBatches) for (const [, b] of pairs) add(b);
        const second = twoBatches ? u.begin(p.take()) : first;
        pairs.forEach(([a, b], i) => {
          const [ra, rb] = twoBatches ? [i, i] : [2 * i, 2 * i + 1];
          expect(first.sameContactId(ra, second, rb)).toBe(a === b);
          expect(first.sameCallId(ra, second, rb)).toBe(a === b);
          expect([first.contactId(ra), second.callId(rb)]).toEqual([a, b]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("sends names inline once 65,536 are known (free-text dispositions do not grow it without bound)", () => {
    const p = new ContactPacker();
    const u = new ContactUnpacker();
    const base: Contact = {
      contactId: "c", callId: "c", queue: "q", agent: "", customer: "", arrivedMs: 0, answeredMs: null, endedMs: null, outcome: "abandoned",
      waitSeconds: 1, talkSeconds: 0, holdSeconds: 0, acwSeconds: 0, transferred: false, disposition: "", rating: null, resolved: null, dims: null, file: "f", line: 1, rowCount: 1,
    };
    for (let i = 0; i < 70_000; i++) p.add({ ...base, disposition: `note ${i}`, line: i });
    const packed = p.take();
    const b = u.begin(packed);
    expect(packed.newNames.length).toBe(1 << 16);
    expect(packed.extra.length).toBe(70_000 + 3 - (1 << 16)); // names: q, "", f and 70,000 notes
    expect(b.contact(69_999).disposition).toBe("note 69999");
    expect(b.contact(10).disposition).toBe("note 10");
  });
});
