import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { epochMsAt, isoMsAt, parseEpochSeconds, parseTimestamp, secondsAt } from "../../src/model/timestamp.js";
import { parseSeconds } from "../../src/sources/define.js";
import { TimeZone } from "../../src/model/time.js";

const NY = TimeZone.of("America/New_York");
const UTC = TimeZone.of("UTC");
const SH = TimeZone.of("Asia/Shanghai");
const utc = (s: string): number => Date.parse(s);

describe("parseTimestamp: accepted forms", () => {
  it.each([
    // [input, zone, expected UTC]
    ["2026-03-01T09:30:00Z", NY, "2026-03-01T09:30:00.000Z"],
    ["2026-03-01 09:30:00Z", NY, "2026-03-01T09:30:00.000Z"],
    ["2026-03-01T09:30:00z", NY, "2026-03-01T09:30:00.000Z"],
    ["2026-03-01T09:30:00.123Z", NY, "2026-03-01T09:30:00.123Z"],
    ["2026-03-01T09:30:00.5Z", NY, "2026-03-01T09:30:00.500Z"],
    ["2026-03-01T09:30:00,25Z", NY, "2026-03-01T09:30:00.250Z"],
    ["2026-03-01T09:30:00.123456Z", NY, "2026-03-01T09:30:00.123Z"], // microseconds truncated to ms
    ["2026-03-01T09:30:00.9996Z", NY, "2026-03-01T09:30:00.999Z"],
    ["2026-03-01T09:30:00+08:00", NY, "2026-03-01T01:30:00.000Z"],
    ["2026-03-01T09:30:00+0800", NY, "2026-03-01T01:30:00.000Z"],
    ["2026-03-01T09:30:00+08", NY, "2026-03-01T01:30:00.000Z"],
    ["2026-03-01T09:30:00-05:30", NY, "2026-03-01T15:00:00.000Z"],
    ["2026-03-01T09:30:00.250-0100", NY, "2026-03-01T10:30:00.250Z"],
    ["2026-03-01 09:30:00 +08:00", NY, "2026-03-01T01:30:00.000Z"],
    ["2026-03-01T09:30Z", NY, "2026-03-01T09:30:00.000Z"],
    ["2026-03-01T09:30+01:00", NY, "2026-03-01T08:30:00.000Z"],
    // no offset: a wall time in the zone
    ["2026-03-01 09:30:00", NY, "2026-03-01T14:30:00.000Z"],
    ["2026-07-01 09:30:00", NY, "2026-07-01T13:30:00.000Z"],
    ["2026-03-01T09:30:00", SH, "2026-03-01T01:30:00.000Z"],
    ["2026-03-01 09:30", UTC, "2026-03-01T09:30:00.000Z"],
    ["2026-03-01 09:30:00 UTC", NY, "2026-03-01T09:30:00.000Z"], // UTC / GMT words are offset 0, not abbreviations
    ["2026-03-01 09:30:00 GMT", NY, "2026-03-01T09:30:00.000Z"],
    ["0001-01-01 00:00:00", UTC, "0001-01-01T00:00:00.000Z"], // .NET placeholder stays year 1 (Date.UTC would say 1901)
    ["2026-03-01", NY, "2026-03-01T05:00:00.000Z"], // date only: local midnight
    ["  2026-03-01 09:30:00  ", UTC, "2026-03-01T09:30:00.000Z"],
    ["2024-02-29 12:00:00", UTC, "2024-02-29T12:00:00.000Z"], // leap day
    ["2026-03-01 24:00:00", UTC, "2026-03-02T00:00:00.000Z"], // end of day
    ["2026-12-31T24:00Z", UTC, "2027-01-01T00:00:00.000Z"],
    // the ambiguous wall time is fine when the offset says which
    ["2026-11-01 01:30:00-04:00", NY, "2026-11-01T05:30:00.000Z"],
    ["2026-11-01 01:30:00-05:00", NY, "2026-11-01T06:30:00.000Z"],
    // just outside the DST gap and overlap
    ["2026-03-08 01:59:59", NY, "2026-03-08T06:59:59.000Z"],
    ["2026-03-08 03:00:00", NY, "2026-03-08T07:00:00.000Z"],
    ["2026-11-01 02:00:00", NY, "2026-11-01T07:00:00.000Z"],
  ] as const)("%s", (input, zone, expected) => {
    expect(parseTimestamp(input, zone)).toEqual({ ok: true, utcMs: utc(expected) });
  });
});

