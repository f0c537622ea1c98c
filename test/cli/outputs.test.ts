/**
 * Output formats, the TTY/pipe default, `-o FILE` (format from the extension,
 * atomic replace, old file kept on failure), `--excel`, colour rules, and the
 * row reconciliation in JSON. Figures are the hand-computed ones of
 * report.test.ts (fixtures/README.md describes the queue_log).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, fixture, parseCsv } from "../helpers.js";

const QL = fixture("asterisk", "queue_log");
const TZ = ["--tz", "America/New_York"];
const REPORT = ["report", QL, ...TZ];
const ANSI = /\x1b\[/;

const dir = mkdtempSync(join(tmpdir(), "cckpi-outputs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh folder per test, so "no temp file left" can list it exactly. */
const folder = (): string => mkdtempSync(join(dir, "t"));

const CSV = `day,queue,offered,answered,abandon_rate,service_level,asa,aht
2026-03-02,sales,7,5,0.166666666666667,0.5,20,160
2026-03-02,support,5,3,0,0.6,13.3333333333333,150
Total,,11,7,0.1,0.4,20,178.571428571429
`;

describe("each output format on the bundled queue_log", () => {
  it("csv: snake_case header, raw numbers (fractions, seconds), the total last", async () => {
    const r = await cli([...REPORT, "-f", "csv"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(CSV);
  });

  it("tsv: the same cells, tab-separated", async () => {
    const r = await cli([...REPORT, "-f", "tsv"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(CSV.replace(/,/g, "\t"));
  });

  it("json: rows keyed by column id, total, settings, inputs and a balanced reconciliation", async () => {
    const r = await cli([...REPORT, "-f", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect((doc.columns as { id: string }[]).map((c) => c.id)).toEqual(["day", "queue", "offered", "answered", "abandon_rate", "service_level", "asa", "aht"]);
    expect(doc.rows).toEqual([
      { day: "2026-03-02", queue: "sales", offered: 7, answered: 5, abandon_rate: 1 / 6, service_level: 0.5, asa: 20, aht: 160 },
      { day: "2026-03-02", queue: "support", offered: 5, answered: 3, abandon_rate: 0, service_level: 0.6, asa: 40 / 3, aht: 150 },
    ]);
    expect(doc.total).toEqual({ day: "Total", queue: "", offered: 11, answered: 7, abandon_rate: 0.1, service_level: 0.4, asa: 20, aht: 1250 / 7 });
    expect(doc.settings).toMatchObject({ timeZone: "America/New_York", intervalMinutes: 30, attribution: "arrival", by: ["day", "queue"] });
    expect(doc.inputs).toEqual([{ file: QL, format: "asterisk-queue-log", encoding: "utf-8", delimiter: "|" }]);
    const rec = doc.reconciliation as Record<string, number>;
    expect(rec).toMatchObject({ read: 40, used: 37, rejected: 0, filtered: 2, duplicates: 1 });
    expect(rec.read).toBe(rec.used! + rec.rejected! + rec.filtered! + rec.duplicates!);
    expect(doc.notes).toContain("AHT is talk-only for asterisk-queue-log: queue_log records no customer hold or after-call work.");
  });

  it("ndjson: one object per line, the total last", async () => {
    const r = await cli([...REPORT, "-f", "ndjson"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows[0]).toEqual({ day: "2026-03-02", queue: "sales", offered: 7, answered: 5, abandon_rate: 1 / 6, service_level: 0.5, asa: 20, aht: 160 });
    expect(rows[2]).toMatchObject({ day: "Total", offered: 11, service_level: 0.4 });
  });

  it("markdown: formatted cells, a bold total without empty `****` cells, notes as quotes", async () => {
    const r = await cli([...REPORT, "-f", "markdown"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`| day | queue | Offered | Answered | Abandon rate | Service level | ASA | AHT |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
| 2026-03-02 | sales | 7 | 5 | 16.7 % | 50.0 % | 0:20 | 2:40 |
| 2026-03-02 | support | 5 | 3 | 0.0 % | 60.0 % | 0:13 | 2:30 |
| **Total** |  | **11** | **7** | **10.0 %** | **40.0 %** | **0:20** | **2:59** |

> Rows by queue/agent count contacts; the Total row counts each call once (outcome of its last contact).
> AHT is talk-only for asterisk-queue-log: queue_log records no customer hold or after-call work.
`);
  });

  it("table: percents, m:ss, the notes under it; no escapes when piped", async () => {
    const r = await cli([...REPORT, "-f", "table"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
    const cells = (line: string): string[] => line.split("│").slice(1, -1).map((c) => c.trim());
    const body = r.stdout.split("\n").filter((l) => l.startsWith("│")).map(cells);
    expect(body).toEqual([
      ["day", "queue", "Offered", "Answered", "Abandon rate", "Service level", "ASA", "AHT"],
      ["2026-03-02", "sales", "7", "5", "16.7 %", "50.0 %", "0:20", "2:40"],
      ["2026-03-02", "support", "5", "3", "0.0 %", "60.0 %", "0:13", "2:30"],
      ["Total", "", "11", "7", "10.0 %", "40.0 %", "0:20", "2:59"],
    ]);
    expect(r.stdout).toContain("AHT is talk-only");
  });

  it("--no-total leaves the total row out", async () => {
    const r = await cli([...REPORT, "-f", "csv", "--no-total"]);
    expect(r.stdout).toBe(CSV.split("\n").filter((l) => !l.startsWith("Total")).join("\n"));
  });

  it("the summary goes to stderr, never into the data", async () => {
    const r = await cli([...REPORT, "-f", "csv"]);
    expect(r.stdout).not.toContain("rows read");
    expect(r.stderr).toContain("rows read 40 = used 37 + rejected 0 + filtered 2 + duplicates 1");
  });
});

describe("default format", () => {
  it("is CSV when stdout is piped", async () => {
    const r = await cli(REPORT, {}, false);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(CSV);
  });

  it("is a table on a TTY", async () => {
    const r = await cli(REPORT, {}, true);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^┌/);
    expect(r.stdout).toContain("50.0 %");
  });

  it("`-o -` is stdout, with the stdout defaults", async () => {
    expect((await cli([...REPORT, "-o", "-"], {}, false)).stdout).toBe(CSV);
    expect((await cli([...REPORT, "-o", "-"], { NO_COLOR: "1" }, true)).stdout).toMatch(/^┌/);
  });
});

describe("-o FILE", () => {
  it.each([
    ["out.csv", (t: string) => expect(t).toBe(CSV)],
    ["out.tsv", (t: string) => expect(t).toBe(CSV.replace(/,/g, "\t"))],
    ["out.json", (t: string) => expect(JSON.parse(t)).toMatchObject({ total: { offered: 11 } })],
    ["out.ndjson", (t: string) => expect(t.trimEnd().split("\n")).toHaveLength(3)],
    ["OUT.MD", (t: string) => expect(t).toMatch(/^\| day \| queue \|/)],
    ["out.txt", (t: string) => expect(t).toMatch(/^┌/)],
    ["out.unknown-extension", (t: string) => expect(t).toBe(CSV)],
  ])("%s: the format comes from the extension; nothing on stdout, no temp file left", async (name, check) => {
    const d = folder();
    const r = await cli([...REPORT, "-o", join(d, name)], {}, true);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    check(readFileSync(join(d, name), "utf8"));
    expect(readdirSync(d)).toEqual([name]);
  });

  it("--format wins over the extension", async () => {
    const d = folder();
    const r = await cli([...REPORT, "-f", "json", "-o", join(d, "out.csv")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(d, "out.csv"), "utf8"))).toHaveProperty("reconciliation");
  });

  it("a table written to a file has no escapes, even with FORCE_COLOR", async () => {
    const d = folder();
    const r = await cli([...REPORT, "-o", join(d, "out.txt")], { FORCE_COLOR: "1" }, true);
    expect(r.code).toBe(0);
    expect(readFileSync(join(d, "out.txt"), "utf8")).not.toMatch(ANSI);
  });

  it("replaces an existing file by rename (a new inode), leaving no temp file", async () => {
    const d = folder();
    const out = join(d, "report.csv");
    writeFileSync(out, "old report\n");
    const before = statSync(out).ino;
    const r = await cli([...REPORT, "-o", out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(CSV);
    expect(statSync(out).ino).not.toBe(before);
    expect(readdirSync(d)).toEqual(["report.csv"]);
  });

  it.each([
    ["an unknown metric", (d: string) => [...REPORT, "--metrics", "nope"], 2],
    ["a missing input", (d: string) => ["report", join(d, "missing.log"), ...TZ], 3],
    ["a ragged row under --on-error fail", (d: string) => {
      writeFileSync(join(d, "in.csv"), "queue,arrived_at,outcome\nsales,2026-03-02T09:00:00\n");
      return ["report", join(d, "in.csv"), ...TZ, "--on-error", "fail"];
    }, 1],
  ] as const)("on failure (%s) the old file stays as it was", async (_what, args, code) => {
    const d = folder();
    const out = join(d, "report.csv");
    writeFileSync(out, "old report\n");
    const r = await cli([...args(d), "-o", out]);
    expect(r.code).toBe(code);
    expect(r.stderr).not.toContain("    at ");
    expect(readFileSync(out, "utf8")).toBe("old report\n");
    expect(readdirSync(d).filter((x) => x !== "in.csv")).toEqual(["report.csv"]);
  });
});

describe("--excel", () => {
  const contacts = (): string => {
    const d = folder();
    const f = join(d, "contacts.csv");
    writeFileSync(
      f,
      [
        "queue,arrived_at,outcome,wait_seconds,talk_seconds,channel",
        "=cmd,2026-03-02T09:00:00,answered,10,60,-web",
        "+x,2026-03-02T09:01:00,answered,30,30,@chat",
        "+x,2026-03-02T09:02:00,abandoned,30,0,@chat",
        "＝sum,2026-03-02T09:03:00,answered,5,20,voice",
        "plain,2026-03-02T09:04:00,answered,5,20,voice",
      ].join("\n") + "\n",
    );
    return f;
  };

  it("writes a UTF-8 BOM, CRLF and escapes text cells starting with = + - @ (and full-width ＝); numbers stay numbers", async () => {
    const r = await cli(["report", contacts(), ...TZ, "--by", "queue,channel", "--metrics", "offered,answered,service-level,asa", "--excel"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith("\uFEFF")).toBe(true);
    expect(r.stdout.endsWith("\r\n")).toBe(true);
    expect(r.stdout.replace(/\r\n/g, "")).not.toContain("\n");
    expect(r.stdout.slice(1).split("\r\n")).toEqual([
      "queue,channel,offered,answered,service_level,asa",
      "'+x,'@chat,2,1,0,30",
      "'=cmd,'-web,1,1,1,10",
      "'＝sum,voice,1,1,1,5",
      "plain,voice,1,1,1,5",
      "Total,,5,4,0.6,12.5",
      "",
    ]);
  });

  it("without --excel the same cells are written as they are", async () => {
    const r = await cli(["report", contacts(), ...TZ, "--by", "queue", "--metrics", "offered"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("queue,offered\n+x,2\n=cmd,1\n＝sum,1\nplain,1\nTotal,5\n");
  });
});

describe("colour", () => {
  const table = [...REPORT, "-f", "table"];
  it.each([
    ["a TTY", {}, [], true, true],
    ["piped", {}, [], false, false],
    ["NO_COLOR=1 on a TTY", { NO_COLOR: "1" }, [], true, false],
    ["NO_COLOR empty on a TTY (no-color.org: only a non-empty value counts)", { NO_COLOR: "" }, [], true, true],
    ["TERM=dumb on a TTY", { TERM: "dumb" }, [], true, false],
    ["--no-color on a TTY", {}, ["--no-color"], true, false],
    ["--no-color beats FORCE_COLOR", { FORCE_COLOR: "1" }, ["--no-color"], true, false],
    ["FORCE_COLOR=1 on a TTY", { FORCE_COLOR: "1" }, [], true, true],
    ["FORCE_COLOR=1 piped", { FORCE_COLOR: "1" }, [], false, true],
    ["FORCE_COLOR=0 on a TTY", { FORCE_COLOR: "0" }, [], true, false],
  ] as const)("%s", async (_name, env, flags, tty, colour) => {
    const r = await cli([...table, ...flags], { ...env }, tty);
    expect(r.code).toBe(0);
    if (colour) expect(r.stdout).toMatch(ANSI);
    else expect(r.stdout).not.toMatch(ANSI);
  });

  it("machine formats never carry escapes, even forced", async () => {
    for (const f of ["csv", "tsv", "json", "ndjson", "markdown"]) {
      const r = await cli([...REPORT, "-f", f], { FORCE_COLOR: "1" }, true);
      expect(r.stdout, f).not.toMatch(ANSI);
    }
  });
});

describe("no value: empty denominators", () => {
  // queue_log carries no ratings: CSAT has no value anywhere, never 0.
  const args = [...REPORT, "--metrics", "offered,csat"];

  it("is null in JSON and NDJSON", async () => {
    const doc = JSON.parse((await cli([...args, "-f", "json"])).stdout) as { rows: Record<string, unknown>[]; total: Record<string, unknown> };
    expect(doc.rows.map((r) => r.csat)).toEqual([null, null]);
    expect(doc.total.csat).toBeNull();
    const nd = (await cli([...args, "-f", "ndjson"])).stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(nd.map((r) => r.csat)).toEqual([null, null, null]);
  });

  it("is an empty cell in CSV", async () => {
    const r = await cli([...args, "-f", "csv"]);
    expect(r.stdout).toBe("day,queue,offered,csat\n2026-03-02,sales,7,\n2026-03-02,support,5,\nTotal,,11,\n");
    expect(parseCsv(r.stdout).map((x) => x.csat)).toEqual(["", "", ""]);
  });

  it('is "—" in the table and in Markdown', async () => {
    const t = await cli([...args, "-f", "table"]);
    const rows = t.stdout.split("\n").filter((l) => l.startsWith("│")).slice(1);
    expect(rows).toHaveLength(3);
    for (const l of rows) expect(l.split("│").at(-2)!.trim()).toBe("—");
    const md = await cli([...args, "-f", "markdown"]);
    expect(md.stdout).toContain("| 2026-03-02 | sales | 7 | — |");
    expect(md.stdout).toContain("| **Total** |  | **11** | **—** |");
  });
});

describe("reconciliation in JSON balances with rejected rows too", () => {
  it("read = used + rejected + filtered + duplicates, with reasons", async () => {
    const d = folder();
    const f = join(d, "c.csv");
    writeFileSync(f, "queue,arrived_at,outcome,wait_seconds\nsales,2026-03-02T09:00:00,answered,10\nsales,2026-03-02T09:01:00,answered\nsales,2026-03-02T09:02:00,bogus,3\n\n");
    const r = await cli(["report", f, ...TZ, "-f", "json"]);
    expect(r.code).toBe(0);
    const rec = (JSON.parse(r.stdout) as { reconciliation: Record<string, unknown> }).reconciliation;
    expect(rec).toMatchObject({ read: 5, used: 1, rejected: 2, rejectedBy: { RAGGED_ROW: 1, BAD_OUTCOME: 1 } });
    expect(rec.read).toBe((rec.used as number) + (rec.rejected as number) + (rec.filtered as number) + (rec.duplicates as number));
  });
});
