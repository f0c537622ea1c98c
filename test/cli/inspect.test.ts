import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FileReport } from "../../src/commands/inspect.js";
import { builtinSources } from "../../src/sources/index.js";
import { cli, fixture, parseCsv } from "../helpers.js";

const QL = fixture("asterisk", "queue_log");
const CALLS = fixture("contacts", "calls.csv");
const TZ = ["--tz", "America/New_York"];
const dir = mkdtempSync(join(tmpdir(), "cckpi-inspect-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = readFileSync(CALLS, "utf8").split("\n")[0]!;
const ROW1 = "k001,a1,billing,1001,+1 212 555 0101,2026-03-02 09:00:05,2026-03-02 09:00:17,2026-03-02 09:05:47,answered,12,300,30,20,0,invoice,5,1,voice";
const ROW2 = "k002,a2,billing,1002,+1 212 555 0102,2026-03-02 09:04:00,2026-03-02 09:04:25,2026-03-02 09:07:45,answered,25,200,0,15,0,";

function json(stdout: string): FileReport[] {
  return (JSON.parse(stdout) as { files: FileReport[] }).files;
}

describe("cckpi inspect", () => {
  it("describes the bundled queue_log: format, dialect, ledger, span, outcomes and a report command", async () => {
    const r = await cli(["inspect", QL, ...TZ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const out = r.stdout;
    expect(out.split("\n")[0]).toBe(QL);
    expect(out).toContain("  format:     asterisk-queue-log (score 0.95; runner-up none (no other format scored above 0))\n");
    expect(out).toContain("  encoding:   utf-8\n");
    expect(out).toContain('  delimiter:  "|"\n');
    expect(out).toContain('  header:     1772459400, NONE, sales, PJSIP/1001, ADDMEMBER, ""\n');
    // fixtures/README.md: 40 lines = 37 used (32 by contacts, 5 member events by agent state spans)
    // + 2 filtered (1 ring attempt, 1 open call) + 1 duplicate
    expect(out).toContain("  rows:       read 40 = used 37 + rejected 0 + filtered 2 + duplicates 1\n");
    expect(out).toContain("  filtered:   ring attempt 1, call still open at the end of the data 1\n");
    // 3 sessions (ADDMEMBER 1001, 1002, 1003, still open), 1002's lunch pause, a talking span per answered contact
    expect(out).toContain("  states:     12 spans (talking 8, available 3, paused 1)\n");
    // 11 closed calls, the sales->support transfer is two contacts: answered .1 .3 .7 .10(x2) .14 .16 .18,
    // abandoned .5 (3 s) .6 (40 s), EXITWITHTIMEOUT .9, EXITWITHKEY .13
    expect(out).toContain("  contacts:   12 (answered 8, abandoned 2, timeout 1, exit_key 1)\n");
    // first ADDMEMBER 1772459400 = 08:50:00 EST (agent sessions count as data);
    // last end: .18 COMPLETECALLER at 1772464870 = 10:21:10 (the open .20 is left out)
    expect(out).toContain("  time span:  2026-03-02T08:50:00-05:00 .. 2026-03-02T10:21:10-05:00 (America/New_York)\n");
    expect(out).toContain("  queues:     2: sales 7, support 5\n");
    expect(out).toContain("  agents:     3\n"); // 1001, 1002, 1003
    expect(out).toContain("  warning:    ");
    expect(out).toContain("still open at the end of the data");
    expect(out).toContain(`  report:     cckpi report ${QL} --input-format asterisk-queue-log --tz America/New_York --by day,queue\n`);
  });

  it("prints a report command that runs as pasted", async () => {
    const r = await cli(["inspect", QL, ...TZ]);
    const cmd = /report: {5}cckpi (.*)\n/.exec(r.stdout)![1]!.split(" ");
    const rep = await cli([...cmd, "-f", "csv", "--metrics", "offered"]);
    expect(rep.code).toBe(0);
    expect(parseCsv(rep.stdout).at(-1)).toMatchObject({ day: "Total", offered: "11" });
  });

  it("--json: the same facts for the contact CSV, with every format's score", async () => {
    const r = await cli(["inspect", CALLS, ...TZ, "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const [f, ...rest] = json(r.stdout);
    expect(rest).toEqual([]);
    expect(f!.status).toBe("ok");
    expect(f!.format).toBe("cckpi-contacts");
    expect(f!.detection.forced).toBe(false);
    expect(f!.detection.score).toBeGreaterThan(0);
    expect(f!.detection).toHaveProperty("runnerUp", null); // no other format claims this file
    expect(f!.detection.scores.map((s) => s.id).sort()).toEqual(builtinSources.map((s) => s.id).sort());
    expect(f!.detection.scores[0]).toEqual({ id: "cckpi-contacts", score: f!.detection.score });
    expect(f!.encoding).toBe("utf-8");
    expect(f!.delimiter).toBe(",");
    expect(f!.header).toEqual(HEADER.split(","));
    const l = f!.ledger;
    expect(l).toMatchObject({ read: 24, used: 23, rejected: 0, filtered: 1, duplicates: 0, filteredBy: { header: 1 }, balanced: true });
    expect(l.read).toBe(l.used + l.rejected + l.filtered + l.duplicates);
    // counted by hand from the 23 rows of calls.csv
    expect(f!.contacts).toBe(23);
    expect(f!.outcomes).toEqual({ answered: 15, abandoned: 5, timeout: 1, exit_key: 1, exit_empty: 0, not_joined: 1 });
    expect(f!.queues).toEqual([{ queue: "billing", contacts: 12 }, { queue: "tech", contacts: 11 }]);
    expect(f!.agents).toBe(4); // 1001, 1002, 2001, 2002
    expect(f!.timeSpan).toEqual({ from: "2026-03-02T09:00:05-05:00", to: "2026-03-06T16:46:10-05:00" });
    expect(f!.timeZone).toBe("America/New_York");
    expect(f!.rejects).toEqual([]);
    expect(f!.command).toBe(`cckpi report ${CALLS} --input-format cckpi-contacts --tz America/New_York --by day,queue`);
  });

  it("names the runner-up when a second format also matches (a config mapping)", async () => {
    const cfg = join(dir, "mapping.json");
    writeFileSync(cfg, JSON.stringify({ mapping: { columns: { arrivedAt: "arrived_at", outcome: "outcome" } } }));
    const r = await cli(["inspect", CALLS, ...TZ, "--config", cfg, "--json"]);
    expect(r.code).toBe(0);
    const [f] = json(r.stdout);
    expect(f!.format).toBe("cckpi-contacts");
    expect(f!.detection.runnerUp).toEqual({ id: "mapped", score: 0.98 });
    expect(f!.command).toContain(`--config ${cfg}`);
    const t = await cli(["inspect", CALLS, ...TZ, "--config", cfg]);
    expect(t.stdout).toMatch(/format: {5}cckpi-contacts \(score [\d.]+; runner-up mapped 0\.98\)/);
  });

  it("says when the format was forced", async () => {
    const r = await cli(["inspect", CALLS, ...TZ, "--input-format", "cckpi-contacts"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  format:     cckpi-contacts (forced with --input-format)\n");
    expect(r.stdout).toContain("  rows:       read 24 = used 23 + rejected 0 + filtered 1 + duplicates 0\n");
  });

  it("shows the GB18030 fallback with the line it started on", async () => {
    const f = join(dir, "gbk.csv");
    // line 3's disposition is 中文 in GBK (D6 D0 CE C4): not UTF-8
    writeFileSync(f, Buffer.concat([Buffer.from(`${HEADER}\n${ROW1}\n${ROW2}`), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from(",4,1,voice\n")]));
    const r = await cli(["inspect", f, ...TZ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("  encoding:   utf-8 then gb18030 from line 3\n");
    expect(r.stdout).toContain("  rows:       read 3 = used 2 + rejected 0 + filtered 1 + duplicates 0\n");
    expect(r.stdout).toMatch(/warning: {4}.*gbk\.csv:3: not valid UTF-8; decoding as gb18030/);
    const [j] = json((await cli(["inspect", f, ...TZ, "--json"])).stdout);
    expect(j!.encoding).toBe("utf-8 then gb18030 from line 3");
  });

  it("lists rejected rows with file:line and still exits 0", async () => {
    const f = join(dir, "bad.csv");
    const bad = ROW1.replace("k001", "k009").replace("2026-03-02 09:00:05", "yesterday");
    writeFileSync(f, `${HEADER}\n${ROW1}\n${bad}\n`);
    const r = await cli(["inspect", f, ...TZ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  rows:       read 3 = used 1 + rejected 1 + filtered 1 + duplicates 0\n");
    expect(r.stdout).toMatch(new RegExp(`\\n {4}${f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: [A-Z_]+: .+\\n`));
    const [j] = json((await cli(["inspect", f, ...TZ, "--json"])).stdout);
    expect(j!.rejects).toHaveLength(1);
    expect(j!.rejects[0]).toMatchObject({ file: f, line: 3 });
    expect(j!.ledger.balanced).toBe(true);
  });

  it("reports an unrecognized file with every score, inspects the others, and exits 1", async () => {
    const f = join(dir, "notes.txt");
    writeFileSync(f, "hello\nthis is not an export\n");
    const r = await cli(["inspect", f, QL, ...TZ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${f}\n  format:     not recognized\n`);
    expect(r.stdout).toMatch(/scores: {5}(\S+ 0(, )?)+\n/);
    expect(r.stdout).toContain("  first row:  hello\n");
    expect(r.stdout).toContain("  rows:       read 40 = used 37 + rejected 0 + filtered 2 + duplicates 1\n"); // the queue_log still inspected
    expect(r.stderr).toContain("cckpi: error [FORMAT_NOT_DETECTED]: 1 of 2 input(s) could not be read");
    expect(r.stderr).toContain("notes.txt (not recognized)");
    const j = await cli(["inspect", f, QL, ...TZ, "--json"]);
    expect(j.code).toBe(1);
    const [a, b] = json(j.stdout);
    expect(a).toMatchObject({ status: "not-recognized", format: null, command: null, error: { code: "FORMAT_NOT_DETECTED" } });
    expect(a!.detection.scores).toHaveLength(builtinSources.length);
    expect(b).toMatchObject({ status: "ok", format: "asterisk-queue-log", contacts: 12 });
  });

  it("exits 3 for a missing file and 2 for an unknown --input-format", async () => {
    const r = await cli(["inspect", join(dir, "nope.csv"), QL, ...TZ]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("[INPUT_NOT_FOUND]");
    const u = await cli(["inspect", QL, ...TZ, "--input-format", "nope"]);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('[UNKNOWN_FORMAT]: unknown format "nope"');
  });
});
