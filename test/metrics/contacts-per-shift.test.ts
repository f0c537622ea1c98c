import { describe, expect, it } from "vitest";
import { contact, HOUR, MIN, state, value, valuesBy } from "./harness.js";

// contacts-per-shift = handled / agent-days (an agent-day: one agent, one local date with logged-in time).
const DAY_MIN = 24 * 60;

describe("contacts-per-shift", () => {
  it("two days with login -> handled / 2", () => {
    // a1 logged in 03-02 09:00-10:00 and 03-03 09:00-10:00 = 2 agent-days
    // handled: 4 on 03-02, 2 on 03-03 -> period 6 / 2 = 3
    // by day: 03-02 4 / 1 = 4; 03-03 2 / 1 = 2; Total 3
    const cs = [
      ...[5, 10, 20, 30].map((m) => contact({ agent: "a1", at: m * MIN })),
      ...[5, 10].map((m) => contact({ agent: "a1", at: (DAY_MIN + m) * MIN })),
    ];
    const states = [state("a1", "available", 0, 60), state("a1", "available", DAY_MIN, DAY_MIN + 60)];
    expect(value("contacts-per-shift", cs, { states })).toBe(3);
    expect(valuesBy("contacts-per-shift", cs, ["day"], { states })).toEqual({ "2026-03-02": 4, "2026-03-03": 2, Total: 3 });
  });

  it("two logins on one day are one agent-day", () => {
    // a1 09:00-10:00 and 14:00-15:00 on 03-02 -> 1 agent-day; 3 handled -> 3 / 1 = 3 (not 3 / 2)
    const cs = [contact({ agent: "a1", at: 10 * MIN }), contact({ agent: "a1", at: 5 * HOUR + 10 * MIN }), contact({ agent: "a1", at: 5 * HOUR + 20 * MIN })];
    const states = [state("a1", "available", 0, 60), state("a1", "available", 300, 360)];
    expect(value("contacts-per-shift", cs, { states })).toBe(3);
  });

  it("a night shift over midnight counts 2 days", () => {
    // a1 03-02 22:00 -> 03-03 06:00 UTC: logged in on 03-02 and 03-03 = 2 agent-days
    // handled: 3 at 23:00..23:20 on 03-02, 1 at 02:00 on 03-03 -> 4 / 2 = 2
    // by day: 03-02 3 / 1 = 3; 03-03 1 / 1 = 1; Total 2
    const base = Date.UTC(2026, 2, 2, 22, 0);
    const at = (min: number): number => (base - Date.UTC(2026, 2, 2, 9, 0)) / 1000 + min * MIN; // seconds after T0
    const cs = [contact({ agent: "a1", at: at(60) }), contact({ agent: "a1", at: at(70) }), contact({ agent: "a1", at: at(80) }), contact({ agent: "a1", at: at(240) })];
    const states = [state("a1", "available", 0, 480, { base })];
    expect(value("contacts-per-shift", cs, { states })).toBe(2);
    expect(valuesBy("contacts-per-shift", cs, ["day"], { states })).toEqual({ "2026-03-02": 3, "2026-03-03": 1, Total: 2 });
  });

  it("days are local dates: the same shift in America/New_York is one day", () => {
    // 03-02 22:00 -> 03-03 04:00 UTC = 03-02 17:00-23:00 EST (UTC-5): one local date -> 1 agent-day
    // 4 handled -> 4 / 1 = 4 in New York; in UTC the shift crosses midnight -> 2 days -> 4 / 2 = 2
    const base = Date.UTC(2026, 2, 2, 22, 0);
    const at = (min: number): number => (base - Date.UTC(2026, 2, 2, 9, 0)) / 1000 + min * MIN;
    const cs = [contact({ agent: "a1", at: at(60) }), contact({ agent: "a1", at: at(70) }), contact({ agent: "a1", at: at(80) }), contact({ agent: "a1", at: at(240) })];
    const states = [state("a1", "available", 0, 360, { base })];
    expect(value("contacts-per-shift", cs, { states, zone: "America/New_York" })).toBe(4);
    expect(value("contacts-per-shift", cs, { states })).toBe(2);
  });

  it("by agent: each agent's days; Total = all handled / all agent-days", () => {
    // a1: 3 handled, 1 day -> 3; a2: 1 handled, 1 day -> 1; Total (3 + 1) / (1 + 1) = 2
    const cs = [contact({ agent: "a1", at: 0 }), contact({ agent: "a1", at: 60 }), contact({ agent: "a1", at: 120 }), contact({ agent: "a2", at: 0 })];
    const states = [state("a1", "available", 0, 60), state("a2", "available", 0, 60)];
    expect(valuesBy("contacts-per-shift", cs, ["agent"], { states })).toEqual({ a1: 3, a2: 1, Total: 2 });
  });

  it("no value without a logged-in day", () => {
    // handled 1, agent-days 0 -> null
    expect(value("contacts-per-shift", [contact({ agent: "a1" })])).toBeNull();
  });
});
