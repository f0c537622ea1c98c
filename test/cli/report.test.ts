import { describe, expect, it } from "vitest";
import { cli, fixture, parseCsv } from "../helpers.js";

const QL = fixture("asterisk", "queue_log");
const TZ = ["--tz", "America/New_York"];

describe("cckpi report on the bundled queue_log", () => {
  it("prints per-queue rows and a total that counts a transferred call once", async () => {
    const r = await cli(["report", QL, ...TZ, "--by", "day,queue", "--metrics", "offered,answered,service-level,asa,aht", "-f", "csv"]);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows).toHaveLength(3);
    // sales: 7 offered, 5 answered; SL = 3 within 20 s / (7 - 1 short abandon) = 0.5; ASA = 100/5; AHT = 800/5
    expect(rows[0]).toEqual({ day: "2026-03-02", queue: "sales", offered: "7", answered: "5", service_level: "0.5", asa: "20", aht: "160" });
    // support: 5 offered, 3 answered (20 s is within: <=), SL 3/5
    expect(rows[1]).toMatchObject({ queue: "support", offered: "5", answered: "3", service_level: "0.6" });
    // total: 11 calls (the sales->support transfer once, its waits summed 8+15 = 23 s > 20), SL 4/(11-1)
    expect(rows[2]).toMatchObject({ day: "Total", offered: "11", answered: "7", service_level: "0.4" });
    expect(r.stderr).toContain("rows read 40 = used 37 + rejected 0 + filtered 2 + duplicates 1");
  });
});

describe("cckpi report over overlapping exports", () => {
  // export-0910.csv was pulled while k2 was still in talk (no end); export-0930.csv has k2 ended
  // (talk 200, acw 15), k1 again unchanged, and k3. The later export wins:
  //   answered k1, k2 = 2; handled 2; AHT = (300 + 20 + 200 + 15) / 2 = 267.5
  //   (first-wins would keep k2 unended: AHT 320 / 1 = 320).
  it("keeps the later row of a contact id (last export wins) and counts the earlier as a duplicate", async () => {
    const r = await cli(["report", fixture("contacts", "export-0910.csv"), fixture("contacts", "export-0930.csv"), "--tz", "UTC", "--by", "period", "--metrics", "offered,answered,aht", "-f", "csv"]);
    expect(r.code).toBe(0);
    expect(parseCsv(r.stdout)).toEqual([{ period: "all", offered: "3", answered: "2", aht: "267.5" }]);
    expect(r.stderr).toContain("rows read 7 = used 3 + rejected 0 + filtered 2 + duplicates 2");
    expect(r.stderr).toContain("duplicates: 2 contact id(s) read again within 24 h; the later row replaced the earlier (last export wins)");
  });

  it("file order decides: the same files the other way round keep the early rows", async () => {
    const r = await cli(["report", fixture("contacts", "export-0930.csv"), fixture("contacts", "export-0910.csv"), "--tz", "UTC", "--by", "period", "--metrics", "offered,answered,aht", "-f", "csv"]);
    expect(parseCsv(r.stdout)).toEqual([{ period: "all", offered: "3", answered: "2", aht: "320" }]);
  });
});
