/**
 * The command line. `run()` builds the commander program, runs one command and
 * returns the exit code; it is the only place that turns errors into messages:
 * a CckpiError (a user's mistake or bad data) prints one line and its hint, any
 * other error is a bug and prints its stack. Commands load lazily so that
 * `cckpi --version` and `cckpi metrics` start fast.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { CckpiError, EXIT } from "./errors.js";
import type { Io } from "./commands/output.js";

const VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}

function commonOptions(cmd: Command): Command {
  return cmd
    .option("--tz <zone>", "IANA time zone for intervals and offset-less timestamps (env CCKPI_TZ; default: config, then this machine's zone)")
    .option("--interval <minutes>", "interval size: 5, 10, 15, 30 or 60 (env CCKPI_INTERVAL_MINUTES)", undefined)
    .option("--by <dims>", "group by, comma-separated: interval|day|week|month|period, queue, agent, any extra column")
    .option("--metrics <ids>", "metrics to compute, comma-separated (see `cckpi metrics`)")
    .option("--from <date>", "first local date to report (inclusive), YYYY-MM-DD")
    .option("--to <date>", "local date to stop before (exclusive), YYYY-MM-DD")
    .addOption(new Option("--attribution <rule>", "which interval a contact belongs to").choices(["arrival", "end"]))
    .option("-c, --config <file>", "config file (default ./cckpi.config.json; env CCKPI_CONFIG)")
    .option("--input-format <id>", "input format instead of detection (see `cckpi formats`)")
    .option("--delimiter <char>", "field delimiter instead of sniffing (`,` `;` tab `|`)")
    .option("--encoding <label>", "input encoding instead of detection (utf-8, gb18030, windows-1252, utf-16le...)")
    .addOption(new Option("--on-error <mode>", "bad rows: skip them (counted, listed) or fail at the first").choices(["skip", "fail"]))
    .option("--rejects <file>", "write every rejected row (file, line, code, message, raw) to a CSV file")
    .option("--max-errors <n>", "stop with exit 1 when more than n rows are rejected")
    .option("--plugin <file>", "load a metric module (repeatable)", collect)
    .option("--agents <files...>", "agent state exports (queue_log, state CSV, Omni presence, Connect agent events)")
    .option("--schedule <files...>", "schedules: long form (agent, activity, start, end) or a roster grid")
    .option("-o, --output <file>", "write to a file (atomically); the extension picks the format")
    .option("-f, --format <id>", "output format: table, csv, tsv, json, ndjson, markdown (or an input format id)")
    .option("--excel", "CSV for spreadsheets: UTF-8 BOM, CRLF, formula escaping")
    .option("--no-color", "no colour in tables")
    .option("-q, --quiet", "no warnings or summary on stderr")
    .option("-v, --verbose", "say which format, encoding and delimiter each input was read with");
}

/** `--format` also accepts an input format id (the two sets of ids never overlap). */
async function splitFormat<T extends { format?: string; inputFormat?: string }>(flags: T): Promise<T> {
  if (flags.format === undefined) return flags;
  const { builtinSources } = await import("./sources/index.js");
  if (builtinSources.some((s) => s.id === flags.format)) return { ...flags, inputFormat: flags.format, format: undefined } as T;
  return flags;
}

export function defaultIo(): Io {
  return {
    stdout: (s) => { process.stdout.write(s); },
    stderr: (s) => { process.stderr.write(s); },
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
  };
}

/**
 * Run a command that reads `files`, with the reading worker of the first large one
 * started first, so that it loads while the command's own modules do (ingest/worker-start.ts).
 */
async function withEarlyWorker(files: readonly string[], io: Io, body: () => Promise<void>): Promise<void> {
  const { startEarly, dropEarlyWorkers } = await import("./ingest/worker-start.js");
  startEarly(files, io.env);
  try {
    await body();
  } finally {
    dropEarlyWorkers();
  }
}

