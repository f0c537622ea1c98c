/**
 * Durations as exports write them: plain seconds (`90`, `90.5`, `90,5`), H:MM:SS or
 * MM:SS. One parser for the sources that take "seconds or a clock" without a
 * declared format (agent state files, interval reports).
 */

/** Seconds: plain (`90`, `90.5`, `90,5`), H:MM:SS or MM:SS; NaN otherwise. */
export function parseDuration(s: string): number {
  if (/^\d+([.,]\d+)?$/.test(s)) return +s.replace(",", ".");
  const m = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(s);
  if (!m) return NaN;
  return m[3] === undefined ? +m[1]! * 60 + +m[2]! : +m[1]! * 3600 + +m[2]! * 60 + +m[3];
}
