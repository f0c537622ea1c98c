import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FcrKeys, FcrTracker, NumberIds, type FcrPart } from "../../src/engine/fcr.js";

const H = 3_600_000;

/** A tracker addressed by key strings, for readable cases. */
function tracker(windowH: number, out: Record<number, FcrPart[]>) {
  const keys = new FcrKeys(24 * H);
  const t = new FcrTracker(keys, windowH * H, 12 * H, (rec, part) => { (out[rec] ??= []).push(part); });
  return {
    arrival: (k: string, ms: number) => t.arrival(keys.id(k), ms),
    eligible: (k: string, end: number, rec: number) => t.eligible(keys.id(k), end, rec),
    advance: (w: number) => t.advance(w),
    finish: (end: number) => t.finish(end),
  };
}

type T = ReturnType<typeof tracker>;

function judge(setup: (t: T) => void, windowH: number, dataEnd: number): Record<number, FcrPart[]> {
  const out: Record<number, FcrPart[]> = {};
  const t = tracker(windowH, out);
  setup(t);
  t.finish(dataEnd);
  return out;
}

describe("FcrTracker", () => {
  it.each([
    // [case, arrivals (hours), eligible end (hours), expected parts]
    ["no repeat: resolved", [0], 1, ["eligible", "resolved"]],
    ["repeat inside the window: not resolved", [0, 50], 1, ["eligible"]],
    ["repeat exactly at end + W counts (window is (end, end + W])", [0, 73], 1, ["eligible"]],
    ["repeat just after end + W: resolved", [0, 73.001], 1, ["eligible", "resolved"]],
    ["arrival at exactly end is not a repeat", [0, 1], 1, ["eligible", "resolved"]],
  ] as const)("%s", (_name, arrivals, end, parts) => {
    const r = judge((t) => {
      for (const a of arrivals) t.arrival("555", a * H);
      t.eligible("555", end * H, 7);
    }, 72, 1000 * H);
    expect(r[7]).toEqual(parts);
  });

  it("censors a contact whose window reaches past the data end, whatever follows", () => {
    const r = judge((t) => {
      t.arrival("555", 0);
      t.arrival("555", 10 * H);
      t.eligible("555", 1 * H, 1);
    }, 72, 50 * H);
    expect(r[1]).toEqual(["censored"]);
  });

  it("a repeat read before the contact still counts (input order does not matter)", () => {
    const r = judge((t) => {
      t.arrival("555", 30 * H);
      t.arrival("555", 0);
      t.eligible("555", 1 * H, 3);
    }, 72, 500 * H);
    expect(r[3]).toEqual(["eligible"]);
  });

  it("keys are independent", () => {
    const r = judge((t) => {
      t.arrival("111", 0);
      t.arrival("222", 5 * H);
      t.eligible("111", 1 * H, 1);
    }, 72, 500 * H);
    expect(r[1]).toEqual(["eligible", "resolved"]);
  });

  it("settles a contact as the data moves past window + horizon, and forgets old arrivals", () => {
    const out: Record<number, FcrPart[]> = {};
    const t = tracker(72, out);
    t.arrival("555", 0);
    t.eligible("555", 1 * H, 1);
    t.advance(80 * H); // 1 + 72 + 12 = 85 h not reached yet
    expect(out[1]).toBeUndefined();
    t.advance(86 * H);
    expect(out[1]).toEqual(["eligible", "resolved"]);
    // A repeat arriving now cannot change a settled contact, and finish() does not judge it twice.
    t.arrival("555", 50 * H);
    t.finish(1000 * H);
    expect(out[1]).toEqual(["eligible", "resolved"]);
  });

  it("a repeat arriving after the contact was registered marks it, before it settles", () => {
    const out: Record<number, FcrPart[]> = {};
    const t = tracker(72, out);
    t.eligible("555", 1 * H, 1);
    t.advance(40 * H);
    t.arrival("555", 40 * H);
    t.advance(200 * H);
    expect(out[1]).toEqual(["eligible"]);
  });
});

describe("FcrKeys number keys (open-addressing table)", () => {
  it("gives each number key one id, through growth, and frees idle keys on trim", () => {
    const keys = new FcrKeys(0);
    const t = new FcrTracker(keys, 3600_000, 0, () => {});
    const ids = new Map<number, number>();
    // 20,000 phone-like keys: several rehashes past the initial 4,096 slots.
    for (let i = 0; i < 20_000; i++) ids.set(12125550000 + i * 7919, keys.idNum(12125550000 + i * 7919));
    expect(new Set(ids.values()).size).toBe(20_000);
    for (const [k, id] of ids) expect(keys.idNum(k)).toBe(id);
    // One key has a recent arrival; all the others are idle and are forgotten, their ids reused.
    const kept = 12125550000;
    t.arrival(ids.get(kept)!, 1_000_000);
    keys.trim(2_000_000, 500_000);
    expect(keys.idNum(kept)).toBe(ids.get(kept));
    const fresh = keys.idNum(99);
    expect(ids.get(kept)).not.toBe(fresh);
    expect([...ids.values()]).toContain(fresh); // a freed id, reused
  });

  it("a number key and a string key never share an id", () => {
    const keys = new FcrKeys(0);
    expect(keys.idNum(123)).not.toBe(keys.id("0123"));
  });
});

/**
 * The tracker's rules written plainly, one list per key: what FcrTracker must
 * credit, in the same order. An arrival before a contact counts through the
 * latest arrival of its key; one after it counts until the contact settles;
 * contacts settle first to last as the watermark passes end + window + horizon
 * (the first one not due holds up those behind it), and at the end are censored
 * when their window reaches past the data end.
 */
