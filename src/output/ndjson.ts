/**
 * NDJSON: one JSON object per row (the total row last, with its first label
 * "Total"), written a chunk of rows at a time.
 */
import { defineOutput, rowPieces } from "./define.js";
import { rowObject } from "./json.js";

/** Rows per piece of text handed to the writer. */
const CHUNK_ROWS = 4096;

export default defineOutput({
  id: "ndjson",
  extensions: [".ndjson", ".jsonl"],
  description: "one JSON object per line, total last",
  render: (t) => rowPieces(t, CHUNK_ROWS, (r) => `${JSON.stringify(rowObject(t.columns, r))}\n`),
});
