/**
 * Timestamp parsing for exports: ISO-8601 (`2026-03-01T00:46:29`, space instead
 * of `T`, fractions, `Z` or `±hh:mm` offsets) and epoch seconds. Hand-written
 * over char codes because it runs once or more per row; no Date.parse, whose
 * handling of offset-less strings depends on the engine.
 *
 * A timestamp without an offset is a wall time in the source's zone; wall times
 * that fall in a DST gap or overlap are errors with their own codes, not guesses.
 */
import type { TimeZone } from "./time.js";

export type TimestampResult =
  | { ok: true; utcMs: number }
  | { ok: false; code: "BAD_TIMESTAMP" | "DST_GAP" | "DST_AMBIGUOUS" | "TZ_ABBREVIATION"; message: string };

function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48; // NaN past the end: the test below must refuse it too
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

const BAD = (s: string): TimestampResult => ({
  ok: false,
  code: "BAD_TIMESTAMP",
  message: `"${s}" is not a timestamp (expected ISO-8601 like 2026-03-01T09:30:00 or 2026-03-01 09:30:00+01:00)`,
});

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Parse an ISO-like timestamp; offset-less values are read in `zone`. */
export function parseTimestamp(raw: string, zone: TimeZone): TimestampResult {
  const s = raw.trim();
  if (s.length < 10) return BAD(raw);
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || s[4] !== "-" || s[7] !== "-") return BAD(raw);
  let h = 0, mi = 0, sec = 0, ms = 0;
  let i = 10;
  if (i < s.length && (s[i] === "T" || s[i] === " ")) {
    h = digits(s, i + 1, 2);
    mi = digits(s, i + 4, 2);
    if (h < 0 || mi < 0 || s[i + 3] !== ":" || h > 24 || mi > 59) return BAD(raw);
    i += 6;
    if (s[i] === ":") {
      sec = digits(s, i + 1, 2);
      if (sec < 0 || sec > 60) return BAD(raw);
      i += 3;
      if (s[i] === "." || s[i] === ",") {
        let j = i + 1, frac = 0, scale = 1;
        while (j < s.length) {
          const c = s.charCodeAt(j) - 48;
          if (c < 0 || c > 9) break;
          if (scale < 1000) { frac = frac * 10 + c; scale *= 10; }
          j++;
        }
        ms = Math.round((frac * 1000) / scale);
        i = j;
      }
    }
  }
  // 2026-02-31 is refused, not rolled over to March. The day is checked on its own
  // so that 24:00 (end of day, rolls to the next day) can't hide a bad date.
  if (d > daysInMonth(y, mo)) return BAD(raw);
  if (h === 24 && (mi !== 0 || sec !== 0 || ms !== 0)) return BAD(raw);
  // Integer arithmetic, not Date.UTC: this runs several times per row (and Date.UTC
  // maps years 0-99 to 1900-1999, where placeholders such as 0001-01-01 must stay year 1).
  const wall = daysFromCivil(y, mo, d) * 86_400_000 + ((h * 60 + mi) * 60 + sec) * 1000 + ms;
  while (s[i] === " ") i++;
  if (i >= s.length) {
    const r = zone.resolveWall(wall);
    if (r.kind === "ok") return { ok: true, utcMs: r.utcMs };
    if (r.kind === "gap")
      return { ok: false, code: "DST_GAP", message: `"${s}" does not exist in ${zone.name} (skipped by a DST change)` };
    return {
      ok: false,
      code: "DST_AMBIGUOUS",
      message: `"${s}" happens twice in ${zone.name} (DST change); the export needs an offset or UTC times`,
    };
  }
  const c = s[i];
  if (c === "Z" || c === "z") return i + 1 === s.length ? { ok: true, utcMs: wall } : BAD(raw);
  if (c === "+" || c === "-") {
    const oh = digits(s, i + 1, 2);
    let om = 0;
    let end = i + 3;
    if (s[end] === ":") { om = digits(s, end + 1, 2); end += 3; }
    else if (end < s.length) { om = digits(s, end, 2); end += 2; }
    if (oh < 0 || om < 0 || oh > 18 || om > 59 || end !== s.length) return BAD(raw);
    const off = (oh * 60 + om) * 60_000 * (c === "-" ? -1 : 1);
    return { ok: true, utcMs: wall - off };
  }
  // "UTC" and "GMT" name no ambiguity: offset 0. Other letters are a zone abbreviation.
  const word = s.slice(i);
  if (word === "UTC" || word === "GMT") return { ok: true, utcMs: wall };
  if (/^[A-Za-z]{2,5}$/.test(word)) {
    return {
      ok: false,
      code: "TZ_ABBREVIATION",
      message: `"${s}" carries the zone abbreviation "${s.slice(i)}", which is ambiguous (CST is China +08 or US -06); use an offset or an IANA --tz`,
    };
  }
  return BAD(raw);
}