class ModelTracker {
  private readonly last = new Map<number, number>();
  private readonly pending: { key: number; end: number; rec: number; repeated: boolean; done: boolean }[] = [];
  private head = 0;
  readonly credits: [number, FcrPart][] = [];
  constructor(private readonly windowMs: number, private readonly horizonMs: number) {}
  arrival(key: number, ms: number): void {
    this.last.set(key, Math.max(this.last.get(key) ?? -Infinity, ms));
    for (const p of this.pending) if (!p.done && p.key === key && ms > p.end && ms <= p.end + this.windowMs) p.repeated = true;
  }
  eligible(key: number, end: number, rec: number): void {
    const last = this.last.get(key) ?? -Infinity;
    this.pending.push({ key, end, rec, repeated: last > end && last <= end + this.windowMs, done: false });
  }
  advance(w: number): void {
    while (this.head < this.pending.length && this.pending[this.head]!.end < w - this.windowMs - this.horizonMs) this.settle(this.pending[this.head++]!, false);
  }
  finish(dataEnd: number): void {
    while (this.head < this.pending.length) {
      const p = this.pending[this.head++]!;
      this.settle(p, p.end + this.windowMs > dataEnd);
    }
  }
  private settle(p: ModelTracker["pending"][number], censored: boolean): void {
    p.done = true;
    if (censored) this.credits.push([p.rec, "censored"]);
    else {
      this.credits.push([p.rec, "eligible"]);
      if (!p.repeated) this.credits.push([p.rec, "resolved"]);
    }
  }
}

describe("FcrTracker against a plain model", () => {
  it("credits the same parts in the same order, two trackers sharing keys, keys forgotten and reused on the way", () => {
    // Time moves forward by steps of up to 3 h; contacts end at most a horizon before it, arrivals anywhere near it.
    // Quarter hours, so that arrivals fall exactly on window bounds now and then.
    const Q = H / 4;
    const op = fc.record({
      kind: fc.constantFrom("arrival", "arrival", "eligible", "eligible", "advance"),
      tracker: fc.nat(1),
      key: fc.nat(12),
      stepMs: fc.nat(12).map((n) => n * Q),
      offsetMs: fc.integer({ min: -24, max: 8 }).map((n) => n * Q),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 20, maxLength: 300, size: "max" }), fc.constantFrom(1, 24, 72), (ops, windowH) => {
        const W = windowH * H;
        const horizon = 6 * H;
        const keys = new FcrKeys(12 * H);
        const got: [number, FcrPart][][] = [[], []];
        const trackers = [0, 1].map((i) => new FcrTracker(keys, W, horizon, (rec, part) => got[i]!.push([rec, part])));
        const models = [new ModelTracker(W, horizon), new ModelTracker(W, horizon)];
        let nowMs = 0;
        let rec = 0;
        for (const o of ops) {
          nowMs += o.stepMs;
          // Keys as phone numbers, some as strings: ids come and go with trim.
          const id = o.key % 3 === 0 ? keys.id(`k${o.key}`) : keys.idNum(5550000 + o.key);
          if (o.kind === "arrival") {
            trackers[o.tracker]!.arrival(id, nowMs + o.offsetMs);
            models[o.tracker]!.arrival(o.key, nowMs + o.offsetMs);
          } else if (o.kind === "eligible") {
            const end = nowMs + Math.max(o.offsetMs, -horizon / 2);
            trackers[o.tracker]!.eligible(id, end, rec);
            models[o.tracker]!.eligible(o.key, end, rec++);
          } else {
            for (const t of trackers) t.advance(nowMs);
            for (const m of models) m.advance(nowMs);
          }
        }
        for (const t of trackers) t.finish(nowMs);
        for (const m of models) m.finish(nowMs);
        expect(got[0]).toEqual(models[0]!.credits);
        expect(got[1]).toEqual(models[1]!.credits);
      }),
      { numRuns: 400 },
    );
  });
});

describe("NumberIds (number keys -> ids, open addressing)", () => {
  it("answers like a Map through inserts, growth and in-place removals (long probe runs, runs that wrap past the end)", () => {
    // Up to 3,000 keys in a table that starts at 4,096 slots: half full, so runs are long and some wrap.
    const op = fc.oneof(
      fc.record({ kind: fc.constant("add" as const), keys: fc.array(fc.integer({ min: 0, max: 1e12 }), { maxLength: 400, size: "max" }) }),
      fc.record({ kind: fc.constant("retain" as const), mod: fc.integer({ min: 2, max: 5 }), rest: fc.nat(4) }),
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), (ops) => {
        const t = new NumberIds();
        const model = new Map<number, number>();
        let next = 0;
        for (const o of ops) {
          if (o.kind === "add") {
            for (const k of o.keys) {
              const got = t.getOrSet(k, next);
              expect(got).toBe(model.get(k) ?? -1);
              if (!model.has(k)) model.set(k, next++);
            }
          } else {
            // Ids that leave: those whose id % mod === rest % mod.
            const keep = (id: number): boolean => id % o.mod !== o.rest % o.mod;
            t.retain(keep);
            const gone = [...model].filter(([, id]) => !keep(id)).map(([k]) => k);
            for (const k of gone) model.delete(k);
            // Every other removed key is asked again: it is no longer there, and comes back with a new id.
            for (const k of gone.filter((_, i) => i % 2 === 0)) {
              expect(t.getOrSet(k, next)).toBe(-1);
              model.set(k, next++);
            }
          }
          for (const [k, id] of model) expect(t.getOrSet(k, -5)).toBe(id);
        }
      }),
      { numRuns: 100, endOnFailure: true },
    );
  });
});
