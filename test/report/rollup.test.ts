import { describe, expect, it } from "vitest";
import { z } from "zod";
import { IntervalBuilder } from "../../src/engine/builder.js";
import { facts } from "../../src/engine/facts.js";
import { defineMetric } from "../../src/metrics/define.js";
import { TimeZone } from "../../src/model/time.js";
import { allFacts, type MetricInstance } from "../../src/report/instances.js";
import { rollup, sortGroups } from "../../src/report/rollup.js";
import { contact, T0, table } from "../metrics/harness.js";

const MIN = 60_000;

describe("rollup", () => {
  it("rows by queue read contacts; rows across queues and the Total read calls", () => {
    const cs = [
      contact({ callId: "k", queue: "a", waitSeconds: 8 }),
      contact({ callId: "k", queue: "b", at: 120, waitSeconds: 15 }),
      contact({ callId: "m", queue: "a", at: 60, waitSeconds: 5 }),
    ];
    const byQueue = table(["offered"], cs, { by: ["queue"] });
    expect(byQueue.rows).toEqual([["a", 2], ["b", 1]]);
    expect(byQueue.total).toEqual(["Total", 2]);
    expect(byQueue.notes[0]).toMatch(/Total row counts each call once/);
    const period = table(["offered"], cs, { by: ["period"] });
    expect(period.rows).toEqual([["all", 2]]);
    expect(period.total).toBeNull();
  });

  it("labels intervals, days, ISO weeks and months in the report zone", () => {
    const cs = [contact({ at: 0 }), contact({ at: 45 * 60 })];
    const z = { zone: "America/New_York" };
    expect(table(["offered"], cs, { ...z, by: ["interval"] }).rows.map((r) => r[0])).toEqual(["2026-03-02T04:00:00-05:00", "2026-03-02T04:30:00-05:00"]);
    expect(table(["offered"], cs, { ...z, by: ["day"] }).rows).toEqual([["2026-03-02", 2]]);
    expect(table(["offered"], cs, { ...z, by: ["week"] }).rows).toEqual([["2026-W10", 2]]);
    expect(table(["offered"], cs, { ...z, by: ["month"] }).rows).toEqual([["2026-03", 2]]);
  });

  it("sorts interval rows by instant, other rows by label", () => {
    const cs = [contact({ queue: "zeta", at: 0 }), contact({ queue: "alpha", at: 3600 })];
    expect(table(["offered"], cs, { by: ["day", "queue"] }).rows.map((r) => r[1])).toEqual(["alpha", "zeta"]);
    expect(table(["offered"], cs, { by: ["interval", "queue"] }).rows.map((r) => r[1])).toEqual(["zeta", "alpha"]);
  });

  it("sorts rows label by label as localeCompare does, labels it calls equal kept in the order first met", () => {
    // Case, accents, digits, a decomposed é (equal to é for the collator) and non-Latin names.
    const names = ["b", "B", "a10", "a9", "\u00e9mile", "emile", "e\u0301mile", "Zoë", "zoe", "ä", "z", "张伟", "Ölçer", "1001", "(none)"];
    const pairs: [string, string][] = [];
    for (let k = 0; k < 60; k++) {
      const i = (k * 7) % names.length;
      pairs.push([names[i]!, names[(i + Math.floor(k / names.length) * 4 + 1) % names.length]!]);
    }
    const cs = pairs.map(([queue, agent], i) => contact({ queue, agent, at: i }));
    const rows = table(["offered"], cs, { by: ["queue", "agent"] }).rows.map((r) => [r[0], r[1]]);
    // The reference: groups in the order first met, sorted (stably) by localeCompare label by label.
    const firstMet = [...new Map(pairs.map((p) => [p.join("\u0001"), p])).values()];
    const expected = [...firstMet].sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
    expect(rows).toEqual(expected);
    expect(rows.length).toBeGreaterThan(30);
  });

  it("sortGroups: the one-number sort and the comparator give the same order (instants, labels the collator calls equal, ties kept)", () => {
    const names = ["b", "B", "a10", "a9", "\u00e9mile", "e\u0301mile", "Zoë", "zoe", "张伟", "(none)", ""];
    const groups: { labels: string[]; sortMs: number; id: number }[] = [];
    for (let k = 0; k < 400; k++) {
      // Out of order instants (some equal), two label columns, and repeated label pairs (ties).
      groups.push({ labels: [names[(k * 7) % names.length]!, names[(k * 3) % 5]!], sortMs: ((k * 37) % 11) * 1_800_000 + 1_772_341_200_000, id: k });
    }
    const fast = sortGroups(groups).map((g) => g.id);
    const slow = sortGroups(groups, 0).map((g) => g.id); // no key fits: the comparator
    expect(fast).toEqual(slow);
    // The reference: stable, by instant, then localeCompare label by label.
    const ref = [...groups].sort((a, b) => a.sortMs - b.sortMs || a.labels[0]!.localeCompare(b.labels[0]!) || a.labels[1]!.localeCompare(b.labels[1]!)).map((g) => g.id);
    expect(fast).toEqual(ref);
  });

  it("a day's ratio is the ratio of sums over its intervals, not the mean of interval ratios", () => {
    // 09:00 interval: 1 of 1 within 20 s (100 %); 09:30 interval: 1 of 3 (33 %). Mean would be 66.7 %.
    const cs = [
      contact({ at: 0, waitSeconds: 5 }),
      contact({ at: 30 * 60, waitSeconds: 5 }),
      contact({ at: 31 * 60, waitSeconds: 50 }),
      contact({ at: 32 * 60, waitSeconds: 60 }),
    ];
    const o = { options: { formula: "answered-within/answered" } };
    expect(table(["service-level"], cs, { ...o, by: ["interval"] }).rows.map((r) => r[1])).toEqual([1, 1 / 3]);
    expect(table(["service-level"], cs, { ...o, by: ["day"] }).rows[0]![1]).toBeCloseTo(2 / 4, 12);
  });

  it("a DST spring-forward day has 46 half-hour rows (America/New_York, 2026-03-08)", () => {
    const start = Date.UTC(2026, 2, 8, 5); // local midnight EST
    const end = Date.UTC(2026, 2, 9, 4); // next local midnight EDT: 23 h later
    const cs = [];
    for (let t = start; t < end; t += 15 * MIN) cs.push(contact({ arrivedMs: t }));
    const t = table(["offered"], cs, { zone: "America/New_York", by: ["interval"] });
    expect(t.rows).toHaveLength(46);
    expect(t.rows.map((r) => r[0])).not.toContain("2026-03-08T02:00:00-05:00");
    expect(t.total![1]).toBe(92);
    expect(table(["offered"], cs, { zone: "America/New_York", by: ["day"] }).rows).toEqual([["2026-03-08", 92]]);
  });

  it("per-queue options: the total sums each queue's own numerator", () => {
    // q1 uses T = 20 (default), vip uses T = 10; both contacts waited 15 s.
    const cs = [contact({ queue: "q1", waitSeconds: 15 }), contact({ queue: "vip", waitSeconds: 15, at: 10 })];
    const t = table(["service-level"], cs, { by: ["queue"], options: { formula: "answered-within/answered" }, perQueue: { vip: { thresholdSeconds: 10 } } });
    expect(t.rows).toEqual([["q1", 1], ["vip", 0]]);
    expect(t.total![1]).toBe(0.5);
  });

  it("extra dimensions become label columns", () => {
    const cs = [contact({ dims: { channel: "chat" } }), contact({ dims: { channel: "voice" }, at: 5 }), contact({ dims: { channel: "chat" }, at: 9 })];
    const t = table(["offered"], cs, { by: ["channel"] });
    expect(t.columns[0]!.id).toBe("channel");
    expect(t.rows).toEqual([["chat", 2], ["voice", 1]]);
  });

  it("labels an empty dimension value (no agent) as (none)", () => {
    const cs = [contact({ agent: "1001" }), contact({ outcome: "abandoned", waitSeconds: 30, at: 5 })];
    expect(table(["offered"], cs, { by: ["agent"] }).rows).toEqual([["(none)", 1], ["1001", 1]]);
  });

  it("keeps empty denominators as null", () => {
    const t = table(["asa"], [contact({ outcome: "abandoned", waitSeconds: 9 })], { by: ["queue"] });
    expect(t.rows[0]![1]).toBeNull();
    expect(T0).toBeGreaterThan(0);
  });

  it("a part that no record of a row had is absent from its parts (not 0); the total sums what each queue had", () => {
    // Queue b's options leave out the `answered` part: its row's metric sees no such part.
    const def = defineMetric({
      id: "answered-or-none", title: "t", unit: "count", description: "d", details: "d", needs: ["contacts"],
      options: z.object({ withAnswered: z.boolean() }).strict(),
      facts: (o) => (o.withAnswered ? { offered: facts.offered, answered: facts.answered } : { offered: facts.offered }),
      value: (p) => (p.answered === undefined ? -1 : p.answered * 1000 + (p.offered ?? 0)),
    });
    const inst: MetricInstance = { def: def as never, defaults: { withAnswered: true }, perQueue: new Map([["b", { withAnswered: false }]]) };
    const zone = TimeZone.of("UTC");
    const b = new IntervalBuilder({ zone, intervalMinutes: 30, attribution: "arrival", fromMs: null, toMs: null, facts: allFacts([inst]), keepQueue: true, keepAgent: false, dims: [] });
    for (const c of [contact({ queue: "a" }), contact({ queue: "a", at: 60, outcome: "abandoned" }), contact({ queue: "b", at: 120 }), contact({ queue: "b", at: 180 })]) b.add(c);
    const t = rollup(b.finish(), [inst], { zone, by: ["queue"], total: true });
    expect(t.rows).toEqual([["a", 1002], ["b", -1]]);
    // Each call's record is read under its own queue's options: answered from a (1), offered from both (4).
    expect(t.total).toEqual(["Total", 1004]);
  });
});
