/**
 * Where a command's table goes: `--format`, else inferred from `-o FILE`'s
 * extension, else table on a TTY and CSV when piped (CLI.md). Files are
 * written atomically; colour follows TTY, NO_COLOR, TERM=dumb, --no-color and
 * FORCE_COLOR.
 */
import { CckpiError } from "../errors.js";
import type { ReportTable, RowList } from "../report/rollup.js";
import { outputForFile, outputs } from "../output/index.js";
import type { OutputDef } from "../output/define.js";
import { writeFileAtomic } from "../output/write.js";

export interface OutputFlags {
  format?: string | undefined;
  output?: string | undefined;
  excel?: boolean | undefined;
  color?: boolean | undefined;
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdoutIsTTY: boolean;
  /** stderr is a terminal: progress may be drawn there (never in CI or with -q). */
  stderrIsTTY?: boolean;
  env: NodeJS.ProcessEnv;
}

export function chooseOutput(flags: OutputFlags, io: Io): OutputDef {
  if (flags.format) {
    const o = outputs.find((x) => x.id === flags.format);
    if (!o) throw new CckpiError("UNKNOWN_FORMAT", `unknown output format "${flags.format}"`, `choose one of: ${outputs.map((x) => x.id).join(", ")}`);
    return o;
  }
  if (toFile(flags)) {
    const o = outputForFile(flags.output!);
    if (o) return o;
  }
  return io.stdoutIsTTY && !toFile(flags) ? outputs.find((x) => x.id === "table")! : outputs.find((x) => x.id === "csv")!;
}

/** `-o FILE`; `-o -` is stdout and behaves as if no -o was given. */
function toFile(flags: OutputFlags): boolean {
  return flags.output !== undefined && flags.output !== "-";
}

export function useColor(flags: OutputFlags, io: Io): boolean {
  const env = io.env;
  if (flags.color === false) return false;
  // A file never gets escapes, even when CI sets FORCE_COLOR for its logs.
  if (toFile(flags)) return false;
  // force-color.org: present and non-empty forces; 0/false turn colour off, as in chalk.
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "") return !["0", "false"].includes(env.FORCE_COLOR);
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  return io.stdoutIsTTY;
}

export function emit(table: ReportTable<RowList>, flags: OutputFlags, io: Io, meta: Record<string, unknown>): void {
  const out = chooseOutput(flags, io);
  const text = out.render(table, { color: useColor(flags, io), excel: flags.excel === true, meta });
  const pieces = typeof text === "string" ? [text] : text;
  if (toFile(flags)) writeFileAtomic(flags.output!, pieces);
  else for (const piece of pieces) io.stdout(piece);
}
