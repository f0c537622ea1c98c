/**
 * Numbers become strings only here. Machine formats (CSV, TSV, JSON) carry raw
 * values: fractions for percents, seconds for durations. Human formats (table,
 * Markdown) show percents, mm:ss and thousands separators. No value is `—` for
 * humans, empty in CSV and null in JSON (METRICS.md §2).
 */
import type { Column } from "../report/rollup.js";

export const NO_VALUE = "—";

export function duration(seconds: number): string {
  // A plugin's difference metric can be negative; the parts below assume s >= 0.
  if (seconds < 0 && Math.round(-seconds) > 0) return `-${duration(-seconds)}`;
  const s = Math.round(Math.abs(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(h ? 2 : 1, "0");
  return `${h ? `${h}:` : ""}${mm}:${String(sec).padStart(2, "0")}`;
}

const intFmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** A cell for people. */
export function human(v: string | number | null, col: Column): string {
  if (v === null) return col.empty ?? NO_VALUE;
  if (typeof v === "string") return v;
  switch (col.unit) {
    case "percent": return `${(v * 100).toFixed(1)} %`;
    case "seconds": return duration(v);
    case "score": return v.toFixed(2);
    default: return intFmt.format(v);
  }
}

/** A cell for machines: shortest round-trip text of the number, empty for no value. */
export function raw(v: string | number | null): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
}
