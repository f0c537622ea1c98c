/**
 * StintTable (the queue_log source's stints by callid and queue) against a model
 * of two Maps: open stints by key, and closed ends by key, where `forget(t)`
 * drops every end more than CLOSED_MEMORY_MS before t. Random interleavings over
 * a few callids and queues, with ends that go back in time now and then (the late
 * list) and keys closed, reopened and closed again (stale order entries).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLOSED_MEMORY_MS, StintTable, type Stint } from "../../src/sources/queue-log-stints.js";

const HOUR = 3_600_000;

function stint(callId: string, queue: string, line: number): Stint {
  return { callId, queue, customer: "", enterMs: 0, entered: true, connectMs: null, waitSeconds: null, agent: "", rows: 1, line };
}

// Short callids; callids of 24 characters (the most an entry keeps as its own bytes) and 25 (a string
// then) that differ only in their last character; Latin-1 (bytes) and wider characters (a string).
const CIDS = ["1.1", "1.2", "1.3", "2.10", "3", "1772460012440.24-abcdefg", "1772460012440.24-abcdefh",
  "1772460012440.24-abcdefgh", "1772460012440.24-abcdefgi", "caf\u00e9.1", "caf\u00e9.2", "\u901a\u8bdd.1", "\u901a\u8bdd.2"];

describe("StintTable", () => {
  it("answers like two Maps under random open / close / forget", () => {
    const cid = fc.constantFrom(...CIDS);
    const queue = fc.constantFrom("sales", "support");
    const op = fc.oneof(
      fc.tuple(fc.constant("open" as const), cid, queue, fc.nat(20)),
      fc.tuple(fc.constant("unopen" as const), cid, queue, fc.constant(0)),
      fc.tuple(fc.constant("close" as const), cid, queue, fc.integer({ min: -3, max: 20 })),
      fc.tuple(fc.constant("ask" as const), cid, queue, fc.constant(0)),
      fc.tuple(fc.constant("forget" as const), cid, queue, fc.nat(3)),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const t = new StintTable();
        const open = new Map<string, Stint>();
        const ends = new Map<string, number>();
        let clockMs = 0; // data time, hours at a time
        ops.forEach(([kind, c, q, n], line) => {
          // Fresh strings, as each queue_log line gives: the table must compare by content.
          const cs = [...c].join("");
          const k = `${c}|${q}`;
          if (kind === "open") {
            const s = stint(cs, q, line);
            t.find(cs, q);
            t.setOpen(s);
            open.set(k, s);
          } else if (kind === "unopen") {
            t.removeOpen(cs, q);
            open.delete(k);
          } else if (kind === "close") {
            // Mostly forward in time; a negative step is an end that goes back (the late list).
            clockMs += n * HOUR;
            // Half through the stint open there (its own key), half through the key found.
            const s = open.get(k);
            if (s !== undefined && n % 2 === 0) t.closeStint(s, clockMs);
            else {
              t.find(cs, q);
              t.close(clockMs);
            }
            open.delete(k);
            ends.set(k, clockMs);
          } else if (kind === "forget") {
            const at = clockMs + n * 2 * HOUR;
            t.forget(at);
            for (const [key, e] of ends) if (at - e > CLOSED_MEMORY_MS) ends.delete(key);
          }
          // Looked up as strings or as ranges of a line's text, alike.
          if (line % 2 === 0) t.find(cs, q);
          else {
            const text = `${line}|${c}|${q}|x`;
            const at = text.indexOf("|") + 1;
            t.findAt(text, at, at + c.length, text, at + c.length + 1, at + c.length + 1 + q.length);
          }
          expect(t.open()).toBe(open.get(k));
          expect(t.closedEnd()).toBe(ends.get(k) ?? NaN);
          expect(t.hasClosed()).toBe(ends.has(k));
        });
        for (const c of CIDS) {
          for (const q of ["sales", "support"]) {
            t.find(c, q);
            expect(t.open()).toBe(open.get(`${c}|${q}`));
            expect(t.closedEnd()).toBe(ends.get(`${c}|${q}`) ?? NaN);
          }
        }
        const lines = (ss: Iterable<Stint>): number[] => [...ss].map((s) => s.line).sort((a, b) => a - b);
        expect(lines(t.openStints())).toEqual(lines(open.values()));
      }),
      { numRuns: 300 },
    );
  });

  it("keys whose hashes collide stay apart; queue names come back as one string per queue", () => {
    const t = new StintTable();
    // These two callids have the same hash as keys of queue sales.
    const text = "1772460012440.24|sales|1772460013187.92|sales";
    t.findAt(text, 0, 16, text, 17, 22);
    t.setOpen(stint("1772460012440.24", "sales", 1));
    t.findAt(text, 23, 39, text, 40, 45);
    expect(t.open()).toBeUndefined();
    const q1 = t.queueName();
    t.close(5);
    t.find("1772460012440.24", "sales");
    expect(t.open()?.line).toBe(1);
    expect(t.hasClosed()).toBe(false);
    expect(t.queueName()).toBe("sales");
    t.find("1772460013187.92", "sales");
    expect(t.closedEnd()).toBe(5);
    expect(t.queueName()).toBe(q1);
    // Queue names whose hashes collide (hashString("c1062789") === hashString("c1279192")) keep their own text.
    t.find("a", "c1062789");
    expect(t.queueName()).toBe("c1062789");
    t.find("a", "c1279192");
    expect(t.queueName()).toBe("c1279192");
  });

  it("forgets a closed end after CLOSED_MEMORY_MS of data time, not before, and keeps a reopened stint", () => {
    const t = new StintTable();
    const at = (): StintTable => (t.find("7.1", "sales"), t);
    at().setOpen(stint("7.1", "sales", 1));
    at().close(10 * HOUR);
    at().setOpen(stint("7.1", "sales", 5)); // re-entry later: open and closed at once
    t.forget(10 * HOUR + CLOSED_MEMORY_MS); // exactly the memory: still remembered
    expect(at().closedEnd()).toBe(10 * HOUR);
    t.forget(10 * HOUR + CLOSED_MEMORY_MS + 1);
    expect(at().hasClosed()).toBe(false);
    expect(at().open()?.line).toBe(5);
    const reopened = at().open()!;
    t.find("8.2", "sales"); // another key found in between: closeStint finds its stint's own
    t.closeStint(reopened, 20 * HOUR);
    expect(t.openStints()).toEqual([]);
    expect(at().closedEnd()).toBe(20 * HOUR);
    t.forget(24 * HOUR);
    expect(at().closedEnd()).toBe(20 * HOUR);
    t.forget(20 * HOUR + CLOSED_MEMORY_MS + 1);
    expect(at().closedEnd()).toBeNaN();
  });
});
