import { describe, expect, it } from "vitest";
import { contact, value, valuesBy } from "./harness.js";

describe("avg-hold", () => {
  it("sum(customer hold) / handled = (20 + 0 + 40) / 3; queue wait is never hold", () => {
    const cs = [
      contact({ holdSeconds: 20, waitSeconds: 100 }),
      contact({ holdSeconds: 0, waitSeconds: 100 }),
      contact({ holdSeconds: 40 }),
      contact({ holdSeconds: 90, endedMs: null }), // not handled
    ];
    expect(value("avg-hold", cs)).toBe(20);
  });

  it("0 for a source without hold (a value: handled > 0)", () => {
    expect(value("avg-hold", [contact(), contact()])).toBe(0);
  });

  it("no value when nothing was handled", () => {
    expect(value("avg-hold", [contact({ outcome: "timeout" })])).toBeNull();
  });

  it("per queue and across queues", () => {
    // q1: 30 / 1; q2: (10 + 0) / 2 = 5; Total: 40 / 3
    const cs = [contact({ queue: "q1", holdSeconds: 30 }), contact({ queue: "q2", holdSeconds: 10 }), contact({ queue: "q2" })];
    const r = valuesBy("avg-hold", cs, ["queue"]);
    expect(r.q1).toBe(30);
    expect(r.q2).toBe(5);
    expect(r.Total).toBeCloseTo(40 / 3, 12);
  });
});
