import { describe, expect, it } from "vitest";
import { contact, value, valuesBy } from "./harness.js";

// ratings 5, 4, 3, 2, 1, 5 and one unrated contact
const fixture = () => [5, 4, 3, 2, 1, 5].map((rating) => contact({ rating })).concat([contact()]);

describe("csat-top-box", () => {
  it.each([
    ["default top 2 of 1-5 (>= 4): 5, 4, 5", {}, 3 / 6],
    ["topBoxes 1 (>= 5): 5, 5", { topBoxes: 1 }, 2 / 6],
    ["topBoxes 3 (>= 3): 5, 4, 3, 5", { topBoxes: 3 }, 4 / 6],
    ["topBoxes 5 (whole scale)", { topBoxes: 5 }, 6 / 6],
  ])("%s", (_n, options, expected) => {
    expect(value("csat-top-box", fixture(), { options })).toBeCloseTo(expected, 12);
  });

  it.each([
    // scale 0-10 style: scaleMax 10, top 2 -> ratings >= 9
    ["scaleMax 10, top 2 (>= 9): 10, 9 of 10, 9, 8, 7", { scaleMax: 10 }, [10, 9, 8, 7], 2 / 4],
    ["scaleMax 10, top 3 (>= 8): 10, 9, 8", { scaleMax: 10, topBoxes: 3 }, [10, 9, 8, 7], 3 / 4],
    ["scaleMax 3, top 1 (>= 3)", { scaleMax: 3, topBoxes: 1 }, [3, 2, 1, 3], 2 / 4],
  ])("%s", (_n, options, ratings, expected) => {
    expect(value("csat-top-box", ratings.map((rating) => contact({ rating })), { options })).toBeCloseTo(expected, 12);
  });

  it("no value when nothing was rated; 0 when rated but none in the top boxes", () => {
    expect(value("csat-top-box", [contact(), contact()])).toBeNull();
    expect(value("csat-top-box", [contact({ rating: 1 }), contact({ rating: 3 })])).toBe(0);
  });

  it("per-queue scale: the Total sums each queue's own top-box count", () => {
    // q1 (1-5, >= 4): 5, 4, 1 -> 2 / 3; q2 (scaleMax 10, >= 9): 10, 8, 5 -> 1 / 3; Total (2 + 1) / 6 = 0.5
    const cs = [
      ...[5, 4, 1].map((rating) => contact({ queue: "q1", rating })),
      ...[10, 8, 5].map((rating) => contact({ queue: "q2", rating })),
    ];
    const r = valuesBy("csat-top-box", cs, ["queue"], { perQueue: { q2: { scaleMax: 10 } } });
    expect(r.q1).toBeCloseTo(2 / 3, 12);
    expect(r.q2).toBeCloseTo(1 / 3, 12);
    expect(r.Total).toBe(0.5);
  });
});
