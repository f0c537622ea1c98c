/**
 * Values looked up by a range of a larger text (a field of a scanned line),
 * without cutting a string for it: by the range's `hashRange`, then checked
 * against the text the value was stored under, code unit by code unit. For
 * names that repeat line after line (queue_log's queues and agents): one entry
 * per distinct name, not a string per line.
 *
 * Exact: a range whose hash some other text already holds is a miss (the
 * caller works its value out and `set` keeps the later one). Bounded: past
 * `maxEntries` the map starts over, should a column hold a new name per line.
 */
import { hashRange } from "./id-table.js";
import { detached } from "../model/detached.js";

/**
 * Whether `text` in [start, end) is `s`. A loop over the code units: names are
 * short, and `startsWith` cost about 50 ns a call (a builtin call with checks of
 * its argument), a tenth of the reading thread's time on a queue_log.
 */
export function sameText(s: string, text: string, start: number, end: number): boolean {
  if (s.length !== end - start) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

export class TextMap<V> {
  private readonly entries = new Map<number, { key: string; value: V }>();

  constructor(private readonly maxEntries = 4096) {}

  /** The value stored under the text in [start, end) (hash `h`, its `hashRange`), or undefined. */
  get(text: string, start: number, end: number, h = hashRange(text, start, end)): V | undefined {
    const e = this.entries.get(h);
    return e !== undefined && sameText(e.key, text, start, end) ? e.value : undefined;
  }

  /** Store `value` under `key` (hash `h`, its `hashString`); the key is kept as a copy of its own (detached). */
  set(key: string, h: number, value: V): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(h, { key: detached(key), value });
  }

  clear(): void {
    this.entries.clear();
  }
}
