/**
 * `cckpi init [--from FILE]`: a starter cckpi.config.json. With `--from`, a
 * column mapping proposed from the file's header and first rows (for the
 * `mapped` source): each field is matched to a column by name, date and time
 * patterns and duration formats are read off the values. A date that could be
 * day-first or month-first is never decided silently: the proposal says so on
 * stderr and in the file, and the user picks.
 */
import { existsSync, openSync, readSync, closeSync } from "node:fs";
import { CckpiError } from "../errors.js";
import { Decoder } from "../ingest/decode.js";
import { sniffDelimiter } from "../ingest/dialect.js";
import { sampleRows } from "../ingest/read.js";
import { writeFileAtomic } from "../output/write.js";
import type { Io } from "./output.js";

/** Field -> header-name patterns, most specific first. */
const FIELDS: [string, RegExp][] = [
  ["contactId", /^(contact|call)[ _-]?id$|^id$|^uniqueid$/i],
  ["callId", /^(linked|call)[ _-]?(id|uuid)$/i],
  ["agent", /agent|server|^user|operator|employee/i],
  ["queue", /queue|topic|skill|split|department|service/i],
  ["customer", /caller|customer|^ani$|phone|^from$|clid/i],
  ["answered", /answered/i],
  ["outcome", /outcome|status|result|disposition/i],
  ["waitSeconds", /speed|wait|^asa|queue[ _]?time/i],
  ["talkSeconds", /talk|handle|duration/i],
  ["holdSeconds", /^hold/i],
  ["acwSeconds", /wrap|acw|after[ _]?call/i],
  ["rating", /satisf|rating|csat|score/i],
  ["resolved", /resolved/i],
  ["transferred", /transfer/i],
];

const DATE_SHAPES: [RegExp, string | null][] = [
  [/^\d{4}-\d{1,2}-\d{1,2}$/, "yyyy-MM-dd"],
  [/^\d{6}$/, "yyMMdd"],
  [/^\d{1,2}\/\d{1,2}\/\d{4}$/, null], // day-first or month-first: decided from the values
  [/^\d{1,2}\.\d{1,2}\.\d{4}$/, "dd.MM.yyyy"],
];

export interface Proposal {
  config: Record<string, unknown>;
  notes: string[];
}