export async function run(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  const program = new Command()
    .name("cckpi")
    .description("Contact-centre KPIs from ACD/PBX exports: service level, abandonment, ASA, AHT, FCR...")
    .version(VERSION, "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  commonOptions(program.command("report").argument("[files...]", "exports, globs, - for stdin, .gz ok").description("KPIs by interval / day / week / month x queue / agent / any column"))
    .option("--no-total", "leave out the total row")
    .action(async (files: string[], flags) => {
      await withEarlyWorker(files, io, async () => {
        const { reportCommand } = await import("./commands/report.js");
        await reportCommand(files, await splitFormat(flags), io);
      });
    });

  commonOptions(program.command("intervals").argument("[files...]", "exports, globs, - for stdin").description("write interval records (additive facts per interval x queue x agent)"))
    .action(async (files: string[], flags) => {
      await withEarlyWorker(files, io, async () => {
        const { intervalsCommand } = await import("./commands/intervals.js");
        await intervalsCommand(files, await splitFormat(flags), io);
      });
    });

  program
    .command("inspect")
    .argument("<files...>", "exports, globs, - for stdin, .gz ok")
    .description("per file: detected format (and why), encoding, delimiter, header, row ledger, time span, outcomes, issues, a report command")
    .option("--tz <zone>", "IANA time zone for offset-less timestamps and the time span (env CCKPI_TZ)")
    .option("-c, --config <file>", "config file (default ./cckpi.config.json; env CCKPI_CONFIG)")
    .option("--input-format <id>", "input format instead of detection (see `cckpi formats`)")
    .option("--delimiter <char>", "field delimiter instead of sniffing (`,` `;` tab `|`)")
    .option("--encoding <label>", "input encoding instead of detection (utf-8, gb18030, windows-1252, utf-16le...)")
    .option("--json", "one JSON document { files: [...] } instead of text")
    .action(async (files: string[], flags) => {
      const { inspectCommand } = await import("./commands/inspect.js");
      await inspectCommand(files, flags, io);
    });

  program
    .command("metrics")
    .argument("[id]", "a metric id")
    .option("--plugin <file>", "also list a plugin's metrics", collect)
    .description("list metrics, or print one metric's exact definition and options")
    .action(async (id: string | undefined, flags: { plugin?: string[] }) => {
      const { metricsCommand } = await import("./commands/metrics.js");
      await metricsCommand(id, flags, io);
    });

  program
    .command("init")
    .description("write a starter cckpi.config.json, or propose a column mapping from a file (--from)")
    .option("--from <file>", "propose a mapping (for the `mapped` source) from this file's header and first rows")
    .option("-o, --output <file>", "write to a file instead of stdout (atomically)")
    .option("--force", "replace an existing --output file")
    .action(async (flags: { from?: string; output?: string; force?: boolean }) => {
      const { initCommand } = await import("./commands/init.js");
      initCommand(flags, io);
    });

  program
    .command("formats")
    .argument("[id]", "a format id")
    .description("list the input formats, or one format's columns and traps")
    .action(async (id: string | undefined) => {
      const { formatsCommand } = await import("./commands/formats.js");
      formatsCommand(id, io);
    });

  try {
    await program.parseAsync([...argv], { from: "node" });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // `--help`, `--version` and `help` exit 0; commander's implicit help for a bare
      // `cckpi` (exitCode 1, on stderr) did nothing the user asked for: a usage error.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof CckpiError) {
      io.stderr(`cckpi: error [${e.code}]: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ""}`);
      return e.exitCode;
    }
    io.stderr(`cckpi: internal error (a bug; please report it with the command you ran)\n${(e as Error).stack ?? String(e)}\n`);
    return 70;
  }
}

export async function main(argv: readonly string[]): Promise<void> {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  process.on("SIGINT", () => process.exit(EXIT.interrupted));
  process.exitCode = await run(argv);
}