const EPOCH = /^\s*-?(\d+\.?\d*|\.\d+)\s*$/;

/**
 * parseTimestamp of text[from, to) for the exact forms exports write most,
 * YYYY-MM-DD[T ]HH:MM:SS followed by nothing (a wall time in `zone`), Z, or
 * ±HH:MM, read from the characters without a string or a result object. NaN for
 * any other form and for values the full parser refuses: the caller then takes
 * the string path, which accepts the rest and says what is wrong. Same checks and
 * arithmetic as parseTimestamp (a test compares them).
 */
export function isoMsAt(s: string, from: number, to: number, zone: TimeZone): number {
  const len = to - from;
  if (len !== 19 && len !== 20 && len !== 25) return NaN;
  const y = digits(s, from, 4);
  const mo = digits(s, from + 5, 2);
  const d = digits(s, from + 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || s.charCodeAt(from + 4) !== 45 || s.charCodeAt(from + 7) !== 45) return NaN;
  const sep = s.charCodeAt(from + 10);
  if (sep !== 84 && sep !== 32) return NaN; // "T" or " "
  const h = digits(s, from + 11, 2);
  const mi = digits(s, from + 14, 2);
  const sec = digits(s, from + 17, 2);
  if (h < 0 || mi < 0 || sec < 0 || s.charCodeAt(from + 13) !== 58 || s.charCodeAt(from + 16) !== 58 || h > 24 || mi > 59 || sec > 60) return NaN;
  if (d > daysInMonth(y, mo) || (h === 24 && (mi !== 0 || sec !== 0))) return NaN;
  const wall = daysFromCivil(y, mo, d) * 86_400_000 + ((h * 60 + mi) * 60 + sec) * 1000;
  if (len === 19) {
    const r = zone.resolveWall(wall);
    return r.kind === "ok" ? r.utcMs : NaN;
  }
  const c = s.charCodeAt(from + 19);
  if (len === 20) return c === 90 || c === 122 ? wall : NaN; // "Z" or "z"
  if ((c !== 43 && c !== 45) || s.charCodeAt(from + 22) !== 58) return NaN; // "+" or "-", then "hh:mm"
  const oh = digits(s, from + 20, 2);
  const om = digits(s, from + 23, 2);
  if (oh < 0 || om < 0 || oh > 18 || om > 59) return NaN;
  return wall - (oh * 60 + om) * 60_000 * (c === 45 ? -1 : 1);
}

/**
 * Seconds in text[from, to) for the plain form (digits with an optional fraction,
 * at most 15 digits), as parseSeconds would read them; NaN for anything else (the
 * caller then takes the string path). Exact for the same reason as epochMsAt.
 */
export function secondsAt(text: string, from: number, to: number): number {
  let v = 0;
  let digits = 0;
  let scale = 1;
  let dot = false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      if (dot) scale *= 10;
      digits++;
    } else if (c === 46 && !dot && digits > 0) dot = true;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  return scale === 1 ? v : v / scale;
}

/**
 * parseEpochSeconds of text[from, to) for the common form, digits with an optional
 * fraction (at most 15 digits in all), read from the characters without a string;
 * NaN for anything else (the caller then takes the string path). Exact: the digits
 * form an integer below 2^53 and one division by a power of ten rounds correctly,
 * as Number() of the same text does.
 */
export function epochMsAt(text: string, from: number, to: number): number {
  return Math.round(secondsAt(text, from, to) * 1000);
}

/** Epoch seconds (integer or fractional, plain decimal) to ms, or NaN. */
export function parseEpochSeconds(s: string): number {
  // Number() alone would take "" and "  " as 0, and "0x10", "1e9", "Infinity".
  if (!EPOCH.test(s)) return NaN;
  return Math.round(Number(s) * 1000);
}
