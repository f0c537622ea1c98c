/** `cckpi formats [id]`: the input formats cckpi reads, or one format's columns and traps. */
import { CckpiError } from "../errors.js";
import { builtinSources } from "../sources/index.js";
import type { Io } from "./output.js";

export function formatsCommand(id: string | undefined, io: Io): void {
  if (id !== undefined) {
    const s = builtinSources.find((x) => x.id === id);
    if (!s) throw new CckpiError("UNKNOWN_FORMAT", `unknown format "${id}"`, `run \`cckpi formats\` for the list`);
    io.stdout(`${s.id}: ${s.title} (${s.records})\n\n${s.docs}\n`);
    return;
  }
  const w = Math.max(...builtinSources.map((s) => s.id.length));
  io.stdout(builtinSources.map((s) => `${s.id.padEnd(w)}  ${s.title} -> ${s.records}`).join("\n") + "\n");
}
