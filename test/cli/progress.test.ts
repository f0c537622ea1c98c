import { describe, expect, it, vi } from "vitest";
import { Progress } from "../../src/commands/progress.js";
import type { Io } from "../../src/commands/output.js";

const io = (over: Partial<Io> = {}): Io => ({ stdout: () => {}, stderr: () => {}, stdoutIsTTY: false, stderrIsTTY: true, env: {}, ...over });
const MB = 1e6;

describe("progress on stderr", () => {
  it("draws a percentage on a terminal and erases it", () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    let out = "";
    const p = new Progress(100 * MB, io(), false, (s) => { out += s; });
    p.add(25 * MB);
    expect(out).toBe("\r\u001b[2Kcckpi: reading 25 MB (25 %)");
    vi.setSystemTime(100);
    p.add(25 * MB); // too soon to redraw
    expect(out).not.toContain("50 %");
    vi.setSystemTime(400);
    p.add(25 * MB);
    expect(out).toContain("reading 75 MB (75 %)");
    p.clear();
    expect(out.endsWith("\r\u001b[2K")).toBe(true);
    vi.useRealTimers();
  });

  it.each([
    ["stderr is not a terminal", io({ stderrIsTTY: false }), false, 100 * MB],
    ["CI is set", io({ env: { CI: "true" } }), false, 100 * MB],
    ["-q", io(), true, 100 * MB],
    ["small inputs", io(), false, 1 * MB],
  ])("stays silent when %s", (_n, theIo, quiet, total) => {
    let out = "";
    const p = new Progress(total, theIo, quiet, (s) => { out += s; });
    p.add(total);
    p.clear();
    expect(out).toBe("");
  });
});
