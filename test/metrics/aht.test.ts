import { describe, expect, it } from "vitest";
import { contact, MIN, value, valuesBy } from "./harness.js";

// Handled: H1 talk 100, hold 20, acw 30; H2 talk 200, hold 0, acw 10.
// Not handled: an abandon, and an answered contact whose talk has not ended (endedMs null).
//   aht = (100 + 20 + 30 + 200 + 0 + 10) / 2 = 360 / 2 = 180
const handleFixture = () => [
  contact({ talkSeconds: 100, holdSeconds: 20, acwSeconds: 30 }),
  contact({ talkSeconds: 200, holdSeconds: 0, acwSeconds: 10 }),
  contact({ outcome: "abandoned", waitSeconds: 30 }),
  contact({ talkSeconds: 500, holdSeconds: 50, acwSeconds: 50, endedMs: null }),
];

describe("aht", () => {
  it("(talk + hold + acw) / handled; unended and unanswered contacts in neither side", () => {
    expect(value("aht", handleFixture())).toBe(180);
  });

  it("talk-only source (hold and acw 0): aht = mean talk", () => {
    // (60 + 90) / 2
    expect(value("aht", [contact({ talkSeconds: 60 }), contact({ talkSeconds: 90 })])).toBe(75);
  });

  it("no value when nothing was handled", () => {
    expect(value("aht", [contact({ outcome: "abandoned" }), contact({ endedMs: null })])).toBeNull();
  });

  it("a day is a ratio of sums over its intervals", () => {
    // 09:00: one contact, 300 s; 09:30: two, 60 + 90 -> 75; day (300 + 150) / 3 = 150 (mean of intervals 187.5)
    const cs = [
      contact({ at: 0, talkSeconds: 200, acwSeconds: 100 }),
      contact({ at: 30 * MIN, talkSeconds: 60 }),
      contact({ at: 31 * MIN, talkSeconds: 90 }),
    ];
    expect(valuesBy("aht", cs, ["interval"])).toEqual({ "2026-03-02T09:00:00Z": 300, "2026-03-02T09:30:00Z": 75, Total: 150 });
    expect(valuesBy("aht", cs, ["day"])).toEqual({ "2026-03-02": 150 });
  });

  describe("attribution end", () => {
    // X: arrives 09:20, wait 60 -> answered 09:21, talk 480 -> ends 09:29, acw 120 -> ACW ends 09:31 (600 s)
    // Y: arrives 09:05, wait 10, talk 100, acw 20 -> everything before 09:30 (120 s)
    const cs = () => [
      contact({ at: 20 * MIN, waitSeconds: 60, talkSeconds: 480, acwSeconds: 120 }),
      contact({ at: 5 * MIN, waitSeconds: 10, talkSeconds: 100, acwSeconds: 20 }),
    ];

    it("arrival: both in 09:00 -> (600 + 120) / 2 = 360", () => {
      expect(valuesBy("aht", cs(), ["interval"], { attribution: "arrival" })).toEqual({ "2026-03-02T09:00:00Z": 360 });
    });

    it("end: X's handle time moves to 09:30, where its ACW ended", () => {
      // 09:00: Y 120 / 1; 09:30: X 600 / 1
      expect(valuesBy("aht", cs(), ["interval"], { attribution: "end" })).toEqual({
        "2026-03-02T09:00:00Z": 120,
        "2026-03-02T09:30:00Z": 600,
        Total: 360,
      });
    });

    it("monthly totals agree under both: 720 / 2 = 360", () => {
      expect(valuesBy("aht", cs(), ["month"], { attribution: "arrival" })).toEqual({ "2026-03": 360 });
      expect(valuesBy("aht", cs(), ["month"], { attribution: "end" })).toEqual({ "2026-03": 360 });
    });

    it("end: the queue side stays where the contact left the queue (answered 09:21 -> 09:00)", () => {
      const r = valuesBy("offered", cs(), ["interval"], { attribution: "end" });
      expect(r["2026-03-02T09:00:00Z"]).toBe(2);
      expect(r["2026-03-02T09:30:00Z"] ?? 0).toBe(0);
      expect(r.Total).toBe(2);
    });
  });

  it("per queue and across queues", () => {
    // q1: 100 + 20 / 1 = 120; q2: (200 + 10 + 300) / 2 = 255; Total: 630 / 3 = 210
    const cs = [
      contact({ queue: "q1", talkSeconds: 100, acwSeconds: 20 }),
      contact({ queue: "q2", talkSeconds: 200, holdSeconds: 10 }),
      contact({ queue: "q2", talkSeconds: 300 }),
    ];
    expect(valuesBy("aht", cs, ["queue"])).toEqual({ q1: 120, q2: 255, Total: 210 });
  });
});
