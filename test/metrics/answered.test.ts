import { describe, expect, it } from "vitest";
import { contact, mixedOutcomes, multiQueueCalls, value, valuesBy } from "./harness.js";

describe("answered", () => {
  it("counts answered contacts only (waits 5, 20, 40 -> 3)", () => {
    expect(value("answered", mixedOutcomes())).toBe(3);
  });

  it("counts an answered contact whose talk has not ended (answered, not yet handled)", () => {
    expect(value("answered", [contact({ endedMs: null })])).toBe(1);
  });

  it("is 0 when nothing was answered", () => {
    expect(value("answered", [contact({ outcome: "abandoned" })])).toBe(0);
  });

  it("per queue counts contacts; across queues a call counts once with its last outcome", () => {
    // q1: A1 answered = 1; q2: A2 answered = 1; Total: call A (last contact answered) = 1, B ends abandoned
    expect(valuesBy("answered", multiQueueCalls(), ["queue"])).toEqual({ q1: 1, q2: 1, Total: 1 });
  });

  it("a call answered in q1 then abandoned after an overflow to q2 is not answered across queues", () => {
    // q1: 1 answered contact; q2: 0; Total: last outcome abandoned -> 0
    const cs = [
      contact({ callId: "X", queue: "q1", at: 0 }),
      contact({ callId: "X", queue: "q2", outcome: "abandoned", at: 100 }),
    ];
    expect(valuesBy("answered", cs, ["queue"])).toEqual({ q1: 1, q2: 0, Total: 0 });
  });
});
