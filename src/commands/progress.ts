/**
 * A progress line on stderr for long inputs: only when stderr is a terminal, CI
 * is unset and -q was not given (CLI.md), redrawn at most four times a second,
 * and erased before anything else is printed. Sizes are of the files as stored
 * (gzip input is counted compressed, which is what the reading position means).
 */
import type { Io } from "./output.js";

const REDRAW_MS = 250;
const MIN_BYTES = 32 * 1024 * 1024;

export class Progress {
  private done = 0;
  private lastDraw = -Infinity;
  private drawn = false;
  private readonly on: boolean;

  constructor(private readonly total: number | null, io: Io, quiet: boolean, private readonly write: (s: string) => void) {
    this.on = io.stderrIsTTY === true && !quiet && !io.env.CI && (total === null || total >= MIN_BYTES);
  }

  add(bytes: number): void {
    if (!this.on) return;
    this.done += bytes;
    const now = Date.now();
    if (now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const mb = (this.done / 1e6).toFixed(0);
    const pct = this.total ? ` (${Math.min(100, Math.floor((100 * this.done) / this.total))} %)` : "";
    this.write(`\r\u001b[2Kcckpi: reading ${mb} MB${pct}`);
    this.drawn = true;
  }

  /** Erase the line; call before the summary and on errors. */
  clear(): void {
    if (this.drawn) this.write("\r\u001b[2K");
    this.drawn = false;
  }
}
