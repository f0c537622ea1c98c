/** Test helpers: run the CLI in-process with captured streams, and locate shared data. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "../src/cli.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const fixture = (...p: string[]): string => join(ROOT, "fixtures", ...p);

/** `../shared/data` beside the project; tests that need it skip, saying so, when it is absent. */
export const SHARED_DATA = resolve(ROOT, "..", "shared", "data");
export const hasShared = existsSync(SHARED_DATA);
export const shared = (...p: string[]): string => join(SHARED_DATA, ...p);
export function sharedNote(): void {
  if (!hasShared) console.warn(`skipping: ${SHARED_DATA} is absent (real-data tests need ../shared/data)`);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], env: NodeJS.ProcessEnv = {}, tty = false): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(["node", "cckpi", ...args], {
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
    stdoutIsTTY: tty,
    env: { ...env },
  });
  return { code, stdout, stderr };
}

/** Parse our CSV output (no quoted commas in these tests) into objects. */
export function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trimEnd().split(/\r?\n/);
  const cols = head!.replace(/^\uFEFF/, "").split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i]!, v])));
}
