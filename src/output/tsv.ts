/** TSV: the CSV writer with a tab delimiter (pastes straight into spreadsheets). */
import { defineOutput } from "./define.js";
import { delimitedChunks } from "./csv.js";

export default defineOutput({
  id: "tsv",
  extensions: [".tsv", ".tab"],
  description: "tab-separated, raw numbers",
  render: (t, ctx) => delimitedChunks(t, ctx, "\t"),
});
