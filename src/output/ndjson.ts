/** NDJSON: one JSON object per row (the total row last, with its first label "Total"). */
import { defineOutput } from "./define.js";
import { rowObjects } from "./json.js";

export default defineOutput({
  id: "ndjson",
  extensions: [".ndjson", ".jsonl"],
  description: "one JSON object per line, total last",
  render: (t) => {
    const rows = rowObjects({ ...t, rows: t.total ? [...t.rows, t.total] : t.rows });
    return rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
  },
});