describe("parseTimestamp: refusals", () => {
  it.each([
    ["2026-03-08 02:30:00", NY, "DST_GAP"],
    ["2026-03-08T02:00", NY, "DST_GAP"],
    ["2026-11-01 01:30:00", NY, "DST_AMBIGUOUS"],
    ["2026-11-01 01:00:00", NY, "DST_AMBIGUOUS"],
    ["2026-03-01 10:00:00 CST", SH, "TZ_ABBREVIATION"],
    ["2026-03-01 10:00:00 EST", NY, "TZ_ABBREVIATION"],
    ["2026-03-01T10:00:00PST", NY, "TZ_ABBREVIATION"],
    ["2026-02-30", UTC, "BAD_TIMESTAMP"],
    ["2026-02-29 10:00", UTC, "BAD_TIMESTAMP"], // 2026 is not a leap year
    ["2026-04-31", UTC, "BAD_TIMESTAMP"],
    ["2026-02-31 24:00", UTC, "BAD_TIMESTAMP"], // 24:00 must not hide a bad date
    ["2026-13-01", UTC, "BAD_TIMESTAMP"],
    ["2026-00-10", UTC, "BAD_TIMESTAMP"],
    ["2026-01-00", UTC, "BAD_TIMESTAMP"],
    ["2026-01-32", UTC, "BAD_TIMESTAMP"],
    ["20260301", UTC, "BAD_TIMESTAMP"],
    ["2026/03/01 10:00", UTC, "BAD_TIMESTAMP"],
    ["01/03/2026", UTC, "BAD_TIMESTAMP"],
    ["2026-3-1 10:00", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T25:00", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T24:30", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T24:00:01", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T10:60", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T10:00:61", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T10:5", UTC, "BAD_TIMESTAMP"], // cut short
    ["2026-03-01T10:00:5", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T1", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T10", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T10:00:00+0", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T10:00:00+05:3", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T10:00:00+5:00", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T10:00:00+25:00", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T10:00:00+05:99", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T10:00:00+08:00x", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T10:00:00Zjunk", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01T10:00:00 China Standard Time", UTC, "BAD_TIMESTAMP"],
    ["2026-03-01X10:00", UTC, "BAD_TIMESTAMP"],
    ["yesterday", UTC, "BAD_TIMESTAMP"],
    ["", UTC, "BAD_TIMESTAMP"],
    ["1767225600", UTC, "BAD_TIMESTAMP"],
  ] as const)("%s -> %s", (input, zone, code) => {
    const r = parseTimestamp(input, zone);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toContain(input.trim() === "" ? '""' : input.trim());
    }
  });

  it("messages say what is wrong", () => {
    const gap = parseTimestamp("2026-03-08 02:30:00", NY);
    expect(gap).toMatchObject({ ok: false, message: expect.stringContaining("does not exist in America/New_York") as string });
    const amb = parseTimestamp("2026-11-01 01:30:00", NY);
    expect(amb).toMatchObject({ ok: false, message: expect.stringContaining("happens twice") as string });
    const abbr = parseTimestamp("2026-03-01 10:00:00 CST", NY);
    expect(abbr).toMatchObject({ ok: false, message: expect.stringContaining('"CST"') as string });
  });
});

describe("parseEpochSeconds", () => {
  it.each([
    ["1767225600", 1767225600000],
    ["1767225600.123", 1767225600123],
    ["1767225600.5", 1767225600500],
    ["1767225600.", 1767225600000],
    [".5", 500],
    ["0", 0],
    ["-1", -1000],
    [" 1767225600 ", 1767225600000],
  ])("%j -> %i", (s, ms) => {
    expect(parseEpochSeconds(s)).toBe(ms);
  });

  it.each(["", " ", "abc", "12a", "0x10", "1e9", "Infinity", "NaN", "1.2.3", "+-1", "2026-03-01"])("%j -> NaN", (s) => {
    expect(parseEpochSeconds(s)).toBeNaN();
  });
});

