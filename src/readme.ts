/**
 * README tables generated from the registries (metrics, sources, outputs, error
 * codes), so the documentation cannot drift: `npm run docs` rewrites the blocks
 * between `<!-- BEGIN name -->` and `<!-- END name -->`, and a test fails when
 * the README differs from what this file generates.
 */
import { ERROR_CODES, EXIT } from "./errors.js";
import { builtinMetrics } from "./metrics/index.js";
import { outputs } from "./output/index.js";
import { builtinSources } from "./sources/index.js";

const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function optionSummary(schema: { safeParse(v: unknown): { success: boolean; data?: unknown } }): string {
  const r = schema.safeParse({});
  if (!r.success || !r.data || Object.keys(r.data as object).length === 0) return "";
  return Object.entries(r.data as Record<string, unknown>)
    .map(([k, v]) => `\`${k}\` [${Array.isArray(v) ? v.join(",") : String(v)}]`)
    .join(", ");
}

export function readmeBlocks(): Record<string, string> {
  const metrics = [
    "| metric | unit | what | options [default] |",
    "|---|---|---|---|",
    ...builtinMetrics.map((m) => `| \`${m.id}\` | ${m.unit} | ${cell(m.description)} | ${optionSummary(m.options)} |`),
  ].join("\n");
  const formats = [
    "| format id | reads | records |",
    "|---|---|---|",
    ...builtinSources.map((s) => `| \`${s.id}\` | ${cell(s.title)} | ${s.records} |`),
  ].join("\n");
  const outs = [
    "| `--format` | extensions for `-o` | what |",
    "|---|---|---|",
    ...outputs.map((o) => `| \`${o.id}\` | ${o.extensions.map((e) => `\`${e}\``).join(" ")} | ${cell(o.description)} |`),
  ].join("\n");
  const kinds = Object.entries(EXIT) as [keyof typeof EXIT, number][];
  const exits = [
    "| exit | meaning | error codes |",
    "|---|---|---|",
    ...kinds.map(([kind, code]) => {
      const codes = Object.entries(ERROR_CODES).filter(([, k]) => k === kind).map(([c]) => `\`${c}\``);
      const meaning: Record<keyof typeof EXIT, string> = {
        ok: "success (rejected rows are counted and listed on stderr)",
        data: "data error: rows rejected beyond `--max-errors`, `--on-error fail`, undetectable format, bad encoding",
        usage: "usage error: bad flag, unknown metric or format, invalid config (the message names the config path)",
        input: "input not found or unreadable",
        output: "output not writable",
        interrupted: "interrupted (Ctrl-C)",
      };
      return `| ${code} | ${meaning[kind]} | ${codes.join(" ")} |`;
    }),
  ].join("\n");
  return { metrics, formats, outputs: outs, exits };
}

/** README text with every generated block replaced. */
export function updateReadme(text: string): string {
  let out = text;
  for (const [name, body] of Object.entries(readmeBlocks())) {
    const re = new RegExp(`(<!-- BEGIN ${name} -->\\n)[\\s\\S]*?(<!-- END ${name} -->)`);
    if (!re.test(out)) throw new Error(`README lacks the ${name} block markers`);
    out = out.replace(re, `$1${body}\n$2`);
  }
  return out;
}
