import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { proposeMapping } from "../../src/commands/init.js";
import { mappingSchema } from "../../src/config/mapping.js";
import { configSchema } from "../../src/config/schema.js";
import { cli, parseCsv } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "cckpi-init-"));

describe("cckpi init", () => {
  it("writes a starter config that the config schema accepts", async () => {
    const r = await cli(["init"]);
    expect(r.code).toBe(0);
    expect(() => configSchema.parse(JSON.parse(r.stdout))).not.toThrow();
  });

  it("refuses to replace an existing -o file without --force", async () => {
    const f = join(dir, "existing.json");
    writeFileSync(f, "{}");
    const r = await cli(["init", "-o", f]);
    expect(r.code).toBe(2);
    expect(readFileSync(f, "utf8")).toBe("{}");
    expect((await cli(["init", "-o", f, "--force"])).code).toBe(0);
    expect(JSON.parse(readFileSync(f, "utf8")).report).toBeDefined();
  });

  it("--from proposes a mapping that reads the file back", async () => {
    const csv = join(dir, "calls.csv");
    writeFileSync(csv, [
      "Call Id,Agent,Date,Time,Topic,Answered (Y/N),Resolved,Speed of answer in seconds,AvgTalkDuration,Satisfaction rating",
      "ID1,Diane,2021-01-01,9:12:58,Contract,Y,Y,109,0:02:23,3",
      "ID2,Joe,2021-01-13,11:15:22,Payment,N,N,,,",
      "",
    ].join("\n"));
    const r = await cli(["init", "--from", csv]);
    expect(r.code, r.stderr).toBe(0);
    const cfg = JSON.parse(r.stdout) as { mapping: unknown };
    const m = mappingSchema.parse(cfg.mapping);
    expect(m.columns).toMatchObject({
      contactId: "Call Id", agent: "Agent", queue: "Topic", arrivedAt: { date: "Date", time: "Time" },
      answered: "Answered (Y/N)", resolved: "Resolved", waitSeconds: "Speed of answer in seconds",
      talkSeconds: "AvgTalkDuration", rating: "Satisfaction rating",
    });
    expect(m.formats).toMatchObject({ date: "yyyy-MM-dd", time: "H:mm:ss", durations: { talkSeconds: "h:mm:ss" } });
    const cfgFile = join(dir, "proposed.json");
    writeFileSync(cfgFile, r.stdout);
    const rep = await cli(["report", csv, "--config", cfgFile, "--by", "agent", "--metrics", "offered,answered,asa", "-f", "csv", "-q"]);
    expect(rep.code, rep.stderr).toBe(0);
    expect(parseCsv(rep.stdout)).toEqual([
      { agent: "Diane", offered: "1", answered: "1", asa: "109" },
      { agent: "Joe", offered: "1", answered: "0", asa: "" },
      { agent: "Total", offered: "2", answered: "1", asa: "109" },
    ]);
  });

  it.each([
    [["01/02/2021", "05/06/2021"], "dd/MM/yyyy", true], // ambiguous: says so
    [["13/02/2021", "05/06/2021"], "dd/MM/yyyy", false], // 13 cannot be a month
    [["02/13/2021", "05/06/2021"], "MM/dd/yyyy", false],
  ])("d/m versus m/d: %j -> %s (ambiguity noted: %s)", (dates, format, noted) => {
    const p = proposeMapping(["Date", "Time", "Answered"], dates.map((d) => [d, "10:00", "Y"]), "x.csv");
    expect((p.config.mapping as { formats: { date: string } }).formats.date).toBe(format);
    expect(p.notes.some((n) => n.includes("day-first or month-first"))).toBe(noted);
  });

  it("says what it could not recognize", () => {
    const p = proposeMapping(["foo", "bar"], [["1", "2"]], "x.csv");
    expect(p.notes.join("\n")).toMatch(/arrival time/);
    expect(p.notes.join("\n")).toMatch(/outcome or answered/);
  });
});
