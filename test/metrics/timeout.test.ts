import { describe, expect, it } from "vitest";
import { contact, mixedOutcomes, multiQueueCalls, value, valuesBy } from "./harness.js";

describe("timeout", () => {
  it("counts timeouts only (1 in the mixed fixture), abandons are apart", () => {
    expect(value("timeout", mixedOutcomes())).toBe(1);
  });

  it("counts several and is 0 with none", () => {
    expect(value("timeout", [contact({ outcome: "timeout" }), contact({ outcome: "timeout" }), contact()])).toBe(2);
    expect(value("timeout", [contact({ outcome: "abandoned" })])).toBe(0);
  });

  it("a timeout that overflowed to another queue is not a timeout across queues", () => {
    // q1: B1 timeout = 1; q2: 0; Total: call B ends abandoned in q2 -> 0
    expect(valuesBy("timeout", multiQueueCalls(), ["queue"])).toEqual({ q1: 1, q2: 0, Total: 0 });
  });
});
