import { describe, expect, it } from "vitest";
import { contact, value, valuesBy } from "./harness.js";

describe("resolved", () => {
  it("counts offered contacts flagged resolved: 2 (false, unknown and a refused contact's flag do not count)", () => {
    const cs = [
      contact({ resolved: true }),
      contact({ resolved: true, outcome: "abandoned" }),
      contact({ resolved: false }),
      contact({ resolved: null }),
      contact({ resolved: true, outcome: "not_joined" }), // not offered
    ];
    expect(value("resolved", cs)).toBe(2);
  });

  it("is 0 (a count) when no contact is flagged", () => {
    expect(value("resolved", [contact(), contact({ resolved: false })])).toBe(0);
  });

  it("per queue and across queues", () => {
    // q1: 2; q2: 1; Total 3
    const cs = [contact({ queue: "q1", resolved: true }), contact({ queue: "q1", resolved: true }), contact({ queue: "q2", resolved: true }), contact({ queue: "q2", resolved: false })];
    expect(valuesBy("resolved", cs, ["queue"])).toEqual({ q1: 2, q2: 1, Total: 3 });
  });
});
