/** The output registry: `--format` values and the file extensions `-o` infers them from. */
import csv from "./csv.js";
import type { OutputDef } from "./define.js";
import json from "./json.js";
import markdown from "./markdown.js";
import ndjson from "./ndjson.js";
import table from "./table.js";
import tsv from "./tsv.js";

export const outputs: readonly OutputDef[] = [table, csv, tsv, json, ndjson, markdown];

export function outputForFile(path: string): OutputDef | undefined {
  const lower = path.toLowerCase();
  return outputs.find((o) => o.extensions.some((e) => lower.endsWith(e)));
}
