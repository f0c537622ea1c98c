import { describe, expect, it } from "vitest";
import { contact, mixedOutcomes, multiQueueCalls, value, valuesBy } from "./harness.js";

describe("not-joined", () => {
  it("counts refused contacts (2 in the mixed fixture)", () => {
    expect(value("not-joined", mixedOutcomes())).toBe(2);
  });

  it("is 0 when every contact joined", () => {
    expect(value("not-joined", [contact(), contact({ outcome: "abandoned" })])).toBe(0);
  });

  it("by queue and across queues (call C refused in q2)", () => {
    expect(valuesBy("not-joined", multiQueueCalls(), ["queue"])).toEqual({ q1: 0, q2: 1, Total: 1 });
  });

  it("not-joined and offered are disjoint: offered + not-joined = all contacts", () => {
    // 13 contacts in the mixed fixture = 11 offered + 2 not joined
    expect((value("offered", mixedOutcomes()) ?? 0) + (value("not-joined", mixedOutcomes()) ?? 0)).toBe(13);
  });
});
