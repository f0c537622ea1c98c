/**
 * `cckpi report <files...>`: the main job. Reads exports (or interval files),
 * builds interval records, rolls them up by `--by`, prints the chosen metrics
 * with a total row, and accounts for every input row on stderr.
 */
import { checkWritable } from "../output/write.js";
import { rollup } from "../report/rollup.js";
import { emit, type Io, type OutputFlags } from "./output.js";
import { AGENT_BY, bucketFor, buildRecords, DEFAULT_BY, makeLogger, reconciliation, settingsFrom, type CommonFlags } from "./pipeline.js";

export type ReportFlags = CommonFlags & OutputFlags & { total?: boolean };

export async function reportCommand(files: string[], flags: ReportFlags, io: Io): Promise<void> {
  const log = makeLogger(flags, io.stderr);
  if (flags.output && flags.output !== "-") checkWritable(flags.output);
  const agentsOnly = files.length === 0 && ((flags.agents?.length ?? 0) > 0 || (flags.schedule?.length ?? 0) > 0);
  const s = await settingsFrom(flags, { by: agentsOnly ? AGENT_BY : DEFAULT_BY, contacts: !agentsOnly }, io.env);
  // Records keep their queue when rows are by queue, or when a queue has metric options of its own
  // (config queues.<q>.metrics: its facts differ). Otherwise rows sum across queues anyway, and a
  // report by interval and agent made a record per queue of each.
  const keepQueue = s.by.includes("queue") || s.instances.some((i) => i.perQueue.size > 0);
  const run = await buildRecords(files, flags, s, { keepAgent: false, keepQueue, io, bucket: bucketFor(s.by) }, log);
  const sources = [...new Set(run.inputs.map((i) => i.result.source.id))];
  // Agent files and mapped interval reports hold no calls; interval files cckpi wrote keep the call level.
  const hasCalls = run.builder.contactsRead > 0 || sources.includes("cckpi-intervals");
  const table = rollup(run.store, s.instances, { zone: s.zone, by: s.by, total: flags.total !== false, hasCalls });
  if (sources.includes("asterisk-queue-log") && s.instances.some((i) => ["aht", "avg-hold", "avg-acw", "hold-rate"].includes(i.def.id))) {
    table.notes.push("AHT is talk-only for asterisk-queue-log: queue_log records no customer hold or after-call work.");
  }
  const fcr = s.instances.find((i) => i.def.id === "fcr" || i.def.id === "repeat-rate");
  if (fcr && Number.isFinite(run.builder.dataEndMs)) {
    table.notes.push(`FCR: contacts whose window reaches past the data end (${s.zone.formatLocal(run.builder.dataEndMs)}) are censored, in neither side.`);
  }
  const lacking = (need: "agentStates" | "schedule"): string[] => s.instances.filter((i) => i.def.needs.includes(need)).map((i) => i.def.id);
  // Interval files carry agent facts already summed: nothing to warn about there.
  const fromRecords = run.builder.recordsRead > 0;
  if (!fromRecords && !run.builder.agents.hasStates && lacking("agentStates").length) {
    log.warn(`${lacking("agentStates").join(", ")} need agent state data, and none was read: give it with --agents (queue_log member events count too)`);
  }
  if (!fromRecords && !run.builder.agents.hasSchedule && lacking("schedule").length) {
    log.warn(`${lacking("schedule").join(", ")} need a schedule, and none was read: give it with --schedule`);
  }
  const ag = run.builder.agentSummary;
  if (ag?.scheduleWindow) {
    table.notes.push(`Schedule evaluated from ${s.zone.formatLocal(ag.scheduleWindow.fromMs)} to ${s.zone.formatLocal(ag.scheduleWindow.toMs)}, the span of the agent state data.`);
  }
  if (ag && s.by.includes("queue") && lacking("agentStates").length) table.notes.push("Agent state time is not per queue: it shows under queue (none).");
  emit(table, flags, io, {
    settings: {
      timeZone: s.zone.name,
      intervalMinutes: s.intervalMinutes,
      attribution: s.attribution,
      from: s.from,
      to: s.to,
      by: s.by,
      metrics: s.instances.map((i) => ({ id: i.def.id, options: i.defaults })),
    },
    inputs: run.inputs.map((i) => ({ file: i.name, format: i.result.source.id, encoding: i.result.encoding, delimiter: i.result.delimiter })),
    reconciliation: run.tally.toJSON(),
  });
  reconciliation(run, log);
}
