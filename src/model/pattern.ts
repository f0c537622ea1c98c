/**
 * Date and time patterns for exports that are not ISO-8601: a small subset of
 * date-fns tokens (yyyy yy MM M dd d HH H mm m ss s; anything else is literal),
 * compiled once into a parser that returns wall-clock milliseconds. A pattern is
 * always given by the user: `d/m/Y` versus `m/d/Y` is never guessed.
 */
import { daysFromCivil, daysInMonth } from "./timestamp.js";

type Part = "y4" | "y2" | "M" | "d" | "H" | "m" | "s";

const TOKENS: [string, Part, string][] = [
  ["yyyy", "y4", "(\\d{4})"],
  ["yy", "y2", "(\\d{2})"],
  ["MM", "M", "(\\d{2})"],
  ["M", "M", "(\\d{1,2})"],
  ["dd", "d", "(\\d{2})"],
  ["d", "d", "(\\d{1,2})"],
  ["HH", "H", "(\\d{2})"],
  ["H", "H", "(\\d{1,2})"],
  ["mm", "m", "(\\d{2})"],
  ["m", "m", "(\\d{1,2})"],
  ["ss", "s", "(\\d{2})"],
  ["s", "s", "(\\d{1,2})"],
];

export interface Pattern {
  source: string;
  /** Wall-clock ms (as if UTC), or NaN when the text does not match or is not a real date/time. */
  parse(text: string): number;
}

export function compilePattern(pattern: string): Pattern {
  let re = "^";
  const parts: Part[] = [];
  for (let i = 0; i < pattern.length; ) {
    const tok = TOKENS.find(([t]) => pattern.startsWith(t, i));
    if (tok) {
      re += tok[2];
      parts.push(tok[1]);
      i += tok[0].length;
    } else {
      re += pattern[i]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      i++;
    }
  }
  const rx = new RegExp(`${re}$`);
  return {
    source: pattern,
    parse(text: string): number {
      const m = rx.exec(text.trim());
      if (!m) return NaN;
      let y = 1970, mo = 1, d = 1, h = 0, mi = 0, s = 0;
      parts.forEach((p, i) => {
        const v = +m[i + 1]!;
        if (p === "y4") y = v;
        else if (p === "y2") y = v < 70 ? 2000 + v : 1900 + v; // the POSIX %y rule
        else if (p === "M") mo = v;
        else if (p === "d") d = v;
        else if (p === "H") h = v;
        else if (p === "m") mi = v;
        else s = v;
      });
      if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return NaN;
      const days = daysFromCivil(y, mo, d);
      return days * 86_400_000 + ((h * 60 + mi) * 60 + s) * 1000;
    },
  };
}
