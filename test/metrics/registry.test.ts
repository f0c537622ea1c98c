import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { builtinMetrics } from "../../src/metrics/index.js";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "metrics");
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".ts") && f !== "define.ts" && f !== "index.ts")
  .map((f) => f.slice(0, -3))
  .sort();

describe("metric registry", () => {
  it("finds the metric files", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it("registers every metric file exactly once, and nothing else", () => {
    const ids = builtinMetrics.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(files);
  });

  it.each(files)("%s: id == file name; title, description, details; options default from {}", async (file) => {
    const mod = (await import(/* @vite-ignore */ pathToFileURL(join(DIR, `${file}.ts`)).href)) as { default: (typeof builtinMetrics)[number] };
    const def = mod.default;
    expect(def.id).toBe(file);
    expect(builtinMetrics).toContain(def);
    expect(def.title.trim()).not.toBe("");
    expect(def.description.trim()).not.toBe("");
    expect(def.details.trim()).not.toBe("");
    expect(def.options.safeParse({}).success).toBe(true);
  });
});
