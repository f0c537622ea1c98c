/**
 * Errors as users meet them: one table of mistakes and bad data, each with the
 * exit code of CLI.md, the stable error code, what the message must name, and
 * never a stack trace ("    at ") for anything that is not a bug.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, fixture, parseCsv, type CliResult } from "../helpers.js";

const QL = fixture("asterisk", "queue_log");
const TZ = ["--tz", "America/New_York"];
const HEAD = "queue,arrived_at,outcome,wait_seconds,talk_seconds";

// Made at load time: the table below names paths in it.
const dir = mkdtempSync(join(tmpdir(), "cckpi-errors-"));
const p = (name: string): string => join(dir, name);

beforeAll(() => {
  const json = (name: string, text: string): void => writeFileSync(p(name), text);
  json("negative-threshold.json", JSON.stringify({ metrics: { "service-level": { thresholdSeconds: -5 } } }));
  json("unknown-metric.json", JSON.stringify({ metrics: { "no-such-metric": {} } }));
  json("unknown-queue-metric.json", JSON.stringify({ queues: { sales: { metrics: { "no-such-metric": {} } } } }));
  json("bad-queue-value.json", JSON.stringify({ queues: { sales: { metrics: { "service-level": { formula: "made-up" } } } } }));
  json("unknown-key.json", JSON.stringify({ metricz: {} }));
  json("bad-interval.json", JSON.stringify({ intervalMinutes: 7 }));
  json("invalid.json", '{"metrics": {"service-level": ');
  // Line 3 has 4 fields under a 5-field header.
  writeFileSync(p("ragged.csv"), `${HEAD}\nsales,2026-03-02T09:00:00,answered,10,60\nsales,2026-03-02T09:01:00,answered,10\nsales,2026-03-02T09:02:00,abandoned,30,0\n`);
  // Line 3's queue is GBK: D6 D0 CE C4 is 中文.
  writeFileSync(
    p("gbk.csv"),
    Buffer.concat([
      Buffer.from(`${HEAD}\nsales,2026-03-02T09:00:00,answered,10,60\n`),
      Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
      Buffer.from(",2026-03-02T09:01:00,answered,30,30\n"),
    ]),
  );
  writeFileSync(p("notes.txt"), "Dear team,\nplease find the figures attached.\n");
  mkdirSync(p("a-folder"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Case {
  name: string;
  args: () => string[];
  env?: NodeJS.ProcessEnv;
  exit: number;
  /** The stable code in `cckpi: error [CODE]: ...`; null when commander reports it. */
  code: string | null;
  /** Text the stderr must contain (paths, flags, lines). */
  says?: (string | RegExp)[];
  /** stdout must be empty (no half report) unless told otherwise. */
  stdout?: (out: string) => void;
}