/** Propose a mapping from a header and sample rows (pure; tested directly). */
export function proposeMapping(header: readonly string[], rows: readonly (readonly string[])[], file: string): Proposal {
  const notes: string[] = [];
  const taken = new Set<number>();
  const columns: Record<string, unknown> = {};
  const values = (i: number): string[] => rows.map((r) => (r[i] ?? "").trim()).filter((v) => v !== "");
  const find = (re: RegExp): number => header.findIndex((h, i) => !taken.has(i) && re.test(h.trim()));

  const dateCol = header.findIndex((h) => /^date$|^day$|date$/i.test(h.trim()));
  // A time-of-day column: named like one and holding clock times, else the first column of clock times.
  const isClock = (i: number): boolean => {
    const v = values(i);
    return v.length > 0 && v.every((x) => /^\d{1,2}:\d{2}(:\d{2})?$/.test(x));
  };
  let timeCol = header.findIndex((h, i) => /^time$|^hour$|time$/i.test(h.trim()) && isClock(i));
  if (timeCol < 0) timeCol = header.findIndex((_, i) => i !== dateCol && isClock(i));
  const formats: Record<string, unknown> = {};
  if (dateCol >= 0) {
    taken.add(dateCol);
    const sample = values(dateCol);
    const shape = DATE_SHAPES.find(([re]) => sample.length > 0 && sample.every((v) => re.test(v)));
    let date = shape?.[1] ?? null;
    if (shape && date === null) {
      const firstOver12 = sample.some((v) => +v.split("/")[0]! > 12);
      const secondOver12 = sample.some((v) => +v.split("/")[1]! > 12);
      if (firstOver12 && !secondOver12) date = "dd/MM/yyyy";
      else if (secondOver12 && !firstOver12) date = "MM/dd/yyyy";
      else {
        date = "dd/MM/yyyy";
        notes.push(`dates in "${header[dateCol]}" could be day-first or month-first (no value above 12 decides): set formats.date to dd/MM/yyyy or MM/dd/yyyy`);
      }
    }
    if (date === null) notes.push(`no known pattern fits the dates in "${header[dateCol]}": set formats.date`);
    else formats.date = date;
    if (timeCol >= 0) {
      taken.add(timeCol);
      columns.arrivedAt = { date: header[dateCol], time: header[timeCol] };
      const t = values(timeCol);
      formats.time = t.every((v) => /^\d{1,2}:\d{2}:\d{2}$/.test(v)) ? "H:mm:ss" : t.every((v) => /^\d{1,2}:\d{2}$/.test(v)) ? "H:mm" : "H:mm:ss";
    } else columns.arrivedAt = header[dateCol];
  } else {
    const start = find(/start|arriv|timestamp|datetime|created|calldate|enter/i);
    if (start >= 0) {
      taken.add(start);
      columns.arrivedAt = header[start];
    } else notes.push("no arrival time column recognized: set columns.arrivedAt");
  }

  const durations: Record<string, string> = {};
  for (const [field, re] of FIELDS) {
    const i = find(re);
    if (i < 0) continue;
    if (field === "outcome" && columns.answered !== undefined) continue;
    taken.add(i);
    columns[field] = header[i];
    if (field.endsWith("Seconds")) {
      const v = values(i);
      if (v.length && v.every((x) => /^\d+:\d{2}:\d{2}$/.test(x))) durations[field] = "h:mm:ss";
      else if (v.length && v.every((x) => /^\d+:\d{2}$/.test(x))) durations[field] = "mm:ss";
    }
  }
  if (columns.answered === undefined && columns.outcome === undefined) notes.push("no outcome or answered column recognized: set columns.outcome (and mapping.outcomes) or columns.answered");
  if (columns.outcome !== undefined) {
    const words = [...new Set(values(header.indexOf(columns.outcome as string)))].slice(0, 12);
    notes.push(`map the outcome words of "${String(columns.outcome)}" (seen: ${words.join(", ")}) under mapping.outcomes`);
  }
  if (Object.keys(durations).length) formats.durations = durations;
  const unused = header.filter((_, i) => !taken.has(i));
  return {
    config: {
      $comment: `Proposed by \`cckpi init --from ${file}\`: check every column and format before use. Columns not mapped (usable in --by): ${unused.join(", ") || "none"}.`,
      mapping: { columns, formats },
    },
    notes,
  };
}

function readHead(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    throw new CckpiError("INPUT_NOT_FOUND", `input not found: ${path}`);
  }
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

const STARTER = {
  $comment: "cckpi configuration: see the Configuration section of the README; `cckpi metrics <id>` lists each metric's options",
  timeZone: "America/New_York",
  intervalMinutes: 30,
  report: { metrics: ["offered", "answered", "abandon-rate", "service-level", "asa", "aht", "fcr"], by: ["day", "queue"] },
  metrics: {
    "service-level": { thresholdSeconds: 20, formula: "answered-within/offered-minus-short" },
    "abandon-rate": { excludeShortAbandons: true, shortAbandonSeconds: 5 },
    fcr: { windowHours: 72 },
  },
  queues: {},
  agents: { aliases: {} },
};

export function initCommand(flags: { from?: string; output?: string; force?: boolean }, io: Io): void {
  let config: Record<string, unknown> = STARTER;
  if (flags.from) {
    const decoder = new Decoder({ name: flags.from, encoding: null, fallback: "gb18030", warn: (m) => io.stderr(`cckpi: warning: ${m}\n`) });
    const text = decoder.decode(readHead(flags.from)) + decoder.end();
    const delimiter = sniffDelimiter(text);
    const [header, ...rows] = sampleRows(text, delimiter, 200);
    if (!header) throw new CckpiError("FORMAT_NOT_DETECTED", `${flags.from}: no header row found`);
    const p = proposeMapping(header, rows, flags.from);
    for (const n of p.notes) io.stderr(`cckpi: check: ${n}\n`);
    config = { ...p.config, timeZone: "UTC" };
  }
  const text = `${JSON.stringify(config, null, 2)}\n`;
  if (flags.output && flags.output !== "-") {
    if (existsSync(flags.output) && !flags.force) {
      throw new CckpiError("BAD_OPTION", `${flags.output} exists`, "add --force to replace it");
    }
    writeFileAtomic(flags.output, text);
  } else io.stdout(text);
}
