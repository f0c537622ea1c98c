/**
 * `cckpi report` on the agent side: queue_log member events with a schedule
 * (bundled fixtures, hand-computed), agent-only runs with --agents/--schedule,
 * the warnings, and the real Salesforce presence export with its roster.
 */
import { describe, expect, it } from "vitest";
import { cli, fixture, hasShared, parseCsv, shared, sharedNote } from "../helpers.js";

const QL = fixture("asterisk", "queue_log");
const SCHEDULE = fixture("schedule", "queue_log_schedule.csv");
const TZ = ["--tz", "America/New_York"];

describe("report: queue_log agents with a schedule", () => {
  // State data: ADDMEMBER 08:50:00 (1001, 1002) and 08:50:10 (1003); no REMOVEMEMBER, so the sessions
  // close at the data end, 10:21:10 (the last call's end): 1001, 1002 logged in 5470 s, 1003 5460 s.
  // 1002 paused (lunch) 09:26:40-09:56:40 = 1800 s.
  // Schedule: 1001 Phones 09:00-10:00; 1002 Phones 09:00-11:00 with Lunch 09:30-10:00 (clipped at 10:21:10);
  // 1003 none.
  it("prints logged-in, paused, adherence and conformance per agent", async () => {
    const r = await cli(["report", QL, "--schedule", SCHEDULE, ...TZ, "--by", "agent", "--metrics", "logged-in,paused,adherence,conformance", "-f", "csv"]);
    expect(r.code).toBe(0);
    const rows = Object.fromEntries(parseCsv(r.stdout).map((x) => [x.agent!, x]));
    expect(rows["1001"]).toMatchObject({ logged_in: "5470", paused: "0", adherence: "1" });
    // 1001 conformance: worked 5470 / scheduled work 3600
    expect(Number(rows["1001"]!.conformance)).toBeCloseTo(5470 / 3600, 12);
    // 1002 adherence, tolerance 60 s: scheduled 09:00-10:21:10 = 4870 s. Out: 09:26:40-09:29:00 (lunch
    // while work is scheduled, before the 09:30 window) 140 s and 09:56:40-09:59:00 (back at work
    // during lunch) 140 s; adherent 4870 - 280 = 4590.
    expect(Number(rows["1002"]!.adherence)).toBeCloseTo(4590 / 4870, 12);
    // 1002 conformance: worked 5470 - 1800 paused = 3670 / work 4870 - 1800 lunch = 3070
    expect(Number(rows["1002"]!.conformance)).toBeCloseTo(3670 / 3070, 12);
    expect(rows["1002"]!.paused).toBe("1800");
    // 1003 has no schedule: no value (CSV empty), and listed on stderr.
    expect(rows["1003"]).toMatchObject({ logged_in: "5460", adherence: "", conformance: "" });
    // Total: adherence (3600 + 4590) / (3600 + 4870); conformance (5470 + 3670) / (3600 + 3070), 1003 in neither side.
    expect(Number(rows.Total!.adherence)).toBeCloseTo(8190 / 8470, 12);
    expect(Number(rows.Total!.conformance)).toBeCloseTo(9140 / 6670, 12);
    expect(r.stderr).toContain('agents with state data but no schedule (reported as "no schedule"): 1003');
    expect(r.stderr).toContain("3 agent state span(s) were still open at the end of the data");
    expect(r.stderr).toContain("rows read 44 = used 40 + rejected 0 + filtered 3 + duplicates 1");
  });

  it('tables print "no schedule", not 0 % or a dash', async () => {
    const r = await cli(["report", QL, "--schedule", SCHEDULE, ...TZ, "--by", "agent", "--metrics", "adherence", "-f", "table"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ 1003 +│ +no schedule │/);
    expect(r.stdout).toMatch(/│ 1001 +│ +100\.0 % │/);
    expect(r.stdout).toContain("Schedule evaluated from 2026-03-02T08:50:00-05:00 to 2026-03-02T10:21:10-05:00");
  });

  it("--by reason splits paused time by pause reason", async () => {
    const r = await cli(["report", QL, ...TZ, "--by", "agent,reason", "--metrics", "paused", "-f", "csv"]);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout).filter((x) => x.agent === "1002");
    expect(rows).toEqual([
      { agent: "1002", reason: "(none)", paused: "0" },
      { agent: "1002", reason: "lunch", paused: "1800" },
    ]);
  });
});