describe("epochMsAt (the same from characters, for plain digits)", () => {
  it("equals parseEpochSeconds on digit strings with or without a fraction, up to 15 digits", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,12}(\.[0-9]{0,6})?$/), fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), (num, pre, post) => {
        const digits = num.replace(".", "").length;
        const text = `${pre}${num}${post}`;
        const got = epochMsAt(text, pre.length, pre.length + num.length);
        if (digits > 15) expect(got).toBeNaN();
        else expect(got).toBe(parseEpochSeconds(num));
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves everything else to the string path (NaN)", () => {
    for (const s of ["", " 1", "1 ", "-1", ".5", "1e9", "1.2.3", "12a", "1234567890123456"]) expect(epochMsAt(s, 0, s.length), s).toBeNaN();
    expect(epochMsAt("x|1767225600.25|y", 2, 15)).toBe(1767225600250);
  });
});

describe("isoMsAt (parseTimestamp's exact common forms, from characters)", () => {
  const pad = (n: number, w: number): string => String(n).padStart(w, "0");
  // Components around the edges: month 0/13, day 0/29-32, hour 24, minute 60, second 60/61,
  // New York's DST gap (2026-03-08 02:xx) and overlap (2026-11-01 01:xx), offsets up to 19 h.
  const stamp = fc.record({
    y: fc.constantFrom(1, 2024, 2026), mo: fc.constantFrom(0, 1, 2, 3, 11, 12, 13), d: fc.constantFrom(0, 1, 8, 28, 29, 30, 31, 32),
    h: fc.constantFrom(0, 1, 2, 9, 23, 24, 25), mi: fc.constantFrom(0, 30, 59, 60), sec: fc.constantFrom(0, 5, 59, 60, 61),
    sep: fc.constantFrom("T", " ", "t", "_"), tail: fc.constantFrom("", "Z", "z", "+01:00", "-05:00", "+18:59", "+19:00", "-00:60", "+0100", " +01:00", ".5", "Q"),
  }).map((p) => `${pad(p.y, 4)}-${pad(p.mo, 2)}-${pad(p.d, 2)}${p.sep}${pad(p.h, 2)}:${pad(p.mi, 2)}:${pad(p.sec, 2)}${p.tail}`);

  it("gives parseTimestamp's instant whenever it gives one, and gives one for every exact form parseTimestamp accepts", () => {
    fc.assert(
      fc.property(stamp, fc.constantFrom(UTC, NY, SH), fc.string({ maxLength: 2 }), (s, zone, pre) => {
        const text = `${pre}${s}|`;
        const fast = isoMsAt(text, pre.length, pre.length + s.length, zone);
        const full = parseTimestamp(s, zone);
        if (fast === fast) expect(full).toEqual({ ok: true, utcMs: fast });
        const exact = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d([Zz]|[+-]\d\d:\d\d)?$/.test(s);
        if (exact && full.ok) expect(fast).toBe(full.utcMs);
        if (!exact) expect(fast).toBeNaN();
      }),
      { numRuns: 3000 },
    );
  });
});

describe("secondsAt (parseSeconds of plain digits, from characters)", () => {
  it("equals parseSeconds for digits with an optional fraction, NaN for the rest", () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[0-9]{1,15}(\.[0-9]{0,8})?$/), fc.string({ maxLength: 6 })), (s) => {
        const v = secondsAt(s, 0, s.length);
        const plain = /^[0-9]+(\.[0-9]*)?$/.test(s) && s.replace(".", "").length <= 15;
        if (plain) expect(v).toBe(parseSeconds(s, NaN));
        else expect(v).toBeNaN();
      }),
      { numRuns: 3000 },
    );
  });
});