const cases: Case[] = [
  {
    name: "missing input file",
    args: () => ["report", p("nope.log"), ...TZ],
    exit: 3,
    code: "INPUT_NOT_FOUND",
    says: [`input not found: ${p("nope.log")}`],
  },
  {
    name: "a folder given as input",
    args: () => ["report", p("a-folder"), ...TZ],
    exit: 3,
    code: "INPUT_UNREADABLE",
    says: ["is a folder"],
  },
  {
    name: "a glob that matches nothing",
    args: () => ["report", join(dir, "*.nothing"), ...TZ],
    exit: 3,
    code: "INPUT_NOT_FOUND",
    says: ["no file matches"],
  },
  {
    name: "unknown metric",
    args: () => ["report", QL, ...TZ, "--metrics", "offered,sevice-level"],
    exit: 2,
    code: "UNKNOWN_METRIC",
    says: ['unknown metric "sevice-level"', "service-level"],
  },
  {
    name: "two time dimensions in --by",
    args: () => ["report", QL, ...TZ, "--by", "day,week,queue"],
    exit: 2,
    code: "UNKNOWN_DIMENSION",
    says: ["day, week"],
  },
  {
    name: "a --by name that is not a column name",
    args: () => ["report", QL, ...TZ, "--by", "day;queue"],
    exit: 2,
    code: "UNKNOWN_DIMENSION",
    says: ['"day;queue"'],
  },
  {
    name: "--interval 7",
    args: () => ["report", QL, ...TZ, "--interval", "7"],
    exit: 2,
    code: "BAD_OPTION",
    says: ['--interval "7"', "5, 10, 15, 30, 60"],
  },
  {
    name: "CCKPI_INTERVAL_MINUTES=7 is named as the variable, not the flag",
    args: () => ["report", QL, ...TZ],
    env: { CCKPI_INTERVAL_MINUTES: "7" },
    exit: 2,
    code: "BAD_OPTION",
    says: ['CCKPI_INTERVAL_MINUTES "7"'],
  },
  {
    name: "--max-errors that is not a number",
    args: () => ["report", QL, ...TZ, "--max-errors", "lots"],
    exit: 2,
    code: "BAD_OPTION",
    says: ['--max-errors "lots"'],
  },
  {
    name: "--tz CST (an abbreviation)",
    args: () => ["report", QL, "--tz", "CST"],
    exit: 2,
    code: "BAD_TIME_ZONE",
    says: ['"CST"', "China +08, US -06"],
  },
  {
    name: "--tz Mars/Olympus (well-formed, unknown)",
    args: () => ["report", QL, "--tz", "Mars/Olympus"],
    exit: 2,
    code: "BAD_TIME_ZONE",
    says: ["Mars/Olympus"],
  },
  {
    name: "--from that is not a date",
    args: () => ["report", QL, ...TZ, "--from", "yesterday"],
    exit: 2,
    code: "BAD_OPTION",
    says: ['--from "yesterday"'],
  },
  {
    name: "--to before --from",
    args: () => ["report", QL, ...TZ, "--from", "2026-03-03", "--to", "2026-03-02"],
    exit: 2,
    code: "BAD_OPTION",
    says: ["--to 2026-03-02 is not after --from 2026-03-03"],
  },
  {
    name: "unknown output format",
    args: () => ["report", QL, ...TZ, "-f", "xml"],
    exit: 2,
    code: "UNKNOWN_FORMAT",
    says: ['"xml"', "table, csv, tsv, json, ndjson, markdown"],
  },
  {
    name: "negative threshold in the config names its path",
    args: () => ["report", QL, ...TZ, "--config", p("negative-threshold.json")],
    exit: 2,
    code: "BAD_CONFIG",
    says: ["metrics.service-level.thresholdSeconds", "negative-threshold.json"],
  },
  {
    name: "bad per-queue value in the config names its path",
    args: () => ["report", QL, ...TZ, "--config", p("bad-queue-value.json")],
    exit: 2,
    code: "BAD_CONFIG",
    says: ["queues.sales.metrics.service-level.formula"],
  },
  {
    name: "unknown metric key in the config",
    args: () => ["report", QL, ...TZ, "--config", p("unknown-metric.json")],
    exit: 2,
    code: "BAD_CONFIG",
    says: ["metrics.no-such-metric: unknown metric"],
  },
  {
    name: "unknown metric key under a queue in the config",
    args: () => ["report", QL, ...TZ, "--config", p("unknown-queue-metric.json")],
    exit: 2,
    code: "BAD_CONFIG",
    says: ["queues.sales.metrics.no-such-metric"],
  },
  {
    name: "unknown top-level key in the config",
    args: () => ["report", QL, ...TZ, "--config", p("unknown-key.json")],
    exit: 2,
    code: "BAD_CONFIG",
    says: ["metricz"],
  },
  {
    name: "bad intervalMinutes in the config",
    args: () => ["report", QL, ...TZ, "--config", p("bad-interval.json")],
    exit: 2,
    code: "BAD_CONFIG",
    says: ["intervalMinutes"],
  },
  {
    name: "invalid JSON config",
    args: () => ["report", QL, ...TZ, "--config", p("invalid.json")],
    exit: 2,
    code: "BAD_CONFIG",
    says: ["invalid.json: not valid JSON"],
  },
  {
    name: "config file that does not exist",
    args: () => ["report", QL, ...TZ, "--config", p("absent.json")],
    exit: 3,
    code: "INPUT_NOT_FOUND",
    says: ["absent.json"],
  },
  {
    name: "CCKPI_CONFIG pointing at a bad config",
    args: () => ["report", QL, ...TZ],
    env: { CCKPI_CONFIG: "<dir>/negative-threshold.json" },
    exit: 2,
    code: "BAD_CONFIG",
    says: ["negative-threshold.json: metrics.service-level.thresholdSeconds"],
  },
  {
    name: "unknown option",
    args: () => ["report", QL, ...TZ, "--bogus"],
    exit: 2,
    code: null,
    says: ["unknown option '--bogus'"],
  },
  {
    name: "bad --on-error choice",
    args: () => ["report", QL, ...TZ, "--on-error", "ignore"],
    exit: 2,
    code: null,
    says: ["ignore"],
  },
  {
    name: "unknown command",
    args: () => ["reprot", QL],
    exit: 2,
    code: null,
    says: ["unknown command 'reprot'"],
  },
  {
    name: "report without files",
    args: () => ["report", ...TZ],
    exit: 2,
    code: "NO_INPUT",
    says: ["no input files", "--agents / --schedule"],
  },
  {
    name: "a ragged row is skipped and counted (default --on-error skip)",
    args: () => ["report", p("ragged.csv"), ...TZ, "--metrics", "offered"],
    exit: 0,
    code: null,
    says: ["rejected 1", "RAGGED_ROW 1", `${p("ragged.csv")}:3: RAGGED_ROW: expected 5 fields, found 4`],
    stdout: (out) => expect(parseCsv(out).at(-1)).toEqual({ day: "Total", queue: "", offered: "2" }),
  },
  {
    name: "a ragged row with --on-error fail",
    args: () => ["report", p("ragged.csv"), ...TZ, "--on-error", "fail"],
    exit: 1,
    code: "ROW_ERROR",
    says: [`${p("ragged.csv")}:3: RAGGED_ROW`],
  },
  {
    name: "--max-errors 0 with one bad row",
    args: () => ["report", p("ragged.csv"), ...TZ, "--max-errors", "0"],
    exit: 1,
    code: "TOO_MANY_ERRORS",
    says: ["more than 0 rows rejected", `${p("ragged.csv")}:3`],
  },
  {
    name: "--max-errors 1 with one bad row is within the limit",
    args: () => ["report", p("ragged.csv"), ...TZ, "--max-errors", "1"],
    exit: 0,
    code: null,
    says: ["rejected 1"],
    stdout: (out) => expect(out).toContain("Total"),
  },
  {
    name: "GBK bytes without --encoding: a warning naming the line, the file still read",
    args: () => ["report", p("gbk.csv"), ...TZ, "--by", "queue", "--metrics", "offered"],
    exit: 0,
    code: null,
    says: [`${p("gbk.csv")}:3: not valid UTF-8`, "gb18030", "used 2 + rejected 0"],
    stdout: (out) => expect(parseCsv(out)).toEqual([
      { queue: "sales", offered: "1" },
      { queue: "中文", offered: "1" },
      { queue: "Total", offered: "2" },
    ]),
  },
  {
    name: "GBK bytes with --encoding gbk: read without a warning",
    args: () => ["report", p("gbk.csv"), ...TZ, "--by", "queue", "--metrics", "offered", "--encoding", "gbk"],
    exit: 0,
    code: null,
    stdout: (out) => expect(out).toContain("中文,1"),
  },
  {
    name: "GBK bytes with --encoding utf-8",
    args: () => ["report", p("gbk.csv"), ...TZ, "--encoding", "utf-8"],
    exit: 1,
    code: "BAD_ENCODING",
    says: [`${p("gbk.csv")}:3: not valid UTF-8 (byte 0xd6)`],
  },
  {
    name: "unknown --encoding label",
    args: () => ["report", p("gbk.csv"), ...TZ, "--encoding", "klingon"],
    exit: 2,
    code: "BAD_OPTION",
    says: ['"klingon"'],
  },
  {
    name: "-o into a folder that does not exist",
    args: () => ["report", QL, ...TZ, "-o", join(dir, "no", "such", "folder", "out.csv")],
    exit: 4,
    code: "OUTPUT_NOT_WRITABLE",
    says: [join(dir, "no", "such", "folder", "out.csv")],
  },
  {
    name: "--rejects into a folder that does not exist",
    args: () => ["report", QL, ...TZ, "--rejects", join(dir, "no", "rejects.csv")],
    exit: 4,
    code: "OUTPUT_NOT_WRITABLE",
  },
  {
    name: "unrecognized input",
    args: () => ["report", p("notes.txt"), ...TZ],
    exit: 1,
    code: "FORMAT_NOT_DETECTED",
    says: ["notes.txt: format not recognized", "Dear team,"],
  },
  {
    name: "unknown --input-format",
    args: () => ["report", QL, ...TZ, "--input-format", "genesys-ivr-9000"],
    exit: 2,
    code: "UNKNOWN_FORMAT",
    says: ['"genesys-ivr-9000"'],
  },
];

