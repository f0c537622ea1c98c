import { describe, expect, it } from "vitest";
import { bucketsFor, TimeZone, formatOffset, isoDate, isoWeek } from "../../src/model/time.js";
import { CckpiError } from "../../src/errors.js";

const H = 3_600_000;
const M = 60_000;
const utc = (s: string): number => Date.parse(s); // test inputs always carry Z

describe("TimeZone.of", () => {
  it.each(["UTC", "America/New_York", "Europe/London", "Asia/Shanghai", "Asia/Kolkata", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "Australia/Lord_Howe"])(
    "accepts %s",
    (name) => {
      expect(TimeZone.of(name).name).toBe(name);
    },
  );

  it.each(["CST", "EST", "PST", "GMT+8", "+08:00", "UTC+8", "garbage", "", "Mars/Olympus_Mons", "America/Nowhere", "Europe/../etc"])(
    "refuses %j with BAD_TIME_ZONE",
    (name) => {
      let err: unknown;
      try {
        TimeZone.of(name);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CckpiError);
      expect((err as CckpiError).code).toBe("BAD_TIME_ZONE");
    },
  );

  it("the hint for CST explains the ambiguity", () => {
    expect(() => TimeZone.of("CST")).toThrow(expect.objectContaining({ hint: expect.stringContaining("China +08") as string }) as Error);
  });

  it("returns one instance per name", () => {
    expect(TimeZone.of("Europe/London")).toBe(TimeZone.of("Europe/London"));
  });
});

describe("offsetMs", () => {
  it.each([
    ["UTC", "2026-07-01T12:00:00Z", 0],
    ["America/New_York", "2026-01-15T12:00:00Z", -5 * H],
    ["America/New_York", "2026-07-15T12:00:00Z", -4 * H],
    // spring forward 2026-03-08 02:00 EST = 07:00Z; fall back 2026-11-01 02:00 EDT = 06:00Z
    ["America/New_York", "2026-03-08T06:59:59Z", -5 * H],
    ["America/New_York", "2026-03-08T07:00:00Z", -4 * H],
    ["America/New_York", "2026-11-01T05:59:59Z", -4 * H],
    ["America/New_York", "2026-11-01T06:00:00Z", -5 * H],
    ["Europe/London", "2026-01-15T12:00:00Z", 0],
    ["Europe/London", "2026-07-15T12:00:00Z", H],
    // BST starts 2026-03-29 01:00Z, ends 2026-10-25 01:00Z
    ["Europe/London", "2026-03-29T00:59:59Z", 0],
    ["Europe/London", "2026-03-29T01:00:00Z", H],
    ["Europe/London", "2026-10-25T00:59:59Z", H],
    ["Europe/London", "2026-10-25T01:00:00Z", 0],
    ["Asia/Shanghai", "2026-07-01T00:00:00Z", 8 * H],
    ["Asia/Kolkata", "2026-07-01T00:00:00Z", 5.5 * H],
    ["Etc/GMT+5", "2026-07-01T00:00:00Z", -5 * H], // POSIX sign: GMT+5 is UTC-5
  ])("%s at %s", (zone, at, off) => {
    expect(TimeZone.of(zone).offsetMs(utc(at))).toBe(off);
  });
});

/** Intervals of `minutes` in the local day `date` (YYYY-MM-DD), walking UTC instants. */
function intervalsOfDay(zone: TimeZone, date: string, minutes: number): number[] {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const start = zone.resolveWall(Date.UTC(y, m - 1, d));
  const end = zone.resolveWall(Date.UTC(y, m - 1, d + 1));
  if (start.kind !== "ok" || end.kind !== "ok") throw new Error("midnight should exist");
  const out: number[] = [];
  for (let s = zone.intervalStart(start.utcMs, minutes); s < end.utcMs; s = zone.nextIntervalStart(s, minutes)) {
    out.push(s);
    if (out.length > 200) throw new Error("runaway");
  }
  return out;
}

