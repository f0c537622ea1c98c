import { describe, expect, it } from "vitest";
import type { Contact } from "../../src/model/contact.js";
import { abandonedBy, answeredBy, contact, dataEndAt, HOUR, T0, value, valuesBy } from "./harness.js";

// Every answeredBy contact waits 10 s and talks 60 s, so a contact arriving at t ends at t + 70.
// Default window W = 72 h: a contact ending at 70 is repeated by an arrival in (70, 70 + W].
const W = 72 * HOUR;
const K = "5550101";
const END80H = 80 * HOUR; // a data end late enough to judge any contact ending before 8 h

function both(cs: Contact[], options?: Record<string, unknown>): [number | null, number | null] {
  const o = options ? { options } : {};
  return [value("fcr", cs, o), value("fcr-censored", cs, o)];
}

describe("fcr: resolved / eligible", () => {
  it.each<[string, () => Contact[], number | null, number]>([
    ["no repeat: resolved (1 / 1)", () => [answeredBy(K, 0), dataEndAt(END80H)], 1, 0],
    ["an abandoned repeat within the window counts (0 / 1)", () => [answeredBy(K, 0), abandonedBy(K, HOUR), dataEndAt(END80H)], 0, 0],
    // first repeated by the second; the second (ends 1 h + 70 s, window to 73 h + 70 s <= 80 h) is resolved
    ["an answered repeat: first not resolved, second resolved (1 / 2)", () => [answeredBy(K, 0), answeredBy(K, HOUR), dataEndAt(END80H)], 1 / 2, 0],
    ["a repeat at exactly end + W counts (window closed at end + W)", () => [answeredBy(K, 0), abandonedBy(K, 70 + W), dataEndAt(END80H)], 0, 0],
    ["a repeat 1 s after end + W does not count", () => [answeredBy(K, 0), abandonedBy(K, 71 + W), dataEndAt(END80H)], 1, 0],
    ["an arrival at exactly the end is not in (end, end + W]", () => [answeredBy(K, 0), abandonedBy(K, 70), dataEndAt(END80H)], 1, 0],
    ["an earlier contact of the customer is not a repeat", () => [abandonedBy(K, -HOUR), answeredBy(K, 0), dataEndAt(END80H)], 1, 0],
    ["a repeat read BEFORE the contact in input order still counts", () => [abandonedBy(K, HOUR), answeredBy(K, 0), dataEndAt(END80H)], 0, 0],
    ["another customer's contact is not a repeat", () => [answeredBy(K, 0), abandonedBy("5550102", HOUR), dataEndAt(END80H)], 1, 0],
    ["the key is the digits: '+1 (555) 010-1' and '1-555-0101' are one customer", () => [answeredBy("+1 (555) 010-1", 0), abandonedBy("1-555-0101", HOUR), dataEndAt(END80H)], 0, 0],
    ["an abandoned contact is not eligible", () => [abandonedBy(K, 0), dataEndAt(END80H)], null, 0],
    ["an answered contact without an end time is not eligible", () => [answeredBy(K, 0, { endedMs: null }), dataEndAt(END80H)], null, 0],
  ])("%s", (_n, cs, fcr, censored) => {
    expect(both(cs())).toEqual([fcr, censored]);
  });

  it.each(["", "anonymous", "Anonymous", "unknown", "restricted", "0000", "+00 000"])("customer %j has no key: not eligible (no value, not 0 or 1)", (customer) => {
    expect(both([answeredBy(customer, 0), answeredBy(customer, HOUR), dataEndAt(END80H)])).toEqual([null, 0]);
  });
});

describe("fcr censoring at the data end (latest timestamp read)", () => {
  it.each<[string, () => Contact[], number | null, number]>([
    ["a lone contact: its window passes the data end -> censored, fcr has no value", () => [answeredBy(K, 0)], null, 1],
    ["window end exactly at the data end is judged", () => [answeredBy(K, 0), dataEndAt(70 + W)], 1, 0],
    ["window end 1 s past the data end is censored", () => [answeredBy(K, 0), dataEndAt(69 + W)], null, 1],
    // K judged and repeated (0 / 1); K2 ends 10 h + 70 s, window to 82 h + 70 s > 80 h: censored, in neither side
    ["censored contacts are in neither side", () => [answeredBy(K, 0), abandonedBy(K, HOUR), answeredBy("5550202", 10 * HOUR), dataEndAt(END80H)], 0, 1],
    // even with a repeat inside the data, a window reaching past the end is censored
    ["censored even when a repeat was already seen", () => [answeredBy(K, 0), abandonedBy(K, HOUR)], null, 1],
  ])("%s", (_n, cs, fcr, censored) => {
    expect(both(cs())).toEqual([fcr, censored]);
  });
});

