import { describe, expect, it } from "vitest";
import { Tally, type RejectRow } from "../../src/ingest/tally.js";
import { CckpiError } from "../../src/errors.js";

const row = (line: number, code = "BAD_TIMESTAMP"): RejectRow => ({ file: "f.csv", line, code, message: `bad value on ${line}`, raw: `raw ${line}` });

function thrown(f: () => void): CckpiError {
  try {
    f();
  } catch (e) {
    if (e instanceof CckpiError) return e;
    throw e;
  }
  throw new Error("expected a CckpiError");
}

describe("Tally", () => {
  it("balances: read = used + rejected + filtered + duplicates", () => {
    const t = new Tally("skip", null, null);
    t.read = 10;
    t.used = 4;
    t.duplicates = 1;
    t.reject(row(3));
    t.filter("blank line");
    t.filter("outside --from/--to", 2);
    expect(t.balanced()).toBe(false); // 4 + 1 + 3 + 1 = 9 of 10
    t.used++;
    expect(t.balanced()).toBe(true);
    expect(t.summary()).toBe("rows read 10 = used 5 + rejected 1 + filtered 3 + duplicates 1");
    expect(t.toJSON()).toEqual({
      read: 10,
      used: 5,
      rejected: 1,
      filtered: 3,
      duplicates: 1,
      rejectedBy: { BAD_TIMESTAMP: 1 },
      filteredBy: { "blank line": 1, "outside --from/--to": 2 },
    });
  });

  it("skip: counts by code, keeps the first five, hands every row to the sink", () => {
    const seen: number[] = [];
    const t = new Tally("skip", null, (r) => seen.push(r.line));
    for (let i = 1; i <= 7; i++) t.reject(row(i, i % 2 ? "A" : "B"));
    expect(t.rejected).toBe(7);
    expect(Object.fromEntries(t.rejectedBy)).toEqual({ A: 4, B: 3 });
    expect(t.firstRejects.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("fail: the first rejection throws ROW_ERROR naming file:line, after the sink got the row", () => {
    const seen: number[] = [];
    const t = new Tally("fail", null, (r) => seen.push(r.line));
    const e = thrown(() => t.reject(row(42)));
    expect(e.code).toBe("ROW_ERROR");
    expect(e.message).toBe("f.csv:42: BAD_TIMESTAMP: bad value on 42");
    expect(e.hint).toContain("--on-error skip");
    expect(e.exitCode).toBe(1);
    expect(seen).toEqual([42]);
    expect(t.rejected).toBe(1);
  });

  it.each([
    [0, 1],
    [1, 2],
    [3, 4],
  ])("--max-errors %i: rejection number %i throws TOO_MANY_ERRORS", (max, throwsAt) => {
    const t = new Tally("skip", max, null);
    for (let i = 1; i < throwsAt; i++) t.reject(row(i));
    const e = thrown(() => t.reject(row(100 + throwsAt)));
    expect(e.code).toBe("TOO_MANY_ERRORS");
    expect(e.message).toBe(`more than ${max} rows rejected (last: f.csv:${100 + throwsAt}: BAD_TIMESTAMP: bad value on ${100 + throwsAt})`);
    expect(t.rejected).toBe(throwsAt);
  });

  it("fail wins over --max-errors", () => {
    expect(thrown(() => new Tally("fail", 10, null).reject(row(1))).code).toBe("ROW_ERROR");
  });
});