describe("intervals per local day (DST days have 46/50 half-hours)", () => {
  it.each([
    ["America/New_York", "2026-03-08", 30, 46],
    ["America/New_York", "2026-11-01", 30, 50],
    ["America/New_York", "2026-03-09", 30, 48],
    ["America/New_York", "2026-03-08", 15, 92],
    ["America/New_York", "2026-11-01", 15, 100],
    ["America/New_York", "2026-03-08", 60, 23],
    ["America/New_York", "2026-11-01", 60, 25],
    ["America/New_York", "2026-06-15", 15, 96],
    ["America/New_York", "2026-06-15", 60, 24],
    ["Europe/London", "2026-03-29", 30, 46],
    ["Europe/London", "2026-10-25", 30, 50],
    ["Europe/London", "2026-03-29", 15, 92],
    ["Europe/London", "2026-10-25", 60, 25],
    ["Europe/London", "2026-05-01", 30, 48],
    ["Asia/Shanghai", "2026-03-08", 30, 48],
    ["Asia/Kolkata", "2026-03-08", 60, 24],
    ["UTC", "2026-03-08", 30, 48],
    // Lord Howe moves its clocks by 30 minutes: 2026-04-05 has 24.5 h, 2026-10-04 has 23.5 h
    ["Australia/Lord_Howe", "2026-04-05", 30, 49],
    ["Australia/Lord_Howe", "2026-10-04", 30, 47],
  ])("%s %s, %i-minute intervals: %i", (zone, date, minutes, count) => {
    const starts = intervalsOfDay(TimeZone.of(zone), date, minutes);
    expect(starts).toHaveLength(count);
    // strictly increasing, each exactly `minutes` long in UTC
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBe(minutes * M);
  });

  it("the repeated hour on 2026-11-01 in New York has two labels, told apart by the offset", () => {
    const ny = TimeZone.of("America/New_York");
    const labels = intervalsOfDay(ny, "2026-11-01", 30).map((s) => ny.formatLocal(s));
    expect(labels.slice(0, 7)).toEqual([
      "2026-11-01T00:00:00-04:00",
      "2026-11-01T00:30:00-04:00",
      "2026-11-01T01:00:00-04:00",
      "2026-11-01T01:30:00-04:00",
      "2026-11-01T01:00:00-05:00",
      "2026-11-01T01:30:00-05:00",
      "2026-11-01T02:00:00-05:00",
    ]);
    expect(labels.at(-1)).toBe("2026-11-01T23:30:00-05:00");
  });

  it("2026-03-08 in New York skips 02:00-03:00", () => {
    const ny = TimeZone.of("America/New_York");
    const labels = intervalsOfDay(ny, "2026-03-08", 30).map((s) => ny.formatLocal(s));
    expect(labels.slice(3, 6)).toEqual(["2026-03-08T01:30:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T03:30:00-04:00"]);
  });

  it("Asia/Kolkata (+05:30): 60-minute intervals start at local :00, not UTC :00", () => {
    const k = TimeZone.of("Asia/Kolkata");
    const labels = intervalsOfDay(k, "2026-03-08", 60).map((s) => k.formatLocal(s));
    expect(labels[0]).toBe("2026-03-08T00:00:00+05:30");
    expect(labels.every((l) => l.slice(13, 19) === ":00:00")).toBe(true);
    expect(k.intervalStart(utc("2026-03-08T04:40:00Z"), 60)).toBe(utc("2026-03-08T04:30:00Z")); // 10:10 local -> 10:00
  });

  it("intervalStart of an instant inside an interval, and of a boundary", () => {
    const ny = TimeZone.of("America/New_York");
    expect(ny.intervalStart(utc("2026-07-01T13:44:59Z"), 15)).toBe(utc("2026-07-01T13:30:00Z"));
    expect(ny.intervalStart(utc("2026-07-01T13:45:00Z"), 15)).toBe(utc("2026-07-01T13:45:00Z"));
    expect(ny.intervalStart(utc("2026-07-01T13:44:59Z"), 1440)).toBe(utc("2026-07-01T04:00:00Z")); // local midnight
  });
});

