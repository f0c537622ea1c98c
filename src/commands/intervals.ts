/**
 * `cckpi intervals <files...>`: writes the interval records themselves (additive
 * facts per interval x queue x agent, contact and call levels), for WFM tools
 * and for nightly files that `cckpi report` merges later with the same figures.
 */
import { formatHist, type RecordStore } from "../engine/records.js";
import { checkWritable } from "../output/write.js";
import type { TimeZone } from "../model/time.js";
import { sortOrder, type Column, type ReportTable, type RowList } from "../report/rollup.js";
import { emit, type Io, type OutputFlags } from "./output.js";
import { buildRecords, makeLogger, reconciliation, settingsFrom, type CommonFlags } from "./pipeline.js";

export type IntervalsFlags = CommonFlags & OutputFlags;

export function recordsTable(store: RecordStore, zone: TimeZone): ReportTable<RowList> {
  const columns: Column[] = [
    { id: "level", title: "level", unit: "label" },
    { id: "interval_start", title: "interval_start", unit: "time" },
    { id: "interval_minutes", title: "interval_minutes", unit: "count" },
    { id: "queue", title: "queue", unit: "label" },
    { id: "agent", title: "agent", unit: "label" },
    ...store.dimNames.map((d) => ({ id: `dim_${d}`, title: `dim_${d}`, unit: "label" as const })),
    ...store.factKeys.map((k, f) => ({ id: k, title: k, unit: store.isHist[f] ? ("label" as const) : ("count" as const) })),
  ];
  // Records by interval start, level, queue and agent, as localeCompare orders the names.
  const order = sortOrder(store.size, (r) => store.startMs(r), 3, (r, c) => (c === 0 ? store.level(r) : c === 1 ? store.queue(r) : store.agent(r)));
  // A month has a few thousand interval starts and hundreds of thousands of records: each start formatted once.
  const labels = new Map<number, string>();
  const nFacts = store.factKeys.length;
  const row = (i: number): (string | number)[] => {
    const startMs = store.startMs(i);
    let time = labels.get(startMs);
    if (time === undefined) labels.set(startMs, (time = zone.formatLocal(startMs)));
    const cells: (string | number)[] = [store.level(i), time, store.minutes(i), store.queue(i), store.agent(i), ...store.dims(i)];
    const slab = store.slabOf(i);
    const at = store.offsetOf(i);
    // Distributions (`*_hist` facts) are written as value:count pairs, so a report from the file has the same percentiles.
    for (let f = 0; f < nFacts; f++) cells.push(store.isHist[f] ? formatHist(store.histOf(i, f)) : slab[at + f]!);
    return cells;
  };
  // Each row is made when the format asks for it: all of them at once were about 290 MB for a month by agent.
  const rows: RowList = { length: order.length, at: (k) => (k >= 0 && k < order.length ? row(order[k]!) : undefined) };
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
