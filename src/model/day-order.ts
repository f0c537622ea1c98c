/**
 * Day order of slash dates (`23/04/2026` vs `4/23/2026`), shared by the agent
 * state and schedule sources: a date proves the order only when one of its first
 * two parts cannot be a month. Never guessed: callers hold or refuse rows until a
 * date (or config `agents.dateOrder`) settles it.
 */
export type DayOrder = "dmy" | "mdy";

/** The order a date's first two parts prove, or null when both could be the month. */
export function dayOrderOf(a: number, b: number): DayOrder | null {
  if (a > 12 && b >= 1 && b <= 12) return "dmy";
  if (b > 12 && a >= 1 && a <= 12) return "mdy";
  return null;
}