describe("resolveWall", () => {
  const wall = (s: string): number => Date.parse(`${s}Z`); // a wall time as if it were UTC
  it.each([
    ["America/New_York", "2026-03-08T01:59:00", { kind: "ok", utcMs: utc("2026-03-08T06:59:00Z") }],
    ["America/New_York", "2026-03-08T02:00:00", { kind: "gap" }],
    ["America/New_York", "2026-03-08T02:30:00", { kind: "gap" }],
    ["America/New_York", "2026-03-08T02:59:59", { kind: "gap" }],
    ["America/New_York", "2026-03-08T03:00:00", { kind: "ok", utcMs: utc("2026-03-08T07:00:00Z") }],
    ["America/New_York", "2026-11-01T00:59:00", { kind: "ok", utcMs: utc("2026-11-01T04:59:00Z") }],
    ["America/New_York", "2026-11-01T01:00:00", { kind: "overlap", earlierUtcMs: utc("2026-11-01T05:00:00Z"), laterUtcMs: utc("2026-11-01T06:00:00Z") }],
    ["America/New_York", "2026-11-01T01:30:00", { kind: "overlap", earlierUtcMs: utc("2026-11-01T05:30:00Z"), laterUtcMs: utc("2026-11-01T06:30:00Z") }],
    ["America/New_York", "2026-11-01T02:00:00", { kind: "ok", utcMs: utc("2026-11-01T07:00:00Z") }],
    ["Europe/London", "2026-03-29T01:30:00", { kind: "gap" }],
    ["Europe/London", "2026-03-29T02:00:00", { kind: "ok", utcMs: utc("2026-03-29T01:00:00Z") }],
    ["Europe/London", "2026-10-25T01:30:00", { kind: "overlap", earlierUtcMs: utc("2026-10-25T00:30:00Z"), laterUtcMs: utc("2026-10-25T01:30:00Z") }],
    ["Asia/Shanghai", "2026-03-01T09:30:00", { kind: "ok", utcMs: utc("2026-03-01T01:30:00Z") }],
    ["UTC", "2026-03-08T02:30:00", { kind: "ok", utcMs: utc("2026-03-08T02:30:00Z") }],
    ["Australia/Lord_Howe", "2026-10-04T02:15:00", { kind: "gap" }],
  ])("%s %s", (zone, w, expected) => {
    expect(TimeZone.of(zone).resolveWall(wall(w))).toEqual(expected);
  });
});

