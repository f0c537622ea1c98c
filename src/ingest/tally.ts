/**
 * The row ledger: every input row is used, rejected (with file:line, a code and
 * a reason), filtered (with a reason) or a counted duplicate, and the totals
 * must add up to the rows read. Rejections go to `--rejects FILE` and obey
 * `--on-error` and `--max-errors`.
 */
import { CckpiError } from "../errors.js";

export type OnError = "fail" | "skip";

export interface RejectRow {
  file: string;
  line: number;
  code: string;
  message: string;
  raw: string;
}

export class Tally {
  read = 0;
  used = 0;
  rejected = 0;
  filtered = 0;
  duplicates = 0;
  readonly filteredBy = new Map<string, number>();
  readonly rejectedBy = new Map<string, number>();
  /** The first few rejections, for the summary on stderr. */
  readonly firstRejects: RejectRow[] = [];

  constructor(
    private readonly onError: OnError,
    private readonly maxErrors: number | null,
    private readonly sink: ((r: RejectRow) => void) | null,
  ) {}

  reject(r: RejectRow): void {
    this.rejected++;
    this.rejectedBy.set(r.code, (this.rejectedBy.get(r.code) ?? 0) + 1);
    if (this.firstRejects.length < 5) this.firstRejects.push(r);
    this.sink?.(r);
    if (this.onError === "fail") {
      throw new CckpiError("ROW_ERROR", `${r.file}:${r.line}: ${r.code}: ${r.message}`, "fix the row, or run with --on-error skip to leave it out and count it");
    }
    if (this.maxErrors !== null && this.rejected > this.maxErrors) {
      throw new CckpiError(
        "TOO_MANY_ERRORS",
        `more than ${this.maxErrors} rows rejected (last: ${r.file}:${r.line}: ${r.code}: ${r.message})`,
        "check the format (--format) and encoding, or raise --max-errors",
      );
    }
  }

  filter(reason: string, rows = 1): void {
    this.filtered += rows;
    this.filteredBy.set(reason, (this.filteredBy.get(reason) ?? 0) + rows);
  }

  /** read = used + rejected + filtered + duplicates. */
  balanced(): boolean {
    return this.read === this.used + this.rejected + this.filtered + this.duplicates;
  }

  summary(): string {
    return `rows read ${this.read} = used ${this.used} + rejected ${this.rejected} + filtered ${this.filtered} + duplicates ${this.duplicates}`;
  }

  toJSON(): Record<string, unknown> {
    return {
      read: this.read,
      used: this.used,
      rejected: this.rejected,
      filtered: this.filtered,
      duplicates: this.duplicates,
      rejectedBy: Object.fromEntries(this.rejectedBy),
      filteredBy: Object.fromEntries(this.filteredBy),
    };
  }
}
