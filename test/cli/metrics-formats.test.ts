/** `cckpi metrics`, `cckpi formats`, `--version` and `--help`: what they print and their exit codes. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinMetrics } from "../../src/metrics/index.js";
import { SL_FORMULAS } from "../../src/metrics/service-level.js";
import { builtinSources } from "../../src/sources/index.js";
import { cli, ROOT } from "../helpers.js";

const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

describe("cckpi metrics", () => {
  it("lists every registered metric once, in registry order, with its unit and description", async () => {
    const r = await cli(["metrics"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(builtinMetrics.map((m) => m.id));
    for (const [i, m] of builtinMetrics.entries()) {
      expect(lines[i]).toContain(m.unit);
      expect(lines[i]).toContain(m.description);
    }
  });

  it("service-level: its title, all six formula ids and the option defaults", async () => {
    const r = await cli(["metrics", "service-level"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^service-level: Service level \(percent\)\n/);
    expect(SL_FORMULAS).toHaveLength(6);
    for (const f of SL_FORMULAS) expect(r.stdout).toContain(f);
    const json = r.stdout.slice(r.stdout.indexOf("{\n"));
    expect(JSON.parse(json)).toEqual({ thresholdSeconds: 20, formula: "answered-within/offered-minus-short", shortAbandonSeconds: 5 });
    expect(r.stdout).toContain('"metrics": {"service-level": {...}}');
  });

  it("a metric without options says so", async () => {
    const r = await cli(["metrics", "offered"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n\(none\)\n$/);
  });

  it.each(builtinMetrics.map((m) => m.id))("%s prints its definition", async (id) => {
    const r = await cli(["metrics", id]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`${id}: `)).toBe(true);
  });

  it("an unknown id is a usage error (exit 2) with a hint", async () => {
    const r = await cli(["metrics", "service-levle"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('cckpi: error [UNKNOWN_METRIC]: unknown metric "service-levle"\n  hint: run `cckpi metrics` for the list\n');
  });
});

describe("cckpi formats", () => {
  it("lists every source with its title and what it yields", async () => {
    const r = await cli(["formats"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(builtinSources.map((s) => s.id));
    for (const [i, s] of builtinSources.entries()) expect(lines[i]).toContain(`${s.title} -> ${s.records}`);
  });

  it("asterisk-queue-log prints its docs", async () => {
    const r = await cli(["formats", "asterisk-queue-log"]);
    expect(r.code).toBe(0);
    const s = builtinSources.find((x) => x.id === "asterisk-queue-log")!;
    expect(r.stdout).toBe(`asterisk-queue-log: ${s.title} (contacts and agent states)\n\n${s.docs}\n`);
    expect(r.stdout).toContain("ENTERQUEUE");
    expect(r.stdout).toContain("AHT is talk-only");
  });

  it.each(builtinSources.map((s) => s.id))("%s prints its docs", async (id) => {
    const r = await cli(["formats", id]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`${id}: `)).toBe(true);
    expect(r.stdout.length).toBeGreaterThan(200);
  });

  it("an unknown id is a usage error (exit 2)", async () => {
    const r = await cli(["formats", "genesys-ivr-9000"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cckpi: error [UNKNOWN_FORMAT]: unknown format "genesys-ivr-9000"');
  });
});

describe("--version and --help", () => {
  it.each([["--version"], ["-V"]])("%s prints the package.json version on stdout", async (flag) => {
    const r = await cli([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${VERSION}\n`);
    expect(r.stderr).toBe("");
  });

  it("--help lists the commands on stdout and exits 0", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    for (const c of ["report", "intervals", "metrics", "formats"]) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, "m"));
  });

  it.each([["report", "--help"], ["help", "report"], ["intervals", "-h"], ["metrics", "--help"]])("%s %s exits 0", async (a, b) => {
    const r = await cli([a, b]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: cckpi");
  });

  it("report --help names the options CLI.md promises", async () => {
    const r = await cli(["report", "--help"]);
    for (const o of ["--tz", "--interval", "--by", "--metrics", "--config", "--on-error", "--rejects", "--max-errors", "--plugin", "--output", "--format", "--excel", "--no-color", "--quiet", "--verbose"]) {
      expect(r.stdout).toContain(o);
    }
  });
});
