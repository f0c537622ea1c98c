/**
 * Time zones and instants. Everything inside cckpi is a UTC instant in epoch
 * milliseconds; local wall-clock time exists only when bucketing into intervals,
 * when reading timestamps that carry no offset, and when printing.
 *
 * Offsets come from Intl (IANA data shipped with Node) and are cached per
 * 15-minute UTC slot: zone transitions happen on quarter hours in practice, and
 * one Intl call costs more than the rest of a row's work.
 *
 * Wall times are resolved by checking every candidate offset (the offsets 12 h
 * either side), so a wall time in a DST gap has no instant and one in an overlap
 * has two: both are reported, never guessed (reliability-ecosystem.md §4).
 */
import { CckpiError } from "../errors.js";

const SLOT_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Resolution of a local wall time in a zone. */
export type WallResolution =
  | { kind: "ok"; utcMs: number }
  | { kind: "gap" }
  | { kind: "overlap"; earlierUtcMs: number; laterUtcMs: number };

export class TimeZone {
  readonly name: string;
  private readonly fmt: Intl.DateTimeFormat | null;
  private readonly cache = new Map<number, number>();

  private constructor(name: string) {
    this.name = name;
    this.fmt =
      name === "UTC"
        ? null
        : new Intl.DateTimeFormat("en-US", {
            timeZone: name,
            hourCycle: "h23",
            year: "numeric",
            month: "2-digit",
            day: "2-digit",
            hour: "2-digit",
            minute: "2-digit",
            second: "2-digit",
          });
  }

  /** An IANA zone name (`Europe/Paris`, `UTC`). Abbreviations such as `CST` are refused. */
  static of(name: string): TimeZone {
    const cached = zones.get(name);
    if (cached) return cached;
    if (!/^(UTC|Etc\/[A-Za-z0-9+-]+|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/.test(name)) {
      throw new CckpiError(
        "BAD_TIME_ZONE",
        `time zone "${name}" is not an IANA name`,
        `use an Area/City name such as America/New_York or Asia/Shanghai; abbreviations like CST are ambiguous (China +08, US -06)`,
      );
    }
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: name });
    } catch {
      throw new CckpiError("BAD_TIME_ZONE", `unknown time zone "${name}"`, "use an IANA name such as Europe/London");
    }
    const tz = new TimeZone(name);
    zones.set(name, tz);
    return tz;
  }

  /** The zone of this machine, as Intl reports it. */
  static system(): TimeZone {
    return TimeZone.of(Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
  }

  /** Offset (local - UTC) in milliseconds at a UTC instant. */
  offsetMs(utcMs: number): number {
    if (this.fmt === null) return 0;
    const slot = Math.floor(utcMs / SLOT_MS);
    const hit = this.cache.get(slot);
    if (hit !== undefined) return hit;
    const off = this.computeOffset(slot * SLOT_MS);
    this.cache.set(slot, off);
    return off;
  }

  private computeOffset(utcMs: number): number {
    const parts = this.fmt!.formatToParts(new Date(utcMs));
    let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    for (const p of parts) {
      switch (p.type) {
        case "year": y = +p.value; break;
        case "month": mo = +p.value; break;
        case "day": d = +p.value; break;
        case "hour": h = +p.value; break;
        case "minute": mi = +p.value; break;
        case "second": s = +p.value; break;
      }
    }
    return Date.UTC(y, mo - 1, d, h, mi, s) - utcMs;
  }

  /** Wall-clock milliseconds (as if the local time were UTC) at a UTC instant. */
  wallMs(utcMs: number): number {
    return utcMs + this.offsetMs(utcMs);
  }

  /** The instant(s) a local wall time names. */
  resolveWall(wallMs: number): WallResolution {
    const a = this.offsetMs(wallMs - 12 * HOUR_MS);
    const b = this.offsetMs(wallMs + 12 * HOUR_MS);
    const hits: number[] = [];
    for (const off of a === b ? [a] : [a, b]) {
      const u = wallMs - off;
      if (this.offsetMs(u) === off) hits.push(u);
    }
    if (hits.length === 0) {
      // A transition may lie within 12 h while the wall time is still valid
      // under the offset in force right at it.
      const off = this.offsetMs(wallMs - this.offsetMs(wallMs));
      const u = wallMs - off;
      if (this.offsetMs(u) === off) return { kind: "ok", utcMs: u };
      return { kind: "gap" };
    }
    if (hits.length === 1) return { kind: "ok", utcMs: hits[0]! };
    const [x, y] = hits as [number, number];
    return { kind: "overlap", earlierUtcMs: Math.min(x, y), laterUtcMs: Math.max(x, y) };
  }

  /** Start (UTC ms) of the wall-clock interval of `minutes` containing `utcMs`. */
  intervalStart(utcMs: number, minutes: number): number {
    const size = minutes * 60_000;
    const wall = this.wallMs(utcMs);
    return utcMs - (((wall % size) + size) % size);
  }

  /** Start (UTC ms) of the next interval after the one starting at `startUtcMs`. */
  nextIntervalStart(startUtcMs: number, minutes: number): number {
    return this.intervalStart(startUtcMs + minutes * 60_000, minutes);
  }

  /**
   * First instant (UTC ms) of local day `day` (days since 1970-01-01 on the wall
   * clock): local midnight, the earlier one if it happens twice, or the jump itself
   * where a DST change skips midnight.
   */
  dayStart(day: number): number {
    const wall = day * DAY_MS;
    const r = this.resolveWall(wall);
    if (r.kind === "ok") return r.utcMs;
    if (r.kind === "overlap") return r.earlierUtcMs;
    const before = this.offsetMs(wall - DAY_MS);
    const last = wall - before;
    let u = Math.ceil((wall - this.offsetMs(wall + DAY_MS)) / SLOT_MS) * SLOT_MS;
    while (u < last && this.offsetMs(u) === before) u += SLOT_MS;
    return u;
  }

  /** First instant of the local day containing `utcMs`. */
  dayStartOf(utcMs: number): number {
    return this.dayStart(Math.floor(this.wallMs(utcMs) / DAY_MS));
  }

  /** `YYYY-MM-DD` local date of an instant. */
  localDate(utcMs: number): string {
    return isoDate(this.wallMs(utcMs));
  }

  /** ISO-8601 local time with offset, e.g. `2026-03-08T01:30:00-05:00`. */
  formatLocal(utcMs: number): string {
    const off = this.offsetMs(utcMs);
    return `${isoDate(utcMs + off)}T${isoTime(utcMs + off)}${formatOffset(off)}`;
  }
}

