import { describe, expect, it } from "vitest";
import type { Contact } from "../../src/model/contact.js";
import { abandonedBy, answeredBy, dataEndAt, HOUR, value, valuesBy } from "./harness.js";

// answeredBy contacts end 70 s after arrival; W = 72 h by default.
const END80H = 80 * HOUR;

describe("repeat-rate = (eligible - resolved) / eligible", () => {
  it.each<[string, () => Contact[], Record<string, unknown> | undefined, number | null]>([
    ["no repeat -> 0", () => [answeredBy("5551", 0), dataEndAt(END80H)], undefined, 0],
    ["repeated -> 1", () => [answeredBy("5551", 0), abandonedBy("5551", HOUR), dataEndAt(END80H)], undefined, 1],
    // 5551 repeated, 5552 and 5553 resolved -> (3 - 2) / 3
    ["one of three repeated -> 1/3", () => [answeredBy("5551", 0), abandonedBy("5551", HOUR), answeredBy("5552", 0), answeredBy("5553", 0), dataEndAt(END80H)], undefined, 1 / 3],
    ["windowHours 24: repeat at 30 h is not a repeat -> 0", () => [answeredBy("5551", 0), abandonedBy("5551", 30 * HOUR), dataEndAt(END80H)], { windowHours: 24 }, 0],
    ["sameQueue: a repeat in another queue is not one -> 0", () => [answeredBy("5551", 0, { queue: "q1" }), abandonedBy("5551", HOUR, { queue: "q2" }), dataEndAt(END80H)], { sameQueue: true }, 0],
    // nothing eligible: no value (not 1 - null = 1, not 0)
    ["only censored contacts -> no value", () => [answeredBy("5551", 0)], undefined, null],
    ["only keyless contacts -> no value", () => [answeredBy("anonymous", 0), answeredBy("anonymous", HOUR), dataEndAt(END80H)], undefined, null],
  ])("%s", (_n, cs, options, expected) => {
    const v = value("repeat-rate", cs(), options ? { options } : {});
    if (expected === null) expect(v).toBeNull();
    else expect(v).toBeCloseTo(expected, 12);
  });

  it("is 1 - fcr by queue and in total (transfer: second stint repeats the first by queue only)", () => {
    // q1: X1 repeated -> 1; q2: X2 resolved -> 0; Total: call X resolved -> 0
    const cs = [
      answeredBy("5551", 0, { callId: "X", queue: "q1", transferred: true }),
      answeredBy("5551", 80, { callId: "X", queue: "q2" }),
      dataEndAt(END80H, { queue: "q1" }),
    ];
    expect(valuesBy("repeat-rate", cs, ["queue"])).toEqual({ q1: 1, q2: 0, Total: 0 });
  });
});
