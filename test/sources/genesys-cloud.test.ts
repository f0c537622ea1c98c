import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import ctrSource from "../../src/sources/amazon-connect-ctr.js";
import genesysSource from "../../src/sources/genesys-cloud.js";
import twilioSource from "../../src/sources/twilio-taskrouter.js";
import type { Sample } from "../../src/sources/define.js";
import { cli, fixture, parseCsv } from "../helpers.js";
import { detect, readText } from "./run-source.js";

const at = (iso: string): number => Date.parse(iso);
const FIXTURE = fixture("genesys-cloud", "conversations.json");
const TEXT = readFileSync(FIXTURE, "utf8");
const CONV = (n: number): string => `c0a1e001-0000-4000-8000-00000000000${n}`;
/** The physical line of a conversation's id in the pretty-printed fixture. */
const lineOf = (id: string): number => TEXT.slice(0, TEXT.indexOf(`"${id}"`)).split("\n").length;
const sample = (text: string): Sample => ({ name: "x", text: text.slice(0, 65536), delimiter: ",", rows: [] });

/** Every fixture file of the other formats. */
function otherFixtures(): string[] {
  const root = join(FIXTURE, "..", "..");
  const out: string[] = [];
  for (const d of readdirSync(root, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name === "genesys-cloud") continue;
    for (const f of readdirSync(join(root, d.name))) out.push(join(root, d.name, f));
  }
  return out;
}

