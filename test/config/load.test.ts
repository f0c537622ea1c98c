import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, resolveMetrics } from "../../src/config/load.js";
import { CckpiError } from "../../src/errors.js";
import { builtinMetrics } from "../../src/metrics/index.js";

function cfg(obj: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "cckpi-cfg-"));
  const p = join(dir, "cckpi.config.json");
  writeFileSync(p, typeof obj === "string" ? obj : JSON.stringify(obj));
  return p;
}

function err(f: () => unknown): CckpiError {
  try {
    f();
  } catch (e) {
    if (e instanceof CckpiError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

describe("config", () => {
  it("loads nothing when there is no file", () => {
    expect(loadConfig(null, {}).config).toEqual({});
  });

  it.each([
    [{ intervalMinutes: 7 }, "intervalMinutes"],
    [{ attribution: "middle" }, "attribution"],
    [{ timezone: "UTC" }, "timezone"],
    [{ queues: { vip: { sla: 1 } } }, "queues.vip"],
    [{ agents: { aliases: { a: 1 } } }, "agents.aliases.a"],
  ])("refuses %j naming the path %s", (obj, path) => {
    const e = err(() => loadConfig(cfg(obj), {}));
    expect(e.code).toBe("BAD_CONFIG");
    expect(e.message).toContain(path);
    expect(e.exitCode).toBe(2);
  });

  it("refuses invalid JSON and a missing file", () => {
    expect(err(() => loadConfig(cfg("{nope"), {})).code).toBe("BAD_CONFIG");
    expect(err(() => loadConfig("/nonexistent/cckpi.json", {})).code).toBe("INPUT_NOT_FOUND");
  });

  it("reads CCKPI_CONFIG", () => {
    const p = cfg({ timeZone: "Europe/Paris" });
    expect(loadConfig(null, { CCKPI_CONFIG: p }).config.timeZone).toBe("Europe/Paris");
  });

  it("validates metric options with their own schema, naming the full path", () => {
    const e = err(() => resolveMetrics(["service-level"], builtinMetrics, { metrics: { "service-level": { thresholdSeconds: -5 } } }, "c.json"));
    expect(e.code).toBe("BAD_CONFIG");
    expect(e.message).toContain("metrics.service-level.thresholdSeconds");
    const q = err(() => resolveMetrics(["service-level"], builtinMetrics, { queues: { vip: { metrics: { "service-level": { formula: "nope" } } } } }, "c.json"));
    expect(q.message).toContain("queues.vip.metrics.service-level.formula");
    expect(err(() => resolveMetrics(["offered"], builtinMetrics, { metrics: { "no-such": {} } }, null)).message).toContain("metrics.no-such");
    expect(err(() => resolveMetrics(["no-such"], builtinMetrics, {}, null)).code).toBe("UNKNOWN_METRIC");
  });

  it("merges per-queue options over the metric's own", () => {
    const [sl] = resolveMetrics(["service-level"], builtinMetrics, {
      metrics: { "service-level": { thresholdSeconds: 30, formula: "answered-within/answered" } },
      queues: { vip: { metrics: { "service-level": { thresholdSeconds: 10 } } } },
    }, null);
    expect(sl!.defaults).toMatchObject({ thresholdSeconds: 30, formula: "answered-within/answered" });
    expect(sl!.perQueue.get("vip")).toMatchObject({ thresholdSeconds: 10, formula: "answered-within/answered" });
  });
});