const zones = new Map<string, TimeZone>();

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM-DD` of a wall-clock millisecond value. */
export function isoDate(wallMs: number): string {
  const d = new Date(wallMs);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function isoTime(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

export function formatOffset(offMs: number): string {
  if (offMs === 0) return "Z";
  const sign = offMs < 0 ? "-" : "+";
  const m = Math.abs(offMs) / 60_000;
  return `${sign}${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

/** ISO week key `2026-W09` of a wall-clock date (ISO 8601: weeks start Monday, week 1 holds Jan 4). */
export function isoWeek(wallMs: number): string {
  const day = Math.floor(wallMs / DAY_MS);
  const dow = (((day + 3) % 7) + 7) % 7; // 0 = Monday (1970-01-01 was a Thursday)
  const thursday = day - dow + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${pad2(week)}`;
}

export { DAY_MS, HOUR_MS };

/**
 * How finely records are kept: report intervals, local days (enough for day, week
 * and month rows: 48 times fewer records than half-hours), or one bucket for the
 * whole period. `start` maps an instant to its bucket, `next` steps buckets.
 */
export interface Buckets {
  kind: "interval" | "day" | "period";
  /** Bucket length written into records (0 for the period). */
  minutes: number;
  start(utcMs: number): number;
  next(startUtcMs: number): number;
}

/**
 * `Buckets` with the bucket last asked for at hand: input in time order asks for
 * the same bucket again and again, and its zone arithmetic is skipped then. The
 * answers are `buckets.start` and `buckets.next`: a bucket is reused only for an
 * instant within it.
 */
export class BucketCursor {
  private lo = Infinity;
  private hi = -Infinity;

  constructor(readonly buckets: Buckets) {}

  /** `buckets.start(t)`. */
  startOf(t: number): number {
    if (t < this.lo || t >= this.hi) {
      this.lo = this.buckets.start(t);
      this.hi = this.buckets.next(this.lo);
    }
    return this.lo;
  }

  /** `buckets.next(start)` for a bucket start. */
  nextOf(start: number): number {
    return start === this.lo ? this.hi : this.buckets.next(start);
  }
}

/** The single bucket of `period` rows: an instant before any data. */
export const PERIOD_START = -8.64e15;

export function bucketsFor(zone: TimeZone, kind: Buckets["kind"], intervalMinutes: number): Buckets {
  switch (kind) {
    case "interval":
      return { kind, minutes: intervalMinutes, start: (t) => zone.intervalStart(t, intervalMinutes), next: (s) => zone.nextIntervalStart(s, intervalMinutes) };
    case "day":
      // 26 h past a day's start is always inside the next day (days last 23 to 25 h).
      return { kind, minutes: 1440, start: (t) => zone.dayStartOf(t), next: (s) => zone.dayStartOf(s + 26 * HOUR_MS) };
    case "period":
      return { kind, minutes: 0, start: () => PERIOD_START, next: () => Infinity };
  }
}
