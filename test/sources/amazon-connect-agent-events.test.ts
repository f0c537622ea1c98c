/**
 * amazon-connect-agent-events: presence spans from the agent event stream. The
 * expected spans are worked out by hand from fixtures/amazon-connect/agent-events.ndjson
 * (its lines are listed in fixtures/README.md); the comments give the line numbers.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { AgentStateSpan } from "../../src/model/agent.js";
import source from "../../src/sources/amazon-connect-agent-events.js";
import ctrSource from "../../src/sources/amazon-connect-ctr.js";
import { cli, fixture, parseCsv } from "../helpers.js";
import { detect, lines, readText } from "./run-source.js";

const FIXTURE = fixture("amazon-connect", "agent-events.ndjson");
const CTR = fixture("amazon-connect", "ctr.ndjson");
const TEXT = readFileSync(FIXTURE, "utf8");
const at = (hms: string): number => Date.parse(`2026-03-02T${hms}Z`);
const BOB = "bob";
const X = "c0ffee00-0000-4000-8000-000000000c0c"; // the ARN's last part: no Username in its event

type Row = [string, string, string, number, number | null, number, number];
const row = (s: AgentStateSpan): Row => [s.agent, s.category, s.reason, s.startMs, s.endMs, s.line, s.rowCount];
const byStart = (a: Row, b: Row): number => a[0].localeCompare(b[0]) || a[3] - b[3];

/** One event line in the documented shape, for the rule tests. */
function ev(o: { id?: string; t: string; type?: string; status?: string; user?: string | null; arn?: string; contacts?: string[] }): string {
  const snap: Record<string, unknown> = { AgentStatus: { Name: o.status ?? "Available", StartTimestamp: `2026-03-02T${o.t}Z` }, Contacts: (o.contacts ?? []).map((State, i) => ({ ContactId: `k${i}`, State })) };
  if (o.user !== null) snap.Configuration = { Username: o.user ?? "dana" };
  return JSON.stringify({ AgentARN: o.arn ?? "arn:aws:connect:us-east-1:111122223333:instance/i/agent/d4na", CurrentAgentSnapshot: snap, EventId: o.id ?? `id-${o.t}`, EventTimestamp: `2026-03-02T${o.t}Z`, EventType: o.type ?? "STATE_CHANGE" });
}

