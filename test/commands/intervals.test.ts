/**
 * `cckpi intervals` writes its records by interval start, then level, queue and
 * agent as `localeCompare` orders them (so "b" and "B" sit together and "Ä" by
 * "A"), records with equal keys in the order they were made, and each record's
 * values in fact order. Checked against that comparator over records made in a
 * scrambled order.
 */
import { describe, expect, it } from "vitest";
import { recordsTable } from "../../src/commands/intervals.js";
import { facts } from "../../src/engine/facts.js";
import { RecordStore, type Level } from "../../src/engine/records.js";
import { TimeZone } from "../../src/model/time.js";

describe("recordsTable", () => {
  it("orders records as the comparator on start, level, queue and agent does, and writes each one's own values", () => {
    const zone = TimeZone.of("Europe/Berlin");
    const s = new RecordStore([facts.offered, facts.answered], ["team"]);
    const keys: [Level, number, string, string, string[]][] = [];
    for (const start of [3_600_000, 0, 1_800_000]) {
      for (const level of ["contact", "call"] as const) {
        for (const queue of ["b", "Ä", "B", "a", ""]) {
          for (const agent of ["1002", "", "1001", "z"]) keys.push([level, start, queue, agent, [""]]);
        }
      }
    }
    // The same (start, level, queue, agent) with two teams: equal sort keys, kept in the order made.
    keys.push(["contact", 0, "a", "1001", ["north"]], ["contact", 0, "a", "1001", ["south"]]);
    // A scrambled order of creation (a fixed permutation), each record's values from its position in `keys`.
    const made = keys.map((_, i) => (i * 37) % keys.length);
    expect(new Set(made).size).toBe(keys.length);
    for (const i of made) {
      const [level, start, queue, agent, dims] = keys[i]!;
      const r = s.slot(level, start, 30, queue, agent, dims);
      s.addValue(r, 0, i);
      s.addValue(r, 1, i * 2);
    }
    const t = recordsTable(s, zone);
    expect(t.columns.map((c) => c.id)).toEqual(["level", "interval_start", "interval_minutes", "queue", "agent", "dim_team", "offered", "answered"]);

    const expected = made
      .map((i) => keys[i]!)
      .map(([level, start, queue, agent, dims], at) => ({ level, start, queue, agent, dims, at }))
      .sort((a, b) => a.start - b.start || a.level.localeCompare(b.level) || a.queue.localeCompare(b.queue) || a.agent.localeCompare(b.agent) || a.at - b.at)
      .map(({ level, start, queue, agent, dims }) => {
        const i = keys.findIndex((k) => k[0] === level && k[1] === start && k[2] === queue && k[3] === agent && k[4].join() === dims.join());
        return [level, zone.formatLocal(start), 30, queue, agent, dims[0]!, i, i * 2];
      });
    const rows = Array.from({ length: t.rows.length }, (_, i) => t.rows.at(i));
    expect(rows).toEqual(expected);
    expect(t.rows.at(rows.length)).toBeUndefined();
    expect(rows[0]).toEqual(["call", "1970-01-01T01:00:00+01:00", 30, "", "", "", expect.any(Number), expect.any(Number)]);
  });
});
