import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readmeBlocks, updateReadme } from "../../src/readme.js";
import { ROOT } from "../helpers.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README", () => {
  it("opens with exactly the two set-up commands", () => {
    const firstBlock = /```\n([\s\S]*?)```/.exec(readme)![1]!.trim().split("\n");
    expect(firstBlock).toEqual(["npm install && npx cckpi report fixtures/asterisk/queue_log --tz America/New_York", "npm test"]);
  });

  it("has generated tables in step with the registries (run `npm run docs` to update)", () => {
    expect(updateReadme(readme)).toBe(readme);
  });

  it.each(Object.keys(readmeBlocks()))("contains the %s block", (name) => {
    expect(readme).toContain(`<!-- BEGIN ${name} -->`);
  });
});
