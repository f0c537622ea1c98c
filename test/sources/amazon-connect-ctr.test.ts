import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import ctrSource from "../../src/sources/amazon-connect-ctr.js";
import { cli, fixture, parseCsv } from "../helpers.js";
import { detect, readText } from "./run-source.js";

const S = 1000;
const at = (iso: string): number => Date.parse(iso);
const FIXTURE = fixture("amazon-connect", "ctr.ndjson");

describe("amazon-connect-ctr", () => {
  it("reads the NDJSON fixture: one contact per queued CTR, newest update wins, every line accounted for", async () => {
    const r = await readText(readFileSync(FIXTURE, "utf8"), { format: "amazon-connect-ctr" });
    expect(r.tally.balanced()).toBe(true);
    // 9 lines: c-001, c-002 (twice: the 14:03:00 update replaces the 14:02:30 one), c-003, c-004,
    // c-005 (outbound, no queue: filtered), a broken line, c-006, c-007 (bad enqueue time).
    expect(r.tally.toJSON()).toMatchObject({ read: 9, used: 5, rejected: 2, filtered: 1, duplicates: 1 });
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[7, "BAD_JSON"], [9, "BAD_TIMESTAMP"]]);
    const byId = Object.fromEntries(r.contacts.map((c) => [c.contactId, c]));
    expect(byId["c-001"]).toMatchObject({
      callId: "c-001", queue: "BasicQueue", agent: "alice", customer: "+12125550101", outcome: "answered",
      arrivedMs: at("2026-03-02T14:00:10Z"), answeredMs: at("2026-03-02T14:00:25Z"), endedMs: at("2026-03-02T14:05:55Z"),
      waitSeconds: 15, talkSeconds: 300, holdSeconds: 30, acwSeconds: 20, transferred: false,
    });
    // The later update of c-002 carries the dequeue: 45 s in queue, abandoned.
    expect(byId["c-002"]).toMatchObject({ outcome: "abandoned", waitSeconds: 45, agent: "", endedMs: at("2026-03-02T14:02:50Z") });
    // A transfer: c-003 (Sales, transferred) and c-004 (BasicQueue) form one call.
    expect(byId["c-003"]).toMatchObject({ callId: "c-003", transferred: true, talkSeconds: 60 });
    expect(byId["c-004"]).toMatchObject({ callId: "c-003", agent: "alice", waitSeconds: 20, talkSeconds: 120, acwSeconds: 10 });
    expect(byId["c-006"]).toMatchObject({ outcome: "abandoned", waitSeconds: 3 });
    expect(S).toBe(1000);
  });

  it("is detected from the text, and not from a CSV", () => {
    expect(detect(readFileSync(FIXTURE, "utf8"))[0]?.id).toBe("amazon-connect-ctr");
    expect(ctrSource.detect({ name: "x", text: "contact_id,queue\n1,a\n", delimiter: ",", rows: [["contact_id", "queue"]] })).toBe(0);
  });

  it("reads a pretty-printed JSON array the same way", async () => {
    const one = readFileSync(FIXTURE, "utf8").split("\n")[0]!;
    const arr = `[\n${JSON.stringify(JSON.parse(one), null, 2)}\n]\n`;
    const r = await readText(arr, { format: "amazon-connect-ctr" });
    expect(r.contacts).toHaveLength(1);
    expect(r.contacts[0]).toMatchObject({ contactId: "c-001", line: 2 });
  });

  it("reports through the CLI: a transfer counts once in the total", async () => {
    const r = await cli(["report", FIXTURE, "--tz", "UTC", "--by", "queue", "--metrics", "offered,answered,asa,aht", "-f", "csv"]);
    expect(r.code).toBe(0);
    // BasicQueue: c-001 (15 s, 300+30+20), c-002 (abandoned), c-004 (20 s, 120+0+10); Sales: c-003 (8 s, 60), c-006 (abandoned).
    expect(parseCsv(r.stdout)).toEqual([
      { queue: "BasicQueue", offered: "3", answered: "2", asa: "17.5", aht: "240" },
      { queue: "Sales", offered: "2", answered: "1", asa: "8", aht: "60" },
      // 4 calls (c-003 + c-004 once, waits 8 + 20 summed); handle time summed over the call: 350 and 60+130.
      { queue: "Total", offered: "4", answered: "2", asa: "21.5", aht: "270" },
    ]);
  });
});