describe("errors: exit codes, stable codes, one-line messages, no stacks", () => {
  it.each(cases)("$name -> exit $exit", async (c) => {
    const env = Object.fromEntries(Object.entries(c.env ?? {}).map(([k, v]) => [k, v?.replace("<dir>", dir)]));
    const r: CliResult = await cli(c.args(), env);
    expect(r.stderr).not.toContain("    at ");
    expect(r.stderr).not.toContain("internal error");
    expect(r.code, r.stderr).toBe(c.exit);
    if (c.code !== null) {
      // One line for the error, at most one for the hint; warnings may come first.
      const lines = r.stderr.trimEnd().split("\n");
      const at = lines.findIndex((l) => l.startsWith("cckpi: error ["));
      expect(at, r.stderr).toBeGreaterThanOrEqual(0);
      expect(lines[at]).toMatch(new RegExp(`^cckpi: error \\[${c.code}\\]: \\S`));
      expect(lines.slice(at + 1).every((l) => l.startsWith("  hint: ")), r.stderr).toBe(true);
      expect(lines.length - at).toBeLessThanOrEqual(2);
    } else if (c.exit !== 0) {
      expect(r.stderr).not.toContain("cckpi: error [");
    }
    for (const s of c.says ?? []) {
      if (typeof s === "string") expect(r.stderr).toContain(s);
      else expect(r.stderr).toMatch(s);
    }
    if (c.stdout) c.stdout(r.stdout);
    else if (c.exit !== 0) expect(r.stdout).toBe("");
  });

  it("a bare `cckpi` shows the help on stderr and is a usage error", async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Usage: cckpi");
  });

  it("--quiet leaves the warnings and summary out but not the error", async () => {
    const ok = await cli(["report", p("ragged.csv"), ...TZ, "-q"]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe("");
    const bad = await cli(["report", p("ragged.csv"), ...TZ, "-q", "--on-error", "fail"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("cckpi: error [ROW_ERROR]");
  });

  it("--rejects writes the rejected row with file, line, code, message and raw text", async () => {
    const { readFileSync } = await import("node:fs");
    const r = await cli(["report", p("ragged.csv"), ...TZ, "--rejects", p("rejects.csv")]);
    expect(r.code).toBe(0);
    const text = readFileSync(p("rejects.csv"), "utf8");
    expect(text).toBe(`file,line,code,message,raw\n${p("ragged.csv")},3,RAGGED_ROW,"expected 5 fields, found 4","sales,2026-03-02T09:01:00,answered,10"\n`);
  });
});

describe("an unwritable -o is found before any input is read", () => {
  it("exits 4 at once, even when the input would take long (or does not exist)", async () => {
    const r = await cli(["report", "/nonexistent/input.csv", "--tz", "UTC", "-o", "/nonexistent-folder/out.csv"]);
    // The output check comes first: the missing input is not even looked at.
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("[OUTPUT_NOT_WRITABLE]");
    expect(r.stderr).toContain("does not exist");
  });
});
