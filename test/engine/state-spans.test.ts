/**
 * StateSpans keeps an agent's state spans as columns: every span comes back as
 * it went in (times, an open end, layer, category, reason, file, line, a busy
 * share or none), under the agent's display name and with rowCount 0, which
 * the timeline does not read.
 */
import { describe, expect, it } from "vitest";
import { StateSpans, StringTable } from "../../src/engine/state-spans.js";
import { STATE_CATEGORIES, type AgentStateSpan, type StateLayer } from "../../src/model/agent.js";

const LAYERS: StateLayer[] = ["presence", "session", "pause", "work"];

describe("StateSpans", () => {
  it("gives back every layer and category, open ends, reasons, files and busy shares", () => {
    const reasons = new StringTable();
    const files = new StringTable();
    const spans = new StateSpans(reasons, files);
    const input: AgentStateSpan[] = [];
    let k = 0;
    for (const layer of LAYERS) {
      for (const category of STATE_CATEGORIES) {
        const s: AgentStateSpan = {
          agent: k % 2 ? "AGENT 7" : "agent 7",
          layer,
          category,
          reason: ["", "Lunch", "Coaching", "午休"][k % 4]!,
          startMs: 1_772_460_000_000 + k * 1_000.5,
          endMs: k % 5 === 0 ? null : 1_772_460_000_000 + k * 2_000.25,
          file: k % 3 ? "a.csv" : "b/queue_log",
          line: 2 ** 40 + k,
          rowCount: k % 2,
        };
        if (k % 7 === 3) s.busyShare = k / 100;
        input.push(s);
        spans.push(s);
        k++;
      }
    }
    expect(spans.length).toBe(24);
    expect(spans.open).toBe(5);
    const out = spans.all("Agent 7");
    expect(out).toEqual(input.map((s) => ({ ...s, agent: "Agent 7", rowCount: 0 })));
    expect(out.filter((s) => "busyShare" in s)).toHaveLength(input.filter((s) => s.busyShare !== undefined).length);
    expect(spans.at(23, "x")).toEqual({ ...input[23], agent: "x", rowCount: 0 });
  });

  it("shares its reason and file tables with the other agents of a timeline", () => {
    const reasons = new StringTable();
    const files = new StringTable();
    const a = new StateSpans(reasons, files);
    const b = new StateSpans(reasons, files);
    const span = (reason: string, file: string): AgentStateSpan => ({ agent: "a", layer: "pause", category: "paused", reason, startMs: 0, endMs: 1, file, line: 1, rowCount: 1 });
    a.push(span("Lunch", "f1"));
    b.push(span("Break", "f2"));
    b.push(span("Lunch", "f1"));
    expect(reasons.strings).toEqual(["Lunch", "Break"]);
    expect(files.strings).toEqual(["f1", "f2"]);
    expect(b.all("b").map((s) => [s.reason, s.file])).toEqual([["Break", "f2"], ["Lunch", "f1"]]);
  });
});
