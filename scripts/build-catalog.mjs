// Writes dist/catalog.json from the metric registry (run by `npm run build`, after tsc).
import { writeFileSync } from "node:fs";
import { buildCatalog } from "../dist/catalog.js";

writeFileSync(new URL("../dist/catalog.json", import.meta.url), `${JSON.stringify(buildCatalog(), null, 1)}\n`);
