import { describe, expect, it } from "vitest";
import { contact, MIN, mixedOutcomes, multiQueueCalls, value, valuesBy } from "./harness.js";

describe("abandoned", () => {
  it("counts abandons, short ones included, timeouts not (waits 0, 3, 5, 8, 15 -> 5)", () => {
    expect(value("abandoned", mixedOutcomes())).toBe(5);
  });

  it("is 0 when nothing was abandoned", () => {
    expect(value("abandoned", [contact(), contact({ outcome: "timeout" })])).toBe(0);
  });

  it("per queue counts contacts; across queues the last outcome of the call", () => {
    // q1: B1 is a timeout -> 0; q2: B2 abandoned -> 1; Total: call B ends abandoned -> 1
    expect(valuesBy("abandoned", multiQueueCalls(), ["queue"])).toEqual({ q1: 0, q2: 1, Total: 1 });
  });

  it("attribution end puts an abandon in the interval it left the queue; totals agree", () => {
    // arrives 09:29, waits 120 s -> leaves 09:31. arrival: 09:00 interval; end: 09:30 interval.
    const cs = () => [contact({ outcome: "abandoned", at: 29 * MIN, waitSeconds: 120 })];
    expect(valuesBy("abandoned", cs(), ["interval"], { attribution: "arrival" })).toEqual({ "2026-03-02T09:00:00Z": 1 });
    expect(valuesBy("abandoned", cs(), ["interval"], { attribution: "end" })).toEqual({ "2026-03-02T09:30:00Z": 1 });
    expect(valuesBy("abandoned", cs(), ["month"], { attribution: "end" })).toEqual({ "2026-03": 1 });
  });
});
