/**
 * `cckpi-intervals`: the interval records `cckpi intervals` writes, read back so
 * a monthly report can merge nightly files without the raw exports. Columns:
 * level (contact | call), interval_start (ISO-8601 with offset), interval_minutes,
 * queue, agent, dim_<name> for each extra dimension, then one column per fact
 * (offered, answered_within_20s, wait_answered_s, ...). Facts are summed, or
 * maxed for *_max_* columns, exactly as when computed from the raw export.
 */
import { CckpiError } from "../errors.js";
import { parseHist } from "../engine/records.js";
import { parseTimestamp, type TimestampResult } from "../model/timestamp.js";
import { defineSource, headerIndex, type SourceContext } from "./define.js";

export const INTERVAL_FIXED = ["level", "interval_start", "interval_minutes", "queue", "agent"] as const;

export default defineSource({
  id: "cckpi-intervals",
  title: "cckpi interval records",
  records: "interval records",
  extensions: [".csv"],
  docs: `The output of \`cckpi intervals\`, read back by \`cckpi report\` (same figures as from the raw export).
Columns: level (contact = per queue/agent, call = each call once), interval_start (ISO-8601 with offset),
interval_minutes, queue, agent, dim_<name> per extra dimension, then additive fact columns
(distributions, *_hist, as value:count pairs: 12:3|15:1).
A report needing a fact the file lacks (e.g. another SL threshold) stops with MISSING_FACT.
FCR facts are as judged when the file was written (the data end of that run).`,

  detect(sample) {
    const h = sample.rows[0];
    if (!h) return 0;
    const idx = headerIndex(h);
    return INTERVAL_FIXED.every((c) => idx.has(c)) ? 0.99 : 0;
  },

  create(ctx: SourceContext) {
    let header: string[] | null = null;
    let fixed: number[] = [];
    let dimCols: [string, number][] = [];
    let factCols: [string, number][] = [];
    let lastStartText: string | null = null;
    let lastStart: TimestampResult | null = null;
    return {
      row(fields, line, raw) {
        if (header === null) {
          header = fields.map((f) => f.replace(/^\uFEFF/, "").trim().toLowerCase());
          const idx = headerIndex(header);
          fixed = INTERVAL_FIXED.map((c) => idx.get(c) ?? -1);
          if (fixed.some((i) => i < 0)) {
            throw new CckpiError("MISSING_COLUMN", `${ctx.file}:${line}: interval header lacks ${INTERVAL_FIXED.filter((_, i) => fixed[i]! < 0).join(", ")}`, "is this the output of `cckpi intervals`?");
          }
          header.forEach((h, i) => {
            if ((INTERVAL_FIXED as readonly string[]).includes(h)) return;
            if (h.startsWith("dim_")) dimCols.push([h.slice(4), i]);
            else factCols.push([h, i]);
          });
          return ctx.filter(line, "header");
        }
        if (fields.length !== header.length) {
          if (fields.length === 1 && fields[0]!.trim() === "") return ctx.filter(line, "blank line");
          return ctx.reject(line, "RAGGED_ROW", `expected ${header.length} fields, found ${fields.length}`, raw);
        }
        // Concatenated files repeat the header, maybe behind a BOM of their own (`--excel` output).
        if (fields[fixed[0]!]!.replace(/^\uFEFF/, "").trim().toLowerCase() === "level") return ctx.filter(line, "repeated header");
        const level = fields[fixed[0]!]!.trim();
        if (level !== "contact" && level !== "call") return ctx.reject(line, "BAD_VALUE", `level "${level}" is not contact or call`, raw);
        // The file is sorted by interval start: a run of rows shares one, parsed once.
        const startText = fields[fixed[1]!]!;
        if (startText !== lastStartText) {
          lastStart = parseTimestamp(startText, ctx.zone);
          lastStartText = startText;
        }
        const t = lastStart!;
        if (!t.ok) return ctx.reject(line, t.code, `interval_start: ${t.message}`, raw);
        const minutes = +fields[fixed[2]!]!;
        if (!(minutes > 0)) return ctx.reject(line, "BAD_NUMBER", `interval_minutes "${fields[fixed[2]!]}" is not a positive number`, raw);
        const facts: Record<string, number> = {};
        let hists: Record<string, ReadonlyMap<number, number>> | undefined;
        for (const [name, i] of factCols) {
          const s = fields[i]!.trim();
          if (name.endsWith("_hist")) {
            const h = parseHist(s);
            if (h === null) return ctx.reject(line, "BAD_VALUE", `${name} "${s.slice(0, 40)}" is not a list of value:count pairs`, raw);
            (hists ??= {})[name] = h;
            continue;
          }
          const v = s === "" ? 0 : +s;
          if (!Number.isFinite(v)) return ctx.reject(line, "BAD_NUMBER", `${name} "${s}" is not a number`, raw);
          facts[name] = v;
        }
        const dims: Record<string, string> = {};
        for (const [name, i] of dimCols) dims[name] = fields[i]!;
        ctx.emitRecord({ level, startMs: t.utcMs, minutes, queue: fields[fixed[3]!]!, agent: fields[fixed[4]!]!, dims, facts, ...(hists ? { hists } : {}) }, line);
      },
      end() {},
    };
  },
});
