import { describe, expect, it } from "vitest";
import { contact, value, valuesBy } from "./harness.js";

// Handled: talk 100 + hold 20 + acw 30 = 150; talk 200 + acw 10 = 210; talk 60 = 60.
// Not handled: an abandon, and an answered contact whose talk has not ended.
const fixture = () => [
  contact({ talkSeconds: 100, holdSeconds: 20, acwSeconds: 30 }),
  contact({ talkSeconds: 200, acwSeconds: 10 }),
  contact({ talkSeconds: 60 }),
  contact({ outcome: "abandoned", waitSeconds: 30 }),
  contact({ talkSeconds: 900, endedMs: null }),
];

describe("handle-percentile", () => {
  it("median handle time of handled contacts: 60, 150, 210 -> 150", () => {
    expect(value("handle-percentile", fixture())).toBe(150);
  });

  it("part talk: 60, 100, 200 -> 100; p75: rank 1.5 -> 100 + 0.5 x 100 = 150", () => {
    expect(value("handle-percentile", fixture(), { options: { part: "talk" } })).toBe(100);
    expect(value("handle-percentile", fixture(), { options: { part: "talk", percentile: 75 } })).toBe(150);
  });

  it("per queue and across queues from summed histograms", () => {
    // q1: 60, 120 -> 90; q2: 300 -> 300; Total: 60 120 300 -> 120
    const cs = [contact({ queue: "q1", talkSeconds: 60 }), contact({ queue: "q1", talkSeconds: 120 }), contact({ queue: "q2", talkSeconds: 300 })];
    expect(valuesBy("handle-percentile", cs, ["queue"])).toEqual({ q1: 90, q2: 300, Total: 120 });
  });

  it("no value when nothing was handled", () => {
    expect(value("handle-percentile", [contact({ outcome: "abandoned" })])).toBeNull();
  });
});
