import { describe, expect, it } from "vitest";
import type { Contact } from "../../src/model/contact.js";
import { abandonedBy, answeredBy, dataEndAt, HOUR, T0, value, valuesBy } from "./harness.js";

// answeredBy contacts end 70 s after arrival; a contact is censored when end + W > data end.
const W = 72 * HOUR;

describe("fcr-censored", () => {
  it.each<[string, () => Contact[], Record<string, unknown> | undefined, number]>([
    ["a lone answered contact (70 + W > 70)", () => [answeredBy("5551", 0)], undefined, 1],
    ["judged when the data reaches end + W exactly", () => [answeredBy("5551", 0), dataEndAt(70 + W)], undefined, 0],
    ["censored when the data ends 1 s before end + W", () => [answeredBy("5551", 0), dataEndAt(69 + W)], undefined, 1],
    // data end 80 h: contacts ending at 70 s and 7 h + 70 s are judged; 9 h + 70 s and 20 h + 70 s are censored
    ["counts every censored contact", () => [answeredBy("5551", 0), answeredBy("5552", 7 * HOUR), answeredBy("5553", 9 * HOUR), answeredBy("5554", 20 * HOUR), dataEndAt(80 * HOUR)], undefined, 2],
    ["windowHours 1: judged after 1 h of data", () => [answeredBy("5551", 0), dataEndAt(70 + HOUR)], { windowHours: 1 }, 0],
    ["windowHours 100: censored with 80 h of data", () => [answeredBy("5551", 0), dataEndAt(80 * HOUR)], { windowHours: 100 }, 1],
    ["keyless contacts are never censored (not eligible at all)", () => [answeredBy("", 0), answeredBy("restricted", 0), answeredBy("000", 0)], undefined, 0],
    ["unanswered contacts are never censored", () => [abandonedBy("5551", 0)], undefined, 0],
    ["the repeat does not matter: still censored", () => [answeredBy("5551", 0), abandonedBy("5551", HOUR)], undefined, 1],
  ])("%s -> %i", (_n, cs, options, expected) => {
    expect(value("fcr-censored", cs(), options ? { options } : {})).toBe(expected);
  });

  it("contacts outside --from/--to are not counted, but move the data end", () => {
    // data end 73 h. 5551 ends at 70 s: window to 72 h + 70 s <= 73 h -> judged;
    // 5552 ends at 2 h + 70 s: window to 74 h + 70 s > 73 h -> censored.
    // range [0, 1 h): only 5551 is reported, judged thanks to the out-of-range data end -> 0
    // range [1 h, ...): only 5552 is reported -> 1
    const cs = [answeredBy("5551", 0), answeredBy("5552", 2 * HOUR), dataEndAt(73 * HOUR)];
    expect(value("fcr-censored", cs, { fromMs: T0, toMs: T0 + HOUR * 1000 })).toBe(0);
    expect(value("fcr-censored", cs, { fromMs: T0 + HOUR * 1000 })).toBe(1);
  });

  it("by queue, summed in the Total", () => {
    // all censored (no data after them): q1 2, q2 1, Total 3
    const cs = [answeredBy("5551", 0, { queue: "q1" }), answeredBy("5552", 0, { queue: "q1" }), answeredBy("5553", 0, { queue: "q2" })];
    expect(valuesBy("fcr-censored", cs, ["queue"])).toEqual({ q1: 2, q2: 1, Total: 3 });
  });
});
