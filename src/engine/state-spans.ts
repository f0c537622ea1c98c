/**
 * One agent's state spans as the agent timeline keeps them until the end of the
 * data (engine/agents.ts): in typed columns, about 33 bytes a span, not as
 * objects. An Asterisk queue_log gives a talking span per answered contact, so a
 * month of 1M contacts keeps 854k spans; as objects they were the largest thing
 * on the main thread's heap (the report of agent time over the bench's 1M log
 * peaked 160 MB above the same report without it) and every collection marked
 * them again. `at` makes a span an object again, for the one agent being swept.
 *
 * Exact: times, lines and busy shares are kept as the doubles they were; the
 * layer, category, reason and file as numbers of the strings (the reasons and
 * files are few, in tables shared by every agent). The span's own agent
 * spelling and its rowCount are not kept: the timeline reads neither (the
 * agent's display name is its own, the rows are counted when read).
 */
import { STATE_CATEGORIES, type AgentStateSpan, type StateLayer } from "../model/agent.js";
import { grow } from "../model/grow.js";

const LAYERS: readonly StateLayer[] = ["presence", "session", "pause", "work"];
const LAYER_CODE = new Map(LAYERS.map((l, i) => [l, i]));
const CATEGORY_CODE = new Map(STATE_CATEGORIES.map((c, i) => [c, i]));

/** Strings given numbers in the order first seen (pause reasons, file names), shared by the agents of one timeline. */
export class StringTable {
  private readonly ids = new Map<string, number>();
  readonly strings: string[] = [];

  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(s, id);
      this.strings.push(s);
    }
    return id;
  }
}

export class StateSpans {
  length = 0;
  private startMs = new Float64Array(8);
  /** NaN: open (`endMs` null). */
  private endMs = new Float64Array(8);
  private line = new Float64Array(8);
  /** Layer * 8 + category. */
  private code = new Uint8Array(8);
  private reason = new Int32Array(8);
  private file = new Int32Array(8);
  /** Busy shares by span, for the few spans that have one (Salesforce presence). */
  private busy: Map<number, number> | null = null;
  /** Spans still open (no end). */
  open = 0;

  constructor(private readonly reasons: StringTable, private readonly files: StringTable) {}

  push(s: AgentStateSpan): void {
    const i = this.length++;
    if (i === this.startMs.length) {
      this.startMs = grow(this.startMs, i + 1);
      this.endMs = grow(this.endMs, i + 1);
      this.line = grow(this.line, i + 1);
      this.code = grow(this.code, i + 1);
      this.reason = grow(this.reason, i + 1);
      this.file = grow(this.file, i + 1);
    }
    this.startMs[i] = s.startMs;
    this.endMs[i] = s.endMs ?? NaN;
    if (s.endMs === null) this.open++;
    this.line[i] = s.line;
    this.code[i] = LAYER_CODE.get(s.layer)! * 8 + CATEGORY_CODE.get(s.category)!;
    this.reason[i] = this.reasons.id(s.reason);
    this.file[i] = this.files.id(s.file);
    if (s.busyShare !== undefined) (this.busy ??= new Map()).set(i, s.busyShare);
  }

  /** Span `i` as an object, for `agent` (its timeline's display name); rowCount 0. */
  at(i: number, agent: string): AgentStateSpan {
    const end = this.endMs[i]!;
    const code = this.code[i]!;
    const s: AgentStateSpan = {
      agent,
      layer: LAYERS[code >> 3]!,
      category: STATE_CATEGORIES[code & 7]!,
      reason: this.reasons.strings[this.reason[i]!]!,
      startMs: this.startMs[i]!,
      endMs: end === end ? end : null,
      file: this.files.strings[this.file[i]!]!,
      line: this.line[i]!,
      rowCount: 0,
    };
    const busy = this.busy?.get(i);
    if (busy !== undefined) s.busyShare = busy;
    return s;
  }

  /** Every span as an object (`at`), in the order added. */
  all(agent: string): AgentStateSpan[] {
    const out = new Array<AgentStateSpan>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i, agent);
    return out;
  }
}