describe("amazon-connect-agent-events", () => {
  it("reads the fixture: one presence span per change of state per agent, every line accounted for", async () => {
    const r = await readText(TEXT);
    expect(r.result.source.id).toBe("amazon-connect-agent-events");
    // 20 lines: 18 used, line 13 repeats line 12's EventId (duplicate), line 14 is broken (BAD_JSON).
    expect(r.tally.toJSON()).toMatchObject({ read: 20, used: 18, rejected: 1, filtered: 0, duplicates: 1 });
    expect(r.tally.balanced()).toBe(true);
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[14, "BAD_JSON"]]);
    expect(r.states.every((s) => s.layer === "presence")).toBe(true);
    const expected: Row[] = [
      // alice: LOGIN Available (1), HEART_BEAT (3) and a ringing CONNECTING contact (4) change nothing: 3 rows.
      ["alice", "available", "", at("15:00:00"), at("15:05:10"), 1, 3],
      ["alice", "talking", "", at("15:05:10"), at("15:08:00"), 5, 1], //   CONNECTED
      ["alice", "hold", "", at("15:08:00"), at("15:08:30"), 6, 1], //      CONNECTED_ONHOLD
      ["alice", "talking", "", at("15:08:30"), at("15:10:00"), 7, 1], //   CONNECTED again
      ["alice", "acw", "", at("15:10:00"), at("15:10:45"), 8, 1], //       ENDED: after-contact work
      ["alice", "available", "", at("15:10:45"), at("15:30:00"), 9, 1], // no contact left
      ["alice", "paused", "Lunch", at("15:30:00"), at("16:00:00"), 12, 1], // custom status; line 13 is its duplicate
      ["alice", "available", "", at("16:00:00"), at("16:30:00"), 16, 1],
      // LOGOUT (19) and the HEART_BEAT after it (20): logged out until the agent's last event, not left open.
      ["alice", "logged_out", "", at("16:30:00"), at("16:32:00"), 19, 2],
      // bob: line 10 (15:35 Available) arrives before line 11 (15:20 Break): sorted by EventTimestamp.
      [BOB, "available", "", at("15:00:30"), at("15:20:00"), 2, 1],
      [BOB, "paused", "Break", at("15:20:00"), at("15:35:00"), 11, 1],
      [BOB, "available", "", at("15:35:00"), at("15:40:00"), 10, 1],
      // Backoffice (15) and a HEART_BEAT without Configuration (17, grouped by AgentARN): open at the end.
      [BOB, "paused", "Backoffice", at("15:40:00"), null, 15, 2],
      [X, "available", "", at("16:10:00"), null, 18, 1],
    ];
    expect(r.states.map(row).sort(byStart)).toEqual(expected.sort(byStart));
  });

  it("config agents.states overrides status names (case-insensitively): Backoffice as available joins the span before it", async () => {
    const r = await readText(TEXT, { stateMap: new Map([["backoffice", "available"]]) });
    const bob = r.states.filter((s) => s.agent === BOB).map(row).sort(byStart);
    expect(bob).toEqual([
      [BOB, "available", "", at("15:00:30"), at("15:20:00"), 2, 1],
      [BOB, "paused", "Break", at("15:20:00"), at("15:35:00"), 11, 1],
      [BOB, "available", "", at("15:35:00"), null, 10, 3],
    ]);
    expect(r.tally.toJSON()).toMatchObject({ read: 20, used: 18, rejected: 1, filtered: 0, duplicates: 1 });
  });

  it("rules: contact precedence, Offline, aliases, filtered and rejected events", async () => {
    const r = await readText(lines(
      ev({ t: "10:00:00", type: "LOGIN", status: "Offline" }), //                      1 logged out
      ev({ t: "10:01:00", contacts: ["ENDED", "CONNECTED_ONHOLD"] }), //            2 hold beats acw
      ev({ t: "10:02:00", contacts: ["CONNECTED_ONHOLD", "CONNECTED", "MISSED"] }), // 3 talking beats hold
      ev({ t: "10:03:00", contacts: ["MISSED"] }), //                                4 MISSED: the status (available)
      ev({ t: "10:04:00", status: "available" }), //                                  5 the same: one more row
      JSON.stringify({ EventType: "CONTACT_EVENT", EventTimestamp: "2026-03-02T10:04:30Z" }), // 6 not an agent event: filtered
      ev({ t: "10:05:00", status: "" }), //                                          7 no status, no contact: MISSING_VALUE
      ev({ id: "late", t: "10:06:00", status: "Break" }).replace("2026-03-02T10:06:00Z\",\"EventType", "yesterday\",\"EventType"), // 8 BAD_TIMESTAMP
      ev({ t: "10:07:00", type: "LOGOUT", status: "Available" }), //                  9 LOGOUT: logged out whatever the status
    ), { aliases: new Map([["dana", "Dana Agent"]]) });
    expect(r.states.map(row)).toEqual([
      ["Dana Agent", "logged_out", "", at("10:00:00"), at("10:01:00"), 1, 1],
      ["Dana Agent", "hold", "", at("10:01:00"), at("10:02:00"), 2, 1],
      ["Dana Agent", "talking", "", at("10:02:00"), at("10:03:00"), 3, 1],
      ["Dana Agent", "available", "", at("10:03:00"), at("10:07:00"), 4, 2],
      ["Dana Agent", "logged_out", "", at("10:07:00"), at("10:07:00"), 9, 1],
    ]);
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[7, "MISSING_VALUE"], [8, "BAD_TIMESTAMP"]]);
    expect(r.tally.toJSON()).toMatchObject({ read: 9, used: 6, rejected: 2, filtered: 1, duplicates: 0 });
    expect(r.tally.balanced()).toBe(true);
  });

  it("reads a pretty-printed JSON array the same way", async () => {
    const events = TEXT.trimEnd().split("\n").filter((_, i) => i + 1 <= 3).map((l) => JSON.parse(l) as unknown);
    const r = await readText(`${JSON.stringify(events, null, 2)}\n`, { format: "amazon-connect-agent-events" });
    // alice LOGIN + HEART_BEAT (one open available span), bob LOGIN.
    expect(r.states.map((s) => [s.agent, s.category, s.startMs, s.endMs, s.rowCount]).sort()).toEqual([
      ["alice", "available", at("15:00:00"), null, 2],
      [BOB, "available", at("15:00:30"), null, 1],
    ]);
    expect(r.tally.toJSON()).toMatchObject({ read: 3, used: 3 });
  });

  it("is detected from the text, and the CTR source keeps its own file", () => {
    expect(detect(TEXT)[0]).toEqual({ id: "amazon-connect-agent-events", score: 0.98 });
    const ctr = readFileSync(CTR, "utf8");
    expect(detect(ctr)[0]?.id).toBe("amazon-connect-ctr");
    expect(source.detect({ name: "x", text: ctr, delimiter: ",", rows: [] })).toBe(0);
    // The CTR source scores agent events too (they carry contacts with ContactId and Queue): ours ranks above it.
    expect(ctrSource.detect({ name: "x", text: TEXT, delimiter: ",", rows: [] })).toBeLessThan(0.98);
    expect(source.detect({ name: "x", text: "agent,state\nalice,Available\n", delimiter: ",", rows: [["agent", "state"]] })).toBe(0);
  });

  it("reports through the CLI as --agents input", async () => {
    const r = await cli(["report", "--agents", FIXTURE, "--tz", "UTC", "--metrics", "logged-in,talking,paused", "-f", "csv"]);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(r.stdout);
    // alice: logged in 15:00:00-16:30:00 = 5400 s; talking 170 + 90 = 260 s; paused (Lunch) 1800 s.
    expect(rows.find((x) => x.agent === "alice")).toMatchObject({ logged_in: "5400", talking: "260", paused: "1800" });
  });
});
