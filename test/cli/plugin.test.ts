/**
 * `--plugin FILE`: a user's metric module, written here to a temp folder the way
 * a user would write it (plain ESM, no import of cckpi: the helpers come in as
 * `api`). Values are computed by hand from fixtures/asterisk/queue_log.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, fixture, parseCsv } from "../helpers.js";

const QL = fixture("asterisk", "queue_log");
const TZ = ["--tz", "America/New_York"];
const dir = mkdtempSync(join(tmpdir(), "cckpi-plugin-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each plugin under its own name: ESM caches modules by URL. */
let n = 0;
function plugin(source: string, ext = ".mjs"): string {
  const f = join(dir, `plugin-${++n}${ext}`);
  writeFileSync(f, source);
  return f;
}

const LONG_TALK = `
// Share of handled contacts whose talk lasted longer than limitSeconds.
export default (api) =>
  api.defineMetric({
    id: "long-talk-rate",
    title: "Long talk rate",
    unit: "percent",
    description: "Share of handled contacts with talk longer than the limit.",
    details: "long-talk-rate = handled with talk > limitSeconds [120] / handled.",
    needs: ["contacts"],
    options: api.z.object({ limitSeconds: api.z.number().positive().default(120) }).strict(),
    facts: (o) => ({
      long: {
        key: "long_talk_over_" + o.limitSeconds + "s",
        kind: "sum",
        phase: "handle",
        description: "handled contacts with talk > " + o.limitSeconds + " s",
        of: (c) => (c.outcome === "answered" && c.endedMs !== null && c.talkSeconds > o.limitSeconds ? 1 : 0),
      },
      handled: api.facts.handled,
    }),
    value: (p) => api.ratio(p.long, p.handled),
  });
`;

