/**
 * `cckpi intervals <files...>`: writes the interval records themselves (additive
 * facts per interval x queue x agent, contact and call levels), for WFM tools
 * and for nightly files that `cckpi report` merges later with the same figures.
 */
import { formatHist, type RecordStore } from "../engine/records.js";
import { checkWritable } from "../output/write.js";
import type { TimeZone } from "../model/time.js";
import type { Column, ReportTable } from "../report/rollup.js";
import { emit, type Io, type OutputFlags } from "./output.js";
import { buildRecords, makeLogger, reconciliation, settingsFrom, type CommonFlags } from "./pipeline.js";

export type IntervalsFlags = CommonFlags & OutputFlags;

export function recordsTable(store: RecordStore, zone: TimeZone): ReportTable {
  const columns: Column[] = [
    { id: "level", title: "level", unit: "label" },
    { id: "interval_start", title: "interval_start", unit: "time" },
    { id: "interval_minutes", title: "interval_minutes", unit: "count" },
    { id: "queue", title: "queue", unit: "label" },
    { id: "agent", title: "agent", unit: "label" },
    ...store.dimNames.map((d) => ({ id: `dim_${d}`, title: `dim_${d}`, unit: "label" as const })),
    ...store.factKeys.map((k, f) => ({ id: k, title: k, unit: store.isHist[f] ? ("label" as const) : ("count" as const) })),
  ];
  const order = Array.from({ length: store.size }, (_, i) => i).sort(
    (a, b) => store.startMs(a) - store.startMs(b) || store.level(a).localeCompare(store.level(b)) || store.queue(a).localeCompare(store.queue(b)) || store.agent(a).localeCompare(store.agent(b)),
  );
  const rows = order.map((i) => {
    const k = store.key(i);
    // Distributions (`*_hist` facts) are written as value:count pairs, so a report from the file has the same percentiles.
    const facts = Array.from(store.valuesOf(i), (v, f) => (store.isHist[f] ? formatHist(store.histOf(i, f)) : v));
    return [k.level, zone.formatLocal(k.startMs), k.minutes, k.queue, k.agent, ...k.dims, ...facts];
  });
  return { columns, rows, total: null, notes: [] };
}

export async function intervalsCommand(files: string[], flags: IntervalsFlags, io: Io): Promise<void> {
  const log = makeLogger(flags, io.stderr);
  if (flags.output && flags.output !== "-") checkWritable(flags.output);
  const s = await settingsFrom(flags, { by: ["interval", "queue", "agent"] }, io.env);
  const run = await buildRecords(files, flags, s, { keepAgent: true, io }, log);
  emit(recordsTable(run.store, s.zone), { ...flags, format: flags.format ?? (flags.output ? undefined : "csv") }, io, {
    reconciliation: run.tally.toJSON(),
  });
  reconciliation(run, log);
}
