import { describe, expect, it } from "vitest";
import { contact, rowObjects, value } from "./harness.js";

// answered waits 5, 10, 15, 25, 61, 400; abandoned waits 3, 20, 130; timeout 15 (never in a bucket)
const fixture = () => [
  ...[5, 10, 15, 25, 61, 400].map((w) => contact({ waitSeconds: w })),
  ...[3, 20, 130].map((w) => contact({ outcome: "abandoned", waitSeconds: w })),
  contact({ outcome: "timeout", waitSeconds: 15 }),
];

describe("sl-buckets", () => {
  it("its own value is the number of answered contacts (6)", () => {
    expect(value("sl-buckets", fixture())).toBe(6);
  });

  it("default buckets 10, 20, 30, 60, 120, 300 are cumulative and inclusive (<=)", () => {
    const row = rowObjects(["sl-buckets"], fixture()).all!;
    expect(row).toMatchObject({
      sl_buckets: 6,
      answered_within_10s: 2, // 5, 10
      answered_within_20s: 3, // + 15
      answered_within_30s: 4, // + 25
      answered_within_60s: 4,
      answered_within_120s: 5, // + 61
      answered_within_300s: 5, // 400 is in no bucket
      abandoned_within_10s: 1, // 3
      abandoned_within_20s: 2, // + 20
      abandoned_within_30s: 2,
      abandoned_within_60s: 2,
      abandoned_within_120s: 2,
      abandoned_within_300s: 3, // + 130
    });
  });

  it("bucketsSeconds sets the columns", () => {
    const row = rowObjects(["sl-buckets"], fixture(), { options: { bucketsSeconds: [15, 45] } }).all!;
    expect(row).toMatchObject({
      answered_within_15s: 3, // 5, 10, 15
      answered_within_45s: 4, // + 25
      abandoned_within_15s: 1, // 3
      abandoned_within_45s: 2, // + 20
    });
    expect(Object.keys(row)).not.toContain("answered_within_10s");
    expect(Object.keys(row).filter((k) => k.includes("_within_"))).toHaveLength(4);
  });

  it("columns are counts 0 (not null) when nothing was answered or abandoned", () => {
    const row = rowObjects(["sl-buckets"], [contact({ outcome: "timeout" })], { options: { bucketsSeconds: [20] } }).all!;
    expect(row).toMatchObject({ sl_buckets: 0, answered_within_20s: 0, abandoned_within_20s: 0 });
  });

  it("by queue the Total row sums the bucket counts (each contact its own call)", () => {
    // q1: answered 5, 25; q2: answered 15, abandoned 3 -> within 20 s: q1 1, q2 1, Total 2
    const cs = [
      contact({ queue: "q1", waitSeconds: 5 }),
      contact({ queue: "q1", waitSeconds: 25 }),
      contact({ queue: "q2", waitSeconds: 15 }),
      contact({ queue: "q2", outcome: "abandoned", waitSeconds: 3 }),
    ];
    const rows = rowObjects(["sl-buckets"], cs, { by: ["queue"], options: { bucketsSeconds: [20] } });
    expect(rows.q1).toMatchObject({ sl_buckets: 2, answered_within_20s: 1, abandoned_within_20s: 0 });
    expect(rows.q2).toMatchObject({ sl_buckets: 1, answered_within_20s: 1, abandoned_within_20s: 1 });
    expect(rows.Total).toMatchObject({ sl_buckets: 3, answered_within_20s: 2, abandoned_within_20s: 1 });
  });
});