describe("formatLocal / localDate / formatOffset / isoDate", () => {
  it.each([
    ["UTC", "2026-03-08T06:30:00Z", "2026-03-08T06:30:00Z"],
    ["America/New_York", "2026-03-08T06:30:00Z", "2026-03-08T01:30:00-05:00"],
    ["America/New_York", "2026-03-08T07:00:00Z", "2026-03-08T03:00:00-04:00"],
    ["Asia/Kolkata", "2026-01-01T00:00:00Z", "2026-01-01T05:30:00+05:30"],
    ["Asia/Shanghai", "2026-12-31T16:00:00Z", "2027-01-01T00:00:00+08:00"],
    ["America/St_Johns", "2026-01-15T12:00:00Z", "2026-01-15T08:30:00-03:30"],
    ["Asia/Kathmandu", "2026-01-15T00:00:00Z", "2026-01-15T05:45:00+05:45"],
    ["Europe/London", "2026-01-15T12:00:00Z", "2026-01-15T12:00:00Z"],
  ])("%s %s -> %s", (zone, at, expected) => {
    expect(TimeZone.of(zone).formatLocal(utc(at))).toBe(expected);
  });

  it("localDate is the wall-clock date", () => {
    expect(TimeZone.of("America/New_York").localDate(utc("2026-03-02T03:00:00Z"))).toBe("2026-03-01");
    expect(TimeZone.of("Asia/Shanghai").localDate(utc("2026-03-01T16:00:00Z"))).toBe("2026-03-02");
  });

  it.each([
    [0, "Z"],
    [5.5 * H, "+05:30"],
    [-3.5 * H, "-03:30"],
    [-10 * H, "-10:00"],
    [14 * H, "+14:00"],
  ])("formatOffset(%i) = %s", (off, s) => {
    expect(formatOffset(off)).toBe(s);
  });

  it("isoDate", () => {
    expect(isoDate(Date.UTC(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });
});

describe("isoWeek", () => {
  it.each([
    ["2026-01-01", "2026-W01"], // Thursday
    ["2025-12-29", "2026-W01"], // Monday of that week
    ["2025-12-28", "2025-W52"], // Sunday before
    ["2027-01-01", "2026-W53"], // Friday: 2026 has 53 weeks
    ["2027-01-03", "2026-W53"],
    ["2027-01-04", "2027-W01"],
    ["2024-12-30", "2025-W01"], // Monday
    ["2021-01-03", "2020-W53"],
    ["2026-03-02", "2026-W10"],
    ["2026-03-08", "2026-W10"], // Sunday ends the week
    ["2026-03-09", "2026-W11"],
    ["1970-01-01", "1970-W01"],
    ["1969-12-29", "1970-W01"], // before the epoch (negative day numbers)
    ["1969-12-28", "1969-W52"],
  ])("%s -> %s", (date, week) => {
    expect(isoWeek(Date.parse(`${date}T12:00:00Z`))).toBe(week);
    expect(isoWeek(Date.parse(`${date}T00:00:00Z`))).toBe(week);
    expect(isoWeek(Date.parse(`${date}T23:59:59Z`))).toBe(week);
  });
});

describe("day buckets (dayStart, dayStartOf, bucketsFor)", () => {
  const NY = TimeZone.of("America/New_York");
  const day = (y: number, m: number, d: number): number => Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);

  it("local midnight on ordinary and DST days", () => {
    expect(NY.dayStart(day(2026, 3, 7))).toBe(Date.UTC(2026, 2, 7, 5)); // EST
    expect(NY.dayStart(day(2026, 3, 8))).toBe(Date.UTC(2026, 2, 8, 5)); // spring-forward day starts in EST
    expect(NY.dayStart(day(2026, 3, 9))).toBe(Date.UTC(2026, 2, 9, 4)); // EDT
    expect(NY.dayStart(day(2026, 11, 2))).toBe(Date.UTC(2026, 10, 2, 5)); // after fall-back
  });

  it("a day whose midnight is skipped starts at the jump (Havana 2026-03-08: 00:00 -> 01:00)", () => {
    const HAV = TimeZone.of("America/Havana");
    // 00:00 CST (UTC-5) is skipped: the day starts at 05:00Z, which is 01:00 CDT.
    expect(HAV.dayStart(day(2026, 3, 8))).toBe(Date.UTC(2026, 2, 8, 5));
    expect(HAV.localDate(HAV.dayStart(day(2026, 3, 8)))).toBe("2026-03-08");
  });

  it("dayStartOf and next step through 23-, 24- and 25-hour days", () => {
    const b = bucketsFor(NY, "day", 30);
    expect(b.start(Date.UTC(2026, 2, 8, 20))).toBe(Date.UTC(2026, 2, 8, 5));
    const lengths: number[] = [];
    for (let s = b.start(Date.UTC(2026, 2, 7, 12)), i = 0; i < 3; i++, s = b.next(s)) lengths.push((b.next(s) - s) / 3_600_000);
    expect(lengths).toEqual([24, 23, 24]);
    const fall = b.start(Date.UTC(2026, 10, 1, 12));
    expect((b.next(fall) - fall) / 3_600_000).toBe(25);
  });

  it("the period bucket holds everything in one", () => {
    const b = bucketsFor(NY, "period", 30);
    expect(b.start(0)).toBe(b.start(Date.UTC(2030, 0, 1)));
    expect(b.next(b.start(0))).toBe(Infinity);
  });
});