describe("fcr options", () => {
  // repeat 30 h after a contact ending at 70 s
  const cs = () => [answeredBy(K, 0), abandonedBy(K, 30 * HOUR), dataEndAt(END80H)];

  it.each<[string, Record<string, unknown> | undefined, number | null, number]>([
    ["default W = 72 h: repeat at 30 h counts", undefined, 0, 0],
    ["windowHours 24: repeat at 30 h is outside", { windowHours: 24 }, 1, 0],
    ["windowHours 30: 30 h <= 30 h + 70 s counts", { windowHours: 30 }, 0, 0],
    ["windowHours 100: 70 s + 100 h > 80 h, censored", { windowHours: 100 }, null, 1],
  ])("%s", (_n, options, fcr, censored) => {
    expect(both(cs(), options)).toEqual([fcr, censored]);
  });

  it("sameQueue: only a repeat in the same queue counts", () => {
    const other = () => [answeredBy(K, 0, { queue: "q1" }), abandonedBy(K, HOUR, { queue: "q2" }), dataEndAt(END80H, { queue: "q1" })];
    const same = () => [answeredBy(K, 0, { queue: "q1" }), abandonedBy(K, HOUR, { queue: "q1" }), dataEndAt(END80H, { queue: "q1" })];
    expect(value("fcr", other())).toBe(0); // any queue by default
    expect(value("fcr", other(), { options: { sameQueue: true } })).toBe(1);
    expect(value("fcr", same(), { options: { sameQueue: true } })).toBe(0);
  });

  it("per-queue windowHours: the Total sums each queue's own resolved and eligible", () => {
    // q1 (72 h): K answered at 0, repeat in q1 at 30 h -> 0 / 1
    // q2 (24 h): K2 answered at 0, repeat in q2 at 30 h -> 1 / 1
    // Total: (0 + 1) / (1 + 1) = 1/2
    const cs = [
      answeredBy(K, 0, { queue: "q1" }),
      abandonedBy(K, 30 * HOUR, { queue: "q1" }),
      answeredBy("5550202", 0, { queue: "q2" }),
      abandonedBy("5550202", 30 * HOUR, { queue: "q2" }),
      dataEndAt(END80H, { queue: "q1" }),
    ];
    expect(valuesBy("fcr", cs, ["queue"], { perQueue: { q2: { windowHours: 24 } } })).toEqual({ q1: 0, q2: 1, Total: 0.5 });
  });
});

describe("fcr and --from/--to", () => {
  it("a repeat outside the range is not reported but still counts", () => {
    // range [T0, T0 + 24 h): the repeat at 26 h is out; K (ends 70 s) is still repeated -> 0 / 1
    const cs = () => [answeredBy(K, 0), abandonedBy(K, 26 * HOUR), dataEndAt(END80H)];
    const range = { fromMs: T0, toMs: T0 + 24 * HOUR * 1000 };
    expect(value("fcr", cs(), range)).toBe(0);
    expect(value("offered", cs(), range)).toBe(1); // only K is reported
  });

  it("the data end counts contacts outside the range (no censoring here)", () => {
    // data end 80 h from an out-of-range contact; K's window ends 72 h + 70 s -> judged, resolved
    expect(value("fcr", [answeredBy(K, 0), dataEndAt(END80H)], { toMs: T0 + HOUR * 1000 })).toBe(1);
  });

  it("an answered contact before the range is not judged", () => {
    // from = 1 h: K at 0 is out (not eligible, even though it is repeated at 2 h); K at 2 h is resolved -> 1 / 1
    const cs = [answeredBy(K, 0), answeredBy(K, 2 * HOUR), dataEndAt(END80H)];
    expect(value("fcr", cs, { fromMs: T0 + HOUR * 1000 })).toBe(1);
  });
});

describe("fcr with transfers (one call, two contacts)", () => {
  // Call X: q1 answered at 0 (ends 70, transferred) -> q2 answered at 80 (ends 150). Filler in q3.
  const call = () => [
    answeredBy(K, 0, { callId: "X", queue: "q1", transferred: true }),
    answeredBy(K, 80, { callId: "X", queue: "q2" }),
    dataEndAt(END80H, { queue: "q3" }),
  ];

  it("by queue the second stint is a repeat of the first; across queues the call is resolved", () => {
    // q1: X1 repeated by X2 (80 in (70, 70 + W]) -> 0 / 1; q2: X2 -> 1 / 1; q3: nothing eligible
    // Total / all queues: call X (arrives 0, ends 150), no later call -> 1 / 1
    expect(valuesBy("fcr", call(), ["queue"])).toEqual({ q1: 0, q2: 1, q3: null, Total: 1 });
    expect(value("fcr", call())).toBe(1);
  });

  it("a later call repeats the call across queues", () => {
    // call Y: K abandons in q1 at 10 h. q1: X1 -> 0; q2: X2 (ends 150) repeated by Y -> 0; Total: X repeated by Y -> 0 / 1
    const cs = [...call(), abandonedBy(K, 10 * HOUR, { callId: "Y", queue: "q1" })];
    expect(valuesBy("fcr", cs, ["queue"])).toEqual({ q1: 0, q2: 0, q3: null, Total: 0 });
    expect(value("fcr", cs)).toBe(0);
  });
});

describe("fcr rollup", () => {
  it("a day is resolved / eligible summed over its intervals", () => {
    // 09:00: K1 resolved -> 1 / 1; 09:30: K2 repeated, K3 repeated, K4 resolved -> 1 / 3
    // day: 2 / 4 = 0.5 (mean of intervals 2/3)
    const cs = [
      answeredBy("5550001", 0),
      answeredBy("5550002", 1800),
      abandonedBy("5550002", 2 * HOUR),
      answeredBy("5550003", 1900),
      abandonedBy("5550003", 3 * HOUR),
      answeredBy("5550004", 2000),
      dataEndAt(END80H),
    ];
    const iv = valuesBy("fcr", cs, ["interval"]);
    expect(iv["2026-03-02T09:00:00Z"]).toBe(1);
    expect(iv["2026-03-02T09:30:00Z"]).toBeCloseTo(1 / 3, 12);
    expect(valuesBy("fcr", cs, ["day"])["2026-03-02"]).toBe(0.5); // the filler's day (03-05) has nothing eligible
  });

  it("a row whose contacts are all unanswered has no value", () => {
    expect(value("fcr", [contact({ outcome: "abandoned", customer: K }), dataEndAt(END80H)])).toBeNull();
  });
});
