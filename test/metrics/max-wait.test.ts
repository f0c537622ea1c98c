import { describe, expect, it } from "vitest";
import { contact, HOUR, MIN, mixedOutcomes, value, valuesBy } from "./harness.js";

describe("max-wait", () => {
  it("max over offered contacts, answered or not (mixed: timeout at 300 s)", () => {
    expect(value("max-wait", mixedOutcomes())).toBe(300);
  });

  it("a not_joined contact's wait is not offered", () => {
    expect(value("max-wait", [contact({ waitSeconds: 20 }), contact({ outcome: "not_joined", waitSeconds: 999 })])).toBe(20);
  });

  it("no value when nothing was offered; 0 when everything offered waited 0 s", () => {
    expect(value("max-wait", [contact({ outcome: "not_joined", waitSeconds: 0 })])).toBeNull();
    expect(value("max-wait", [contact({ waitSeconds: 0 }), contact({ outcome: "abandoned", waitSeconds: 0 })])).toBe(0);
  });

  it("rolls up by max, not sum, across intervals and days", () => {
    // 09:00: waits 100, 50 -> 100; 09:30: 200 -> 200; 10:00: 20 -> 20
    // day: max(100, 200, 20) = 200 (a sum would be 370)
    const cs = [
      contact({ at: 0, waitSeconds: 100 }),
      contact({ at: 10 * MIN, outcome: "abandoned", waitSeconds: 50 }),
      contact({ at: 30 * MIN, waitSeconds: 200 }),
      contact({ at: HOUR, waitSeconds: 20 }),
    ];
    expect(valuesBy("max-wait", cs, ["interval"])).toEqual({
      "2026-03-02T09:00:00Z": 100,
      "2026-03-02T09:30:00Z": 200,
      "2026-03-02T10:00:00Z": 20,
      Total: 200,
    });
    expect(valuesBy("max-wait", cs, ["day"])).toEqual({ "2026-03-02": 200 });
  });

  it("rolls up by max across queues", () => {
    // q1: 100, 40 -> 100; q2: 200, 10 -> 200; Total: 200
    const cs = [
      contact({ queue: "q1", waitSeconds: 100 }),
      contact({ queue: "q1", waitSeconds: 40 }),
      contact({ queue: "q2", outcome: "abandoned", waitSeconds: 200 }),
      contact({ queue: "q2", waitSeconds: 10 }),
    ];
    expect(valuesBy("max-wait", cs, ["queue"])).toEqual({ q1: 100, q2: 200, Total: 200 });
  });

  it("across queues a call's wait is summed over its contacts", () => {
    // call X: q1 timeout 30 s then q2 answered after 40 s; q1 30, q2 40, Total (call) 70
    const cs = [
      contact({ callId: "X", queue: "q1", outcome: "timeout", at: 0, waitSeconds: 30 }),
      contact({ callId: "X", queue: "q2", at: 30, waitSeconds: 40 }),
    ];
    expect(valuesBy("max-wait", cs, ["queue"])).toEqual({ q1: 30, q2: 40, Total: 70 });
  });
});