describe("genesys-cloud", () => {
  it("reads the wrapper fixture: one contact per ACD visit, the wrapper is one used row", async () => {
    const r = await readText(TEXT, { format: "genesys-cloud", name: "conversations.json" });
    expect(r.tally.balanced()).toBe(true);
    // The {"conversations": [...]} wrapper is one JSON record; the outbound conversation
    // without an ACD participant is reported as "no queue" with 0 rows.
    expect(r.tally.toJSON()).toMatchObject({ read: 1, used: 1, rejected: 0, filtered: 0, duplicates: 0, filteredBy: { "no queue": 0 } });
    expect(r.contacts).toHaveLength(5);
    expect(r.contacts.map((c) => c.rowCount)).toEqual([1, 0, 0, 0, 0]);
    const byId = Object.fromEntries(r.contacts.map((c) => [c.contactId, c]));
    // Answered after IVR: queued 14:00:20-14:00:35; talk 180 + 60, hold 30, wrap-up 30.
    expect(byId[`${CONV(1)}:p-001-acd`]).toMatchObject({
      callId: CONV(1), queue: "Support", agent: "u-alice", customer: "+13175550101", outcome: "answered",
      arrivedMs: at("2026-03-02T14:00:20Z"), answeredMs: at("2026-03-02T14:00:35Z"), endedMs: at("2026-03-02T14:05:05Z"),
      waitSeconds: 15, talkSeconds: 240, holdSeconds: 30, acwSeconds: 30, transferred: false, disposition: "Resolved",
      line: lineOf(CONV(1)),
    });
    // Customer hung up in queue (disconnectType peer) after 42 s; bob was alerted but never interacted.
    expect(byId[`${CONV(2)}:p-002-acd`]).toMatchObject({
      queue: "Sales", agent: "", outcome: "abandoned", answeredMs: null, waitSeconds: 42, talkSeconds: 0,
      endedMs: at("2026-03-02T14:10:42Z"), disposition: "peer", line: lineOf(CONV(2)),
    });
    // A transfer: Sales (bob, 60 s talk, transferred on) then Support (alice): one call, two contacts.
    expect(byId[`${CONV(3)}:p-003-acd1`]).toMatchObject({
      callId: CONV(3), queue: "Sales", agent: "u-bob", outcome: "answered", waitSeconds: 8, talkSeconds: 60, acwSeconds: 10, transferred: true,
    });
    expect(byId[`${CONV(3)}:p-003-acd2`]).toMatchObject({
      callId: CONV(3), queue: "Support", agent: "u-alice", outcome: "answered", waitSeconds: 20, talkSeconds: 120, acwSeconds: 10,
      answeredMs: at("2026-03-02T14:21:28Z"), transferred: false,
    });
    // Flow-out to voicemail (acd disconnectType transfer) after 120 s.
    expect(byId[`${CONV(5)}:p-005-acd`]).toMatchObject({ queue: "Support", outcome: "exit_key", waitSeconds: 120, agent: "", disposition: "transfer" });
  });

  it("reads one conversation per NDJSON line: duplicates, rejects, filters and a timeout", async () => {
    const convs = (JSON.parse(TEXT) as { conversations: Record<string, unknown>[] }).conversations;
    const timeout = JSON.parse(JSON.stringify(convs[1]).replaceAll(CONV(2), "c-timeout")) as Record<string, unknown>;
    // The Sales abandon again, but the queue segment ends on the queue's timeout.
    const acd = (timeout.participants as { purpose: string; sessions: { segments: { disconnectType: string }[] }[] }[]).find((p) => p.purpose === "acd")!;
    acd.sessions[0]!.segments[0]!.disconnectType = "timeout";
    const badTime = JSON.parse(JSON.stringify(convs[0]).replaceAll(CONV(1), "c-bad").replace('"segmentStart":"2026-03-02T14:00:20.000Z","segmentEnd":"2026-03-02T14:00:35.000Z"', '"segmentStart":"2026-03-02 14:00:xx","segmentEnd":"2026-03-02T14:00:35.000Z"')) as unknown;
    const running = JSON.parse(JSON.stringify(convs[1]).replaceAll(CONV(2), "c-running").replace('"segmentEnd":"2026-03-02T14:10:42.000Z","segmentType":"interact","queueId"', '"segmentEnd":null,"segmentType":"interact","queueId"')) as unknown;
    const lines = [...convs, convs[1], "{\"conversationId\": \"c-broken\", ", badTime, running, timeout].map((c) => (typeof c === "string" ? c : JSON.stringify(c)));
    const r = await readText(`${lines.join("\n")}\n`, { format: "genesys-cloud", name: "conv.ndjson" });
    expect(r.tally.balanced()).toBe(true);
    // 10 lines: 5 fixture conversations (4 used, 1 no queue), a repeat of conversation 2, a broken
    // line, a bad segment time, a visit still in progress, a timeout.
    expect(r.tally.toJSON()).toMatchObject({
      read: 10, used: 5, rejected: 2, filtered: 2, duplicates: 1,
      filteredBy: { "no queue": 1, "queue visit still in progress": 1 },
    });
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[7, "BAD_JSON"], [8, "BAD_TIMESTAMP"]]);
    expect(r.contacts).toHaveLength(6);
    expect(r.contacts.find((c) => c.callId === "c-timeout")).toMatchObject({ outcome: "timeout", waitSeconds: 42, line: 10 });
    expect(r.contacts.find((c) => c.callId === CONV(3) && c.queue === "Support")).toMatchObject({ line: 3, rowCount: 0 });
    expect(r.contacts.find((c) => c.callId === CONV(3) && c.queue === "Sales")).toMatchObject({ line: 3, rowCount: 1 });
  });

  it("is detected on its fixture, scores 0 on the other formats' fixtures, and Connect scores 0 on it", () => {
    expect(detect(TEXT, "conversations.json")[0]?.id).toBe("genesys-cloud");
    expect(ctrSource.detect(sample(TEXT))).toBe(0);
    expect(twilioSource.detect(sample(TEXT))).toBe(0);
    const others = otherFixtures();
    expect(others.length).toBeGreaterThan(5);
    for (const f of others) expect([f, genesysSource.detect(sample(readFileSync(f, "latin1")))]).toEqual([f, 0]);
  });

  it("reports through the CLI: the transferred call counts once in the total", async () => {
    const r = await cli(["report", FIXTURE, "--tz", "UTC", "--by", "queue", "--metrics", "offered,answered,asa,aht", "-f", "csv"]);
    expect(r.code).toBe(0);
    // Sales: conv 2 (abandoned), conv 3a (8 s, 60 + 10). Support: conv 1 (15 s, 240+30+30), conv 3b (20 s, 120+10), conv 5 (exit_key).
    expect(parseCsv(r.stdout)).toEqual([
      { queue: "Sales", offered: "2", answered: "1", asa: "8", aht: "70" },
      { queue: "Support", offered: "3", answered: "2", asa: "17.5", aht: "215" },
      // 4 calls; conv 3 once (waits 8 + 20, handle 70 + 130): asa (15 + 28) / 2, aht (300 + 200) / 2.
      { queue: "Total", offered: "4", answered: "2", asa: "21.5", aht: "250" },
    ]);
  });
});
