// Rewrites the generated tables in README.md from the registries (run after `npm run build`).
import { readFileSync, writeFileSync } from "node:fs";
import { updateReadme } from "../dist/readme.js";

const path = new URL("../README.md", import.meta.url);
const before = readFileSync(path, "utf8");
const after = updateReadme(before);
if (after !== before) writeFileSync(path, after);
console.log(after === before ? "README.md is up to date" : "README.md updated");
