import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../src/catalog.js";
import { builtinMetrics } from "../../src/metrics/index.js";
import { ROOT } from "../helpers.js";

describe("the metric catalog (what `cckpi metrics` reads without loading metric modules)", () => {
  it("has every registered metric with its defaults", () => {
    const c = buildCatalog();
    expect(c.metrics.map((m) => m.id)).toEqual(builtinMetrics.map((m) => m.id));
    expect(c.metrics.find((m) => m.id === "service-level")!.defaults).toEqual({
      thresholdSeconds: 20,
      formula: "answered-within/offered-minus-short",
      shortAbandonSeconds: 5,
    });
  });

  const built = join(ROOT, "dist", "catalog.json");
  it.skipIf(!existsSync(built))("dist/catalog.json matches the sources (rebuild with npm run build)", () => {
    expect(JSON.parse(readFileSync(built, "utf8"))).toEqual(JSON.parse(JSON.stringify(buildCatalog())));
  });
});