// Talk seconds of the handled contacts in the queue_log:
//   sales   300, 180, 60 (transferred out), 200, 60
//   support 240, 120 (the transferred call), 90
// The total counts the transferred call once with its talk summed: 60 + 120 = 180.
describe("a metric plugin", () => {
  const file = plugin(LONG_TALK);

  it("appears as a column with the hand-computed values (ratio of sums in the total)", async () => {
    const r = await cli(["report", QL, ...TZ, "--plugin", file, "--metrics", "answered,long-talk-rate"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      [
        "day,queue,answered,long_talk_rate",
        "2026-03-02,sales,5,0.6", // 300, 180, 200 > 120
        "2026-03-02,support,3,0.333333333333333", // 240 > 120; 120 is not
        "Total,,7,0.714285714285714", // 300, 180, 200, 240 and the call's 180: 5 / 7
        "",
      ].join("\n"),
    );
  });

  it("is added to the default metrics when --metrics is not given", async () => {
    const r = await cli(["report", QL, ...TZ, "--plugin", file]);
    expect(r.code).toBe(0);
    expect(parseCsv(r.stdout)[0]).toEqual({
      day: "2026-03-02", queue: "sales", offered: "7", answered: "5", abandon_rate: "0.166666666666667",
      service_level: "0.5", asa: "20", aht: "160", long_talk_rate: "0.6",
    });
  });

  it("takes its options from the config, per queue too", async () => {
    const cfg = join(dir, "plugin-config.json");
    writeFileSync(cfg, JSON.stringify({
      metrics: { "long-talk-rate": { limitSeconds: 180 } },
      queues: { support: { metrics: { "long-talk-rate": { limitSeconds: 60 } } } },
    }));
    const r = await cli(["report", QL, ...TZ, "--plugin", file, "--metrics", "long-talk-rate", "--config", cfg, "-f", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { rows: Record<string, unknown>[]; total: Record<string, unknown> };
    // sales > 180: 300, 200 -> 2/5; support > 60: 240, 120, 90 -> 3/3
    expect(doc.rows.map((x) => x.long_talk_rate)).toEqual([0.4, 1]);
    // calls ending in sales (limit 180): 300, 200 of 4; ending in support (limit 60): 240, 180, 90 -> 5/7
    expect(doc.total.long_talk_rate).toBeCloseTo(5 / 7, 12);
  });

  it("its options are validated like a built-in's, with the path", async () => {
    const cfg = join(dir, "plugin-bad-config.json");
    writeFileSync(cfg, JSON.stringify({ metrics: { "long-talk-rate": { limitSeconds: "long" } } }));
    const r = await cli(["report", QL, ...TZ, "--plugin", file, "--config", cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("metrics.long-talk-rate.limitSeconds");
  });

  it("writes its fact into interval records, and report reads them back to the same values", async () => {
    const rec = join(dir, "intervals.csv");
    const w = await cli(["intervals", QL, ...TZ, "--plugin", file, "--metrics", "answered,long-talk-rate", "-o", rec]);
    expect(w.code, w.stderr).toBe(0);
    const again = await cli(["report", rec, ...TZ, "--plugin", file, "--metrics", "answered,long-talk-rate"]);
    expect(again.code, again.stderr).toBe(0);
    const direct = await cli(["report", QL, ...TZ, "--plugin", file, "--metrics", "answered,long-talk-rate"]);
    expect(again.stdout).toBe(direct.stdout);
  });

  it("is listed and described by `cckpi metrics --plugin`", async () => {
    const list = await cli(["metrics", "--plugin", file]);
    expect(list.code).toBe(0);
    expect(list.stdout.trimEnd().split("\n").at(-1)).toMatch(/^long-talk-rate\s+percent\s+Share of handled contacts/);
    const one = await cli(["metrics", "long-talk-rate", "--plugin", file]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain("long-talk-rate = handled with talk > limitSeconds [120] / handled.");
    expect(one.stdout).toContain('"limitSeconds": 120');
  });

  it("a plain object default export works too", async () => {
    const f = plugin(`
export default {
  id: "answered-twice",
  title: "Answered x2",
  unit: "count",
  options: { safeParse: (v) => ({ success: true, data: v }) },
  facts: () => ({}),
  value: () => 2,
};`);
    const r = await cli(["report", QL, ...TZ, "--plugin", f, "--metrics", "answered-twice", "--by", "queue"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("queue,answered_twice\nsales,2\nsupport,2\nTotal,2\n");
  });
});

describe("a broken plugin", () => {
  const run = (f: string): ReturnType<typeof cli> => cli(["report", QL, ...TZ, "--plugin", f]);

  it.each([
    ["a default export without value()", `export default { id: "x-rate", title: "X", unit: "percent", options: { safeParse() {} }, facts: () => ({}) };`, "facts and value must be functions"],
    ["an id that is not kebab-case", `export default { id: "X Rate", title: "X", unit: "percent", options: { safeParse() {} }, facts: () => ({}), value: () => 1 };`, "id must be a kebab-case string"],
    ["an unknown unit", `export default (api) => ({ id: "x-rate", title: "X", unit: "widgets", options: api.z.object({}), facts: () => ({}), value: () => 1 });`, "unit must be"],
    ["options that are not a zod schema", `export default { id: "x-rate", title: "X", unit: "count", options: {}, facts: () => ({}), value: () => 1 };`, "options must be a zod schema"],
    ["no default export", `export const metric = 1;`, "the default export is not a metric definition"],
    ["a syntax error", `export default (api) => api.defineMetric({ id: "x" ;`, "cannot load"],
    ["an import of a package that is not installed", `import "no-such-package-cckpi";\nexport default {};`, "cannot load"],
    ["a default function that throws", `export default () => { throw new Error("plugin author's bug"); };`, "plugin author's bug"],
    ["api.defineMetric refusing the id", `export default (api) => api.defineMetric({ id: "Long Talk", title: "X", unit: "count", options: api.z.object({}), facts: () => ({}), value: () => 1 });`, "kebab-case"],
    ["value() that throws while the report runs", `export default (api) => api.defineMetric({ id: "x-rate", title: "X", unit: "count", options: api.z.object({}), facts: () => ({ n: api.facts.offered }), value: () => { throw new Error("boom in value"); } });`, "metric x-rate: value() threw: boom in value"],
    ["a fact whose of() throws while reading", `export default (api) => api.defineMetric({ id: "x-rate", title: "X", unit: "count", options: api.z.object({}), facts: () => ({ n: { key: "x_n", kind: "sum", phase: "queue", description: "x", of: () => { throw new Error("boom in of"); } } }), value: (p) => p.n });`, "fact x_n threw: boom in of"],
    ["an id a built-in metric already has", `export default (api) => api.defineMetric({ id: "aht", title: "My AHT", unit: "seconds", options: api.z.object({}), facts: () => ({}), value: () => 1 });`, 'metric id "aht" is already taken'],
  ])("%s -> exit 2 BAD_PLUGIN, one line naming the file", async (_name, source, says) => {
    const f = plugin(source);
    const r = await run(f);
    expect(r.stderr).not.toContain("    at ");
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^cckpi: error \[BAD_PLUGIN\]: /m);
    expect(r.stderr).toContain(f);
    expect(r.stderr).toContain(says);
    expect(r.stdout).toBe("");
  });

  it("the same plugin twice is refused", async () => {
    const f = plugin(LONG_TALK);
    const r = await cli(["report", QL, ...TZ, "--plugin", f, "--plugin", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('metric id "long-talk-rate" is already taken');
  });

  it("a plugin file that does not exist -> exit 3", async () => {
    const r = await run(join(dir, "nope.mjs"));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`cckpi: error [INPUT_NOT_FOUND]: plugin not found: ${join(dir, "nope.mjs")}`);
  });

  it("`cckpi metrics --plugin` with a broken plugin is also exit 2", async () => {
    const r = await cli(["metrics", "--plugin", plugin(`export default 42;`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("BAD_PLUGIN");
  });
});
