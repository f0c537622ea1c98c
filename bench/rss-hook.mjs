/**
 * Used by bench/run.js only when /usr/bin/time is absent: `node --import bench/rss-hook.mjs ...`
 * prints the process's CPU time and peak RSS as one line on stderr when it exits:
 *   __BENCH__{"user":µs,"sys":µs,"maxRSS":KiB}
 */
import { writeSync } from "node:fs";

process.on("exit", () => {
  const r = process.resourceUsage();
  writeSync(2, `__BENCH__${JSON.stringify({ user: r.userCPUTime, sys: r.systemCPUTime, maxRSS: r.maxRSS })}\n`);
});
