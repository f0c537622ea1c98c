/**
 * Contacts packed for the worker-to-main trip come back field for field:
 * nulls, NaN waits, an absent ivrSeconds, dims, names past the dictionary's cap,
 * queue_log's StintContacts (their id made when read).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ContactPacker, ContactUnpacker } from "../../src/ingest/contact-batch.js";
import { customerNumber, OUTCOMES, StintContact, type Contact } from "../../src/model/contact.js";
import { hashString } from "../../src/engine/id-table.js";

const num = fc.oneof(fc.double({ noDefaultInfinity: true }), fc.constant(Number.NaN), fc.integer());
const contact: fc.Arbitrary<Contact> = fc
  .record({
    contactId: fc.string(), callId: fc.string(), queue: fc.string({ maxLength: 3 }), agent: fc.string({ maxLength: 3 }), customer: fc.oneof(fc.string(), fc.stringMatching(/^\+?[0-9 -]{0,20}$/)),
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
