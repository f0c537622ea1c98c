/**
 * NDJSON: one JSON object per row (the total row last, with its first label
 * "Total"), written a chunk of rows at a time.
 */
import { defineOutput } from "./define.js";
import { rowObject } from "./json.js";

/** Rows per piece of text handed to the writer. */
const CHUNK_ROWS = 4096;

export default defineOutput({
  id: "ndjson",
  extensions: [".ndjson", ".jsonl"],
  description: "one JSON object per line, total last",
  render: function* (t) {
    const n = t.rows.length + (t.total ? 1 : 0);
    let out = "";
    for (let i = 0; i < n; i++) {
      out += `${JSON.stringify(rowObject(t.columns, i < t.rows.length ? t.rows.at(i)! : t.total!))}\n`;
      if ((i + 1) % CHUNK_ROWS === 0) {
        yield out;
        out = "";
      }
    }
    if (out !== "") yield out;
  },
});