describe("report: teams and aliases from the config", () => {
  it("--by team sums agents' contacts and state time per team (config agents.teams, through agents.aliases)", async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "cckpi-teams-"));
    try {
      const cfg = join(dir, "cckpi.config.json");
      // 1003 is renamed "Carol" by an alias; the team map names Carol (any case).
      writeFileSync(cfg, JSON.stringify({ agents: { aliases: { "1003": "Carol" }, teams: { "1001": "Front", "1002": "Front", carol: "Back" } } }));
      const r = await cli(["report", QL, ...TZ, "--config", cfg, "--by", "team", "--metrics", "answered,logged-in", "-f", "csv"]);
      expect(r.code).toBe(0);
      // Front: 1001 (5 answered, 5470 s) + 1002 (1, 5470 s); Back: Carol = 1003 (2, 5460 s); unanswered contacts have no agent, no team.
      expect(parseCsv(r.stdout)).toEqual([
        { team: "(none)", answered: "0", logged_in: "0" },
        { team: "Back", answered: "2", logged_in: "5460" },
        { team: "Front", answered: "6", logged_in: "10940" },
        { team: "Total", answered: "7", logged_in: "16400" },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("intervals -> report round trip with agent facts", () => {
  it("gives the same adherence and conformance from the interval file, without warnings", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "cckpi-agents-"));
    try {
      const out = join(dir, "day.intervals.csv");
      const metrics = ["--metrics", "logged-in,adherence,conformance"];
      const w = await cli(["intervals", QL, "--schedule", SCHEDULE, ...TZ, ...metrics, "-o", out]);
      expect(w.code).toBe(0);
      const direct = await cli(["report", QL, "--schedule", SCHEDULE, ...TZ, "--by", "agent", ...metrics, "-f", "csv"]);
      const back = await cli(["report", out, ...TZ, "--by", "agent", ...metrics, "-f", "csv"]);
      expect(back.code).toBe(0);
      expect(back.stdout).toBe(direct.stdout);
      expect(back.stderr).not.toContain("warning");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("report: agent-only inputs", () => {
  it("--agents alone picks agent metrics and --by day,agent by default", async () => {
    const r = await cli(["report", "--agents", fixture("agent-states", "states.csv"), "--tz", "UTC", "-f", "csv"]);
    expect(r.code).toBe(0);
    const [head] = r.stdout.split("\n");
    expect(head).toBe("day,agent,logged_in,available,talking,paused,occupancy,utilization");
    // alice on 2026-03-02: available 09:00-09:30, talking 09:30-09:36:30, hold to 09:37, acw 45 s, lunch 12:00-12:30
    const alice = parseCsv(r.stdout).find((x) => x.agent === "alice");
    expect(alice).toMatchObject({ day: "2026-03-02", logged_in: String(1800 + 390 + 30 + 45 + 1800), available: "1800", talking: "390", paused: "1800" });
    // Counting note of contact reports is left out: there are no contacts.
    expect(r.stdout + r.stderr).not.toContain("count contacts");
  });

  it("a schedule alone is read, and the missing state data is named", async () => {
    const r = await cli(["report", "--schedule", fixture("schedule", "long.csv"), "--tz", "UTC", "--metrics", "adherence", "-f", "csv"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("adherence need agent state data, and none was read: give it with --agents");
  });

  it("agent metrics over contacts only warn that no agent data was read", async () => {
    const r = await cli(["report", fixture("contacts", "calls.csv"), "--tz", "UTC", "--metrics", "occupancy", "-f", "csv"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("occupancy need agent state data, and none was read");
  });

  it("a contact export after --agents is refused, naming what --agents reads", async () => {
    const r = await cli(["report", "--agents", fixture("contacts", "calls.csv"), "--tz", "UTC"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("FORMAT_NOT_DETECTED");
    expect(r.stderr).toContain("--agents reads agent state exports: asterisk-queue-log, amazon-connect-agent-events, agent-states");
    expect(r.stdout).toBe("");
  });

  it("report with no input at all is a usage error", async () => {
    const r = await cli(["report", "--tz", "UTC"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("NO_INPUT");
  });
});

describe.skipIf(!hasShared)("report: Salesforce Omni presence with its roster (real data)", () => {
  sharedNote();
  const S = (f: string): string => shared("real", "salesforce-omni-presence", f);

  it("per-agent adherence, conformance and occupancy for June 2026, every row accounted for", async () => {
    const r = await cli([
      "report", "--agents", S("report_presence.csv"), "--schedule", S("shifts.csv"), "--tz", "Europe/London",
      "--from", "2026-06-01", "--to", "2026-07-01", "--by", "agent",
      "--metrics", "logged-in,available,talking,paused,occupancy,adherence,conformance", "-f", "csv",
    ]);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    // 11 agents and the Total row.
    expect(rows.map((x) => x.agent)).toEqual([...Array.from({ length: 11 }, (_, i) => `Agent${String(i + 1).padStart(2, "0")} Person`), "Total"]);
    for (const x of rows) {
      // Each instant is in one state: logged in = available + talking + paused (no hold/acw in this export).
      expect(Number(x.available) + Number(x.talking) + Number(x.paused)).toBeCloseTo(Number(x.logged_in), 6);
      expect(Number(x.occupancy)).toBeGreaterThan(0);
      expect(Number(x.occupancy)).toBeLessThanOrEqual(1);
      expect(Number(x.adherence)).toBeGreaterThan(0);
      expect(Number(x.adherence)).toBeLessThanOrEqual(1);
      expect(Number(x.conformance)).toBeGreaterThan(0);
    }
    // AGENT04 Person (capitals in the roster) is matched to Agent04 Person: it has a value.
    expect(rows.find((x) => x.agent === "Agent04 Person")!.adherence).not.toBe("");
    // Presence rows 3,357 + header; roster 11 rows + header. Rows outside June are filtered, not lost.
    const m = /rows read (\d+) = used (\d+) \+ rejected (\d+) \+ filtered (\d+) \+ duplicates (\d+)/.exec(r.stderr);
    expect(m).not.toBeNull();
    const [read, used, rejected, filtered, dups] = m!.slice(1).map(Number) as [number, number, number, number, number];
    expect(read).toBe(3358 + 12);
    expect(read).toBe(used + rejected + filtered + dups);
    expect(rejected).toBe(0);
  });

  it("a roster row is used when any of its shifts falls in --from/--to (not filtered by its first cell)", async () => {
    // Every agent has a June shift; the rows' first cells are in January.
    const r = await cli(["report", "--schedule", S("shifts.csv"), "--tz", "Europe/London", "--from", "2026-06-01", "--to", "2026-07-01", "--metrics", "adherence", "-f", "csv"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("rows read 12 = used 11 + rejected 0 + filtered 1 + duplicates 0");
  });
});
