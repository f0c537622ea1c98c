/**
 * Conformance over the CSV edge-case corpus (`../shared/data/csv-edge/`, read in
 * place, never copied): every file goes through our front half (Decoder ->
 * sniffDelimiter -> Scanner, and again through readInput with a test source that
 * only counts) and is compared with the outcome PROVENANCE.md states, mapped onto
 * our codes:
 *   - ragged rows (TOO MANY / MISSING COLUMNS, csvclean length mismatches) are a
 *     source-level concept: here they are records with the stated field counts;
 *   - DuckDB UNQUOTED VALUE / csv-parse CSV_INVALID_CLOSING_QUOTE -> INVALID_CLOSING_QUOTE;
 *   - unterminated quotes / CSV_QUOTE_NOT_CLOSED -> UNTERMINATED_QUOTE on the line it opened;
 *   - invalid UTF-8 -> the decoder's gb18030 fallback warning naming the line
 *     (or BAD_ENCODING with --encoding utf-8).
 * Where we differ on purpose, the row says so (`// deliberate: ...`).
 *
 * Invariants for every file: no exception other than a CckpiError with a code;
 * every physical line belongs to exactly one record, error or blank line, in order;
 * an unterminated quote rejects one line and never swallows the rest; a CR or LF
 * inside a value only comes from a quoted field; chunking the bytes changes nothing;
 * the readInput ledger balances and sees the same records.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { CckpiError } from "../../src/errors.js";
import { Decoder } from "../../src/ingest/decode.js";
import { sniffDelimiter } from "../../src/ingest/dialect.js";
import { readInput } from "../../src/ingest/read.js";
import { Scanner, type RecordView } from "../../src/ingest/scanner.js";
import { Tally } from "../../src/ingest/tally.js";
import { TimeZone } from "../../src/model/time.js";
import type { SourceDef } from "../../src/sources/define.js";
import { hasShared, shared, sharedNote } from "../helpers.js";

sharedNote();
const corpus = (p: string): string => shared("csv-edge", p);
const hasCorpus = hasShared && existsSync(corpus("SHA256SUMS"));
if (hasShared && !hasCorpus) console.warn(`skipping: ${corpus("")} is absent`);

// ---------------------------------------------------------------------------
// The front half, run on one corpus file.

type Ev =
  | { kind: "record"; fields: string[]; line: number; raw: string }
  | { kind: "error"; code: string; line: number; raw: string }
  | { kind: "blank"; line: number };

interface Opts {
  encoding?: string;
  delimiter?: string;
}

interface Front {
  text: string;
  encoding: string;
  delimiter: string;
  warnings: string[];
  events: Ev[];
}

/**
 * Bytes fed to the decoder in `chunk`-byte pieces (0 = all at once), text straight on to the scanner;
 * `view`: records through the record view (offsets), materialized.
 */
function front(bytes: Buffer, o: Opts, chunk = 0, delimiter: string | null = null, view = false): Front {
  const warnings: string[] = [];
  const dec = new Decoder({ name: "f", encoding: o.encoding ?? null, fallback: "gb18030", warn: (m) => warnings.push(m) });
  const pieces: string[] = [];
  const size = chunk || Math.max(bytes.length, 1);
  for (let i = 0; i < bytes.length; i += size) pieces.push(dec.decode(bytes.subarray(i, i + size)));
  pieces.push(dec.end());
  const text = pieces.join("");
  const d = delimiter ?? o.delimiter ?? sniffDelimiter(text.slice(0, 64 * 1024));
  const events: Ev[] = [];
  const sc = new Scanner({ delimiter: d }, {
    ...(view
      ? { view: (v: RecordView, line: number) => { events.push({ kind: "record", fields: v.fields(), line, raw: v.raw() }); } }
      : { record: (fields: string[], line: number, raw: string) => { events.push({ kind: "record", fields: [...fields], line, raw }); } }),
    error: (code, _m, line, raw) => { events.push({ kind: "error", code, line, raw }); },
    blank: (line) => { events.push({ kind: "blank", line }); },
  });
  for (const p of pieces) sc.feed(p);
  sc.end();
  return { text, encoding: dec.encoding, delimiter: d, warnings, events };
}

/** A source that takes any file and only counts: every row is filtered, so the ledger must balance. */
function countingSource(seen: { fields: string[]; line: number }[]): SourceDef {
  return {
    id: "count", title: "Count", docs: "", records: "contacts", extensions: [".csv"],
    detect: () => 1,
    create: (ctx) => ({
      row(fields, line) {
        seen.push({ fields: [...fields], line });
        ctx.filter(line, "counted");
      },
      end() {},
    }),
  };
}

/** Physical lines: LF, CRLF and a lone CR each end one; a last line without a break counts. */
function physicalLines(s: string): number {
  const breaks = (s.match(/\r\n|\r|\n/g) ?? []).length;
  return breaks + (s.length > 0 && !/[\r\n]$/.test(s) ? 1 : 0);
}
const breaksIn = (s: string): number => (s.match(/\r\n|\r|\n/g) ?? []).length;

/** "R1:3 R2:4 E5:UNTERMINATED_QUOTE B6": record on line 1 with 3 fields, ... */
function compact(ev: readonly Ev[]): string {
  return ev.map((e) => (e.kind === "record" ? `R${e.line}:${e.fields.length}` : e.kind === "error" ? `E${e.line}:${e.code}` : `B${e.line}`)).join(" ");
}
/** "#24R 0E 1B": counts only, for long files and non-CSV files. */
function shape(ev: readonly Ev[]): string {
  const n = (k: Ev["kind"]): number => ev.filter((e) => e.kind === k).length;
  return `#${n("record")}R ${n("error")}E ${n("blank")}B`;
}
const records = (ev: readonly Ev[]): string[][] => ev.flatMap((e) => (e.kind === "record" ? [e.fields] : []));
const eolToLf = (rows: string[][]): string[][] => rows.map((r) => r.map((v) => v.replace(/\r\n/g, "\n")));

// ---------------------------------------------------------------------------
// The table. `ev` is either the exact event list (compact form) or a shape (`#nR nE nB`).

interface Case {
  file: string;
  opts?: Opts;
  /** Expected sniffed (or given) delimiter; "," unless said. */
  delim?: string;
  /** Expected Decoder.encoding; "utf-8" unless said. */
  enc?: string;
  /** Line named by the "not valid UTF-8" fallback warning; no warning unless said. */
  fallbackLine?: number;
  /** A CckpiError code (and the text its message must contain) instead of a result. */
  throws?: [code: string, message: string];
  ev?: string;
  /** Exact field values of some records: [record index, fields]. */
  values?: [number, string[]][];
  /** All records equal these. */
  rows?: string[][];
  /** All records equal those of this file (read with its own options); eol: compare with CRLF -> LF in values. */
  twin?: { file: string; opts?: Opts; eol?: boolean };
  /** csv-spectrum: the header plus records equal this JSON array of objects. */
  json?: string;
}

const NOT_UTF8 = "utf-8 then gb18030 from line ";

const CASES: Case[] = [
  // ---- csv-spectrum: records must equal the json/ twin
  { file: "csv-spectrum/csvs/comma_in_quotes.csv", ev: "R1:5 R2:5", json: "comma_in_quotes" },
  { file: "csv-spectrum/csvs/empty.csv", ev: "R1:3 R2:3 R3:3", json: "empty" },
  { file: "csv-spectrum/csvs/empty_crlf.csv", ev: "R1:3 R2:3 R3:3", json: "empty_crlf" },
  { file: "csv-spectrum/csvs/escaped_quotes.csv", ev: "R1:2 R2:2 R3:2", json: "escaped_quotes" },
  { file: "csv-spectrum/csvs/json.csv", ev: "R1:2 R2:2", json: "json" },
  // Corpus defect: the JSON's phone number is wrong, so compare values by hand. The bare quotes in
  // the unquoted field are literal (as csv-parse relax_quotes); U+FFFD is in the bytes already.
  {
    file: "csv-spectrum/csvs/location_coordinates.csv", ev: "R1:4 R2:4",
    values: [[1, ["2095257564", "37\uFFFD36'37.8\"N 121\uFFFD2'17.9\"W", "Modesto", "Stanislaus"]]],
  },
  { file: "csv-spectrum/csvs/newlines.csv", ev: "R1:3 R2:3 R3:3 R5:3", json: "newlines" },
  { file: "csv-spectrum/csvs/newlines_crlf.csv", ev: "R1:3 R2:3 R3:3 R5:3", json: "newlines_crlf" },
  { file: "csv-spectrum/csvs/quotes_and_newlines.csv", ev: "R1:2 R2:2 R5:2", json: "quotes_and_newlines" },
  { file: "csv-spectrum/csvs/simple.csv", ev: "R1:3 R2:3", json: "simple" },
  { file: "csv-spectrum/csvs/simple_crlf.csv", ev: "R1:3 R2:3", json: "simple_crlf" },
  { file: "csv-spectrum/csvs/utf8.csv", ev: "R1:3 R2:3 R3:3", json: "utf8" },
  // The expectation files themselves are not CSV: invariants only (and a pinned shape).
  { file: "csv-spectrum/json/comma_in_quotes.json", ev: "#9R 0E 0B" },
  { file: "csv-spectrum/json/empty.json", ev: "#4R 0E 0B" },
  { file: "csv-spectrum/json/empty_crlf.json", ev: "#4R 0E 0B" },
  { file: "csv-spectrum/json/escaped_quotes.json", ev: "#10R 0E 0B" },
  { file: "csv-spectrum/json/json.json", ev: "#6R 0E 0B" },
  { file: "csv-spectrum/json/location_coordinates.json", ev: "#6R 0E 0B" },
  { file: "csv-spectrum/json/newlines.json", ev: "#17R 0E 0B" },
  { file: "csv-spectrum/json/newlines_crlf.json", ev: "#17R 0E 0B" },
  { file: "csv-spectrum/json/quotes_and_newlines.json", ev: "#10R 0E 0B" },
  { file: "csv-spectrum/json/simple.json", ev: "#7R 0E 0B" },
  { file: "csv-spectrum/json/simple_crlf.json", ev: "#7R 0E 0B" },
  { file: "csv-spectrum/json/utf8.json", ev: "#12R 0E 0B" },

  // ---- node-csv
  { file: "node-csv/365-utf8-bom-windows.csv", ev: "R1:3 R2:3", rows: [["a", "b", "c"], ["1", "2", "3"]] },
  { file: "node-csv/365-utf16le-bom-windows.csv", enc: "utf-16le", ev: "R1:3 R2:3", rows: [["a", "b", "c"], ["1", "2", "3"]] },
  // "Invalid Record Length: expect 5, got 6 on line 3": the 6-field record starts on line 3.
  { file: "node-csv/411.csv", ev: "R1:5 R2:5 R3:6 R4:5", values: [[0, ["id", "first_name", "last_name", "email", "modified_at"]]] },
  { file: "node-csv/399.csv", ev: "R1:1 R2:1", rows: [[""], ["value"]] },
  // deliberate: Latin-1 bytes are not UTF-8, so we fall back to gb18030 with a warning naming line 2;
  // the text is only right with --encoding latin1 (next row).
  { file: "node-csv/327.cws.csv", enc: `${NOT_UTF8}2`, fallbackLine: 2, ev: "R1:2 R2:2" },
  { file: "node-csv/327.cws.csv", opts: { encoding: "latin1" }, enc: "windows-1252", ev: "R1:2 R2:2", values: [[1, ["Acentuação1", "acentuação2"]]] },
  // Comments are not ours to strip (a source decides); TAB is sniffed and every line is a record.
  { file: "node-csv/415.csv", delim: "\t", ev: "#302R 0E 0B" },
  { file: "node-csv/fs_read.csv", delim: ";", ev: "R1:2 R2:2 R3:2" },

  // ---- csvkit
  // csvclean: data row 1 (line 2) has 4 fields, data row 2 (line 3) has 2.
  { file: "csvkit/bad.csv", ev: "R1:3 R2:4 R3:2 R4:3", values: [[1, ["1", "27", "", "I'm too long!"]], [2, ["", "I'm too short!"]]] },
  { file: "csvkit/bad_skip_lines.csv", ev: "B1 B2 B3 R4:3 R5:4 R6:2 R7:3" },
  { file: "csvkit/blanks.csv", ev: "R1:6 R2:6", values: [[1, ["", "NA", "N/A", "NONE", "NULL", "."]]] },
  { file: "csvkit/date_like_number.csv", ev: "R1:1 R2:1" },
  { file: "csvkit/dummy_col_shuffled_ragged.csv", ev: "R1:4 R2:4" },
  { file: "csvkit/empty.csv", ev: "B1" },
  { file: "csvkit/mac_newlines.csv", ev: "R1:3 R2:3 R3:3", rows: [["a", "b", "c"], ["1", "2", "3"], ["Once upon\ra time", "5", "6"]] },
  { file: "csvkit/no_header_row.csv", ev: "R1:3" },
  { file: "csvkit/null_byte.csv", ev: "R1:3 R2:3", values: [[1, ["\0", "2", "3"]]] },
  { file: "csvkit/optional_quote_characters.csv", ev: "R1:3 R2:3", rows: [["a", "b", "c"], ["1", "2", "3"]] },
  { file: "csvkit/sniff_limit.csv", delim: ";", ev: "R1:3 R2:3" },
  { file: "csvkit/test_date_format.csv", ev: "R1:1 R2:1 R3:1" },
  { file: "csvkit/test_empty_columns.csv", ev: "R1:5 R2:5 R3:4 R4:5" },
  { file: "csvkit/test_empty_columns_long_row.csv", ev: "R1:3 R2:4" },
  { file: "csvkit/test_empty_columns_short_row.csv", ev: "R1:3 R2:2" },
  { file: "csvkit/test_extra_header.csv", ev: "R1:4 R2:3" },
  // A header cell holding \t\n\v\f\r across lines 1-7 (CR-only breaks inside); the TABs are data.
  {
    file: "csvkit/test_header_newline.csv", ev: "R1:3 R8:3",
    rows: [["\t\n\v\f\r start \t\n\v\f\r end \t\n\v\f\r", "b", "c"], ["d", "e", "f"]],
  },
  // --join-short-rows territory: at scanner level, two short records.
  { file: "csvkit/test_join_short_rows.csv", ev: "R1:3 R2:2 R3:2 R4:3" },
  // deliberate: gb18030 fallback (warning on line 3; the © (A9) at the end of the file becomes U+FFFD).
  { file: "csvkit/test_latin1.csv", enc: `${NOT_UTF8}3`, fallbackLine: 3, ev: "R1:3 R2:3 R3:3", values: [[2, ["4", "5", "\uFFFD"]]] },
  { file: "csvkit/test_latin1.csv", opts: { encoding: "latin1" }, enc: "windows-1252", ev: "R1:3 R2:3 R3:3", values: [[2, ["4", "5", "©"]]] },
  { file: "csvkit/test_locale.csv", ev: "R1:3 R2:3", values: [[1, ["1,7", "200.000.000", ""]]] },
  { file: "csvkit/test_no_leading_zeroes.csv", ev: "R1:3 R2:3" },
  { file: "csvkit/test_numeric_date_format.csv", ev: "R1:1 R2:1 R3:1" },
  { file: "csvkit/test_skip_lines.csv", ev: "B1 B2 B3 R4:3 R5:3" },
  { file: "csvkit/test_utf8.csv", ev: "R1:3 R2:3 R3:3", rows: [["foo", "bar", "baz"], ["1", "2", "3"], ["4", "5", "ʤ"]] },
  { file: "csvkit/test_utf8_bom.csv", ev: "R1:3 R2:3 R3:3", twin: { file: "csvkit/test_utf8.csv" } },
  // csv-parse reads the BE file into NUL-laced garbage; the BOM decides here.
  { file: "csvkit/test_utf16_big.csv", enc: "utf-16be", ev: "R1:3 R2:3 R3:3", rows: [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "ʤ"]] },
  { file: "csvkit/test_utf16_little.csv", enc: "utf-16le", ev: "R1:3 R2:3 R3:3", twin: { file: "csvkit/test_utf16_big.csv" } },

  // ---- csvlint.rb (line-ending "errors" are csvlint's taxonomy; we read every mix)
  { file: "csvlint-rb/cr-line-endings.csv", ev: "R1:3 R2:3 R3:3", values: [[2, ["Qux", "Teaspoon", "Doge"]]] },
  { file: "csvlint-rb/crlf-line-endings.csv", ev: "R1:3 R2:3 R3:3", twin: { file: "csvlint-rb/lf-line-endings.csv" } },
  { file: "csvlint-rb/inconsistent-line-endings.csv", ev: "R1:3 R2:3 R3:3", twin: { file: "csvlint-rb/lf-line-endings.csv" } },
  // csv-parse merges the LF rows after a first CRLF; no CR is left in any value here.
  { file: "csvlint-rb/inconsistent-line-endings-unquoted.csv", ev: "R1:3 R2:3 R3:3", twin: { file: "csvlint-rb/lf-line-endings.csv" } },
  // csvlint: invalid_encoding with UTF-8 (line 1: "Histórico" = F3). deliberate: default is the gb18030
  // fallback with a warning; strict --encoding utf-8 refuses; ISO-8859-1 reads it.
  { file: "csvlint-rb/invalid-byte-sequence.csv", enc: `${NOT_UTF8}1`, fallbackLine: 1, ev: "#24R 0E 0B" },
  { file: "csvlint-rb/invalid-byte-sequence.csv", opts: { encoding: "utf-8" }, throws: ["BAD_ENCODING", "f:1: not valid UTF-8"] },
  {
    file: "csvlint-rb/invalid-byte-sequence.csv", opts: { encoding: "iso-8859-1" }, enc: "windows-1252", ev: "#24R 0E 0B",
    values: [[0, ["Data", "Dependencia Origem", "Histórico", "Data do Balancete", "Número do documento", "Valor", ""]]],
  },
  // deliberate: `"3" "` (text after a closing quote, closed by a later quote on the line) is read
  // leniently as `3" ` (csv-parse: INVALID_CLOSING_QUOTE line 4). The blank line 8 is counted.
  { file: "csvlint-rb/invalid_many_rows.csv", ev: "R1:3 R2:3 R3:3 R4:3 R5:3 R6:3 R7:3 B8 R9:3 R10:3 R11:3 R12:3", values: [[3, ["1", "2", '3" ']]] },
  { file: "csvlint-rb/lf-line-endings.csv", ev: "R1:3 R2:3 R3:3", rows: [["Foo", "Bsr", "Baz"], ["Biff", "Baff", "Boff"], ["Qux", "Teaspoon", "Doge"]] },
  // The title row is a source-level warning; here it is a record.
  { file: "csvlint-rb/title-row.csv", ev: "R1:3 R2:3 R3:3 R4:3", values: [[0, ["This is a title row", "", ""]]] },
  { file: "csvlint-rb/valid.csv", ev: "R1:3 R2:3 R3:3" },
  { file: "csvlint-rb/valid_many_rows.csv", ev: "R1:3 R2:3 R3:3 R4:3 R5:3 R6:3 R7:3" },
  { file: "csvlint-rb/windows-line-endings.csv", ev: "R1:3 R2:3", rows: [["a", "b", "c"], ["d", "e", "f"]] },

  // ---- duckdb
  { file: "duckdb/auto/duplicate_header_columns.csv", ev: "R1:13 R2:13 R3:13" },
  { file: "duckdb/auto/empty_header.csv", ev: "R1:3 R2:3 R3:3", values: [[0, ["", "", ""]]] },
  { file: "duckdb/auto/missing_header_col.csv", ev: "R1:3 R2:3 R3:3", values: [[0, ["a", "", "c"]]] },
  // Junk rows above the header: skipping them is the source's job.
  { file: "duckdb/auto/multiple_skip_row.csv", ev: "R1:1 R2:2 R3:3 R4:3", values: [[3, ["345.0", "TEST4", "2000-12-13"]]] },
  { file: "duckdb/auto/skip_row.csv", ev: "R1:1 R2:3 R3:3", values: [[2, ["345.0", "TEST3", "2000-12-13"]]] },
  { file: "duckdb/auto/semicolon_delim.csv", delim: ";", ev: "R1:3 R2:3 R3:3" },
  { file: "duckdb/auto/semicolon_quote.csv", delim: ";", ev: "R1:3 R2:3 R3:3" },
  { file: "duckdb/auto/utf8bom.csv", ev: "R1:2 R2:2 R3:2", rows: [["id", "name"], ["1", "Mark"], ["2", "Hannes"]] },
  { file: "duckdb/blank_line.csv", ev: "R1:1 R2:1 R3:1 R4:1 R5:1 R6:1 R7:1 R8:1 R9:1 R10:1 B11 R12:1" },
  { file: "duckdb/comments/mid_line.csv", delim: ";", ev: "R1:1 R2:3 R3:2" },
  { file: "duckdb/comments/simple.csv", delim: ";", ev: "R1:1 R2:1 R3:2 R4:1 R5:2 R6:2 R7:1" },
  // deliberate: strict RFC 4180: the quoted tweet (lines 2-10) is one value; DuckDB's reader skips
  // these "dirty" lines instead.
  { file: "duckdb/csv_quoted_newline_odd.csv", ev: "R1:1 R2:1 R11:2", values: [[2, ["84", "hello world"]]] },
  { file: "duckdb/decimal_separators/decimal_separators.csv", delim: ";", ev: "R1:2 R2:2 R3:2 R4:2 R5:2 R6:2", values: [[3, ["1,53e4", "1.53e4"]]] },
  { file: "duckdb/decimal_separators/decimal_separators_csv.csv", ev: "R1:2 R2:2", values: [[1, ["1,2345", "1.2345"]]] },
  { file: "duckdb/decimal_separators/invalid_char.csv", ev: "R1:1 R2:1" },
  // deliberate: a one-column file with decimal commas: the sniffer always names one of , ; TAB |
  // and "," splits 2 of 4 records alike, so the column needs --delimiter (next row, as DuckDB's test).
  { file: "duckdb/decimal_separators/mixed_format_fail.csv", ev: "R1:1 R2:2 R3:2 R4:1" },
  { file: "duckdb/decimal_separators/mixed_format_fail.csv", opts: { delimiter: ";" }, delim: ";", ev: "R1:1 R2:1 R3:1 R4:1", rows: [["foo"], ["12,5"], ["145,00"], ["5.25"]] },
  { file: "duckdb/empty.csv", ev: "" },
  { file: "duckdb/empty_first_line.csv", ev: "B1 R2:1 R3:1 R4:1" },
  // The UTF-16 files carry a BOM, so the BOM decides (DuckDB needs encoding='utf-16').
  { file: "duckdb/encodings/utf16.csv", enc: "utf-16le", ev: "#21R 0E 0B", values: [[0, ["name", "age"]], [1, ["José Álvarez", "30"]]] },
  { file: "duckdb/encodings/only_utf16.csv", enc: "utf-16le", ev: "#6R 0E 0B" },
  // deliberate: gb18030 fallback with a warning (DuckDB: an error suggesting encoding=...).
  { file: "duckdb/encodings/latin1.csv", enc: `${NOT_UTF8}2`, fallbackLine: 2, ev: "#13R 0E 0B" },
  { file: "duckdb/encodings/latin1.csv", opts: { encoding: "latin1" }, enc: "windows-1252", ev: "#13R 0E 0B", values: [[1, ["José Álvarez", "30"]]] },
  { file: "duckdb/encodings/latin1.csv", opts: { encoding: "utf-8" }, throws: ["BAD_ENCODING", "f:2: not valid UTF-8 (byte 0xe9)"] },
  // deliberate: Shift-JIS is read as gb18030 with a warning; --encoding shift_jis reads it (next row).
  { file: "duckdb/encodings/shift_jis.csv", enc: `${NOT_UTF8}1`, fallbackLine: 1, ev: "#21R 0E 0B" },
  { file: "duckdb/encodings/shift_jis.csv", opts: { encoding: "shift_jis" }, enc: "shift_jis", ev: "#21R 0E 0B", values: [[0, ["名前", "年齢"]]] },
  { file: "duckdb/header_only.csv", ev: "R1:1", rows: [["abs_file_name"]] },
  // deliberate: the file starts with FF FE, so it is UTF-16LE by its BOM ("bla", "bla", U+FFFD);
  // DuckDB reads the bytes as UTF-8 and reports invalid unicode.
  { file: "duckdb/invalid_utf8.csv", enc: "utf-16le", ev: "R1:1 R2:1 R3:1", rows: [["bla"], ["bla"], ["\uFFFD"]] },
  { file: "duckdb/locations_header_trailing_comma.csv", ev: "R1:5 R2:4", values: [[0, ["id", "name", "lat", "lon", ""]]] },
  { file: "duckdb/locations_row_trailing_comma.csv", ev: "R1:4 R2:5" },
  { file: "duckdb/mixed_dates.csv", ev: "#6R 0E 0B" },
  // Mixed LF / CRLF: 3 rows, and no "6\r" left in a value (csv-parse's silent trap).
  { file: "duckdb/mixed_new_line.csv", ev: "R1:3 R2:3 R3:3", rows: [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]] },
  { file: "duckdb/mixed_new_line_2.csv", ev: "R1:2 R2:2 R3:1 R4:2", rows: [["1", "23"], ["4", "5"], ["6"], ["7", "89"]] },
  { file: "duckdb/mixed_timestamps.csv", ev: "#6R 0E 0B" },
  { file: "duckdb/multidelimiter/carriage_feed_newline.csv", ev: "R1:1 R2:1", rows: [["ABAB"], ["ABAC"]] },
  { file: "duckdb/multidelimiter/windows_newline.csv", ev: "R1:1 R2:1", rows: [["ABAB"], ["ABAC"]] },
  { file: "duckdb/multidelimiter/file_ends_in_quoted_value.csv", ev: "R1:1", rows: [[""]] },
  // "Value with unterminated quote found", line 1.
  { file: "duckdb/multidelimiter/simple_unterminated_quote.csv", ev: "E1:UNTERMINATED_QUOTE" },
  { file: "duckdb/multidelimiter/unterminated_quote_multi_line.csv", ev: "E1:UNTERMINATED_QUOTE" },
  { file: "duckdb/multidelimiter/trailing_delimiter.csv", delim: "|", ev: "R1:2", rows: [["AAA", ""]] },
  { file: "duckdb/nullbyte_header.csv", delim: "|", ev: "R1:2 R2:2", rows: [["col1", "col\u00002"], ["val1", "val2"]] },
  { file: "duckdb/nullpadding_header.csv", ev: "R1:1 R2:4 R3:3 R4:3", values: [[2, ["1", "a", "alice"]]] },
  { file: "duckdb/quoted_newline.csv", ev: "R1:1 R2:1", rows: [["col1"], ["cell with\nnewline"]] },
  { file: "duckdb/real/greek_utf8.csv", delim: "|", ev: "#8R 0E 0B", values: [[2, ["41561", "2015\u200e", "1"]]] },
  { file: "duckdb/rejects/dr_who.csv", ev: "R1:5 R2:5" },
  // line 3 TOO MANY (5 of 4), line 4 MISSING (3 of 4).
  { file: "duckdb/rejects/incorrect_columns/small_mix.csv", ev: "R1:4 R2:4 R3:5 R4:3 R5:4" },
  // max_line_size is DuckDB's; our limit is per quoted record (maxRecordChars).
  { file: "duckdb/rejects/maximum_line/max_10.csv", ev: "#8R 0E 0B", values: [[4, ["blaaaaaaaaaaaaaa", "4"]]] },
  { file: "duckdb/rejects/multiple_errors/cast_and_less_col.csv", ev: "R1:4 R2:4 R3:4 R4:3 R5:2" },
  { file: "duckdb/rejects/multiple_errors/cast_and_more_col.csv", ev: "R1:4 R2:4 R3:4 R4:5 R5:6" },
  // Line 3: UNQUOTED VALUE and INVALID ENCODING on one line; the warning and the error both name line 3.
  { file: "duckdb/rejects/multiple_errors/invalid_utf_unquoted.csv", enc: `${NOT_UTF8}3`, fallbackLine: 3, ev: "R1:5 R2:5 E3:INVALID_CLOSING_QUOTE" },
  // Lines 4-8: too many (4, 5), UNQUOTED VALUE (6), missing (7, 8).
  { file: "duckdb/rejects/multiple_errors/multiple_errors.csv", ev: "R1:4 R2:4 R3:4 R4:5 R5:5 E6:INVALID_CLOSING_QUOTE R7:3 R8:3" },
  // Reject line 5 UNQUOTED VALUE; 6 good rows (+ header).
  { file: "duckdb/rejects/unquoted/basic.csv", ev: "R1:2 R2:2 R3:2 R4:2 E5:INVALID_CLOSING_QUOTE R6:2 R7:2 R8:2" },
  // A quote open until line 6, then text: one rejected record (lines 5-6); 6 good rows.
  { file: "duckdb/rejects/unquoted/unquoted_new_line.csv", ev: "R1:2 R2:2 R3:2 R4:2 E5:INVALID_CLOSING_QUOTE R7:2 R8:2 R9:2" },
  { file: "duckdb/rejects/unquoted/unquoted_last_value.csv", ev: "R1:1 R2:1 R3:1 R4:1 E5:UNTERMINATED_QUOTE" },
  { file: "duckdb/test/invalid_utf.csv", delim: "|", enc: `${NOT_UTF8}1`, fallbackLine: 1, ev: "R1:3" },
  { file: "duckdb/test/invalid_utf_header.csv", enc: `${NOT_UTF8}1`, fallbackLine: 1, ev: "#11R 0E 0B" },
  { file: "duckdb/test/invalid_utf_quoted.csv", enc: `${NOT_UTF8}11`, fallbackLine: 11, ev: "#21R 0E 0B" },
  { file: "duckdb/test/invalid_utf_quoted.csv", opts: { encoding: "utf-8" }, throws: ["BAD_ENCODING", "f:11: not valid UTF-8"] },
  { file: "duckdb/test/mixed_line_endings.csv", ev: "R1:3 R2:3 R3:3", rows: [["10", "hello", "20"], ["20", "world", "30"], ["30", "test", "30"]] },
  { file: "duckdb/test/quoted_newline.csv", ev: "R1:2 R3:2", rows: [["hello\nworld", "5"], ["what,\n brings, you here\n , today", "6"]] },
  { file: "duckdb/test/timestampoffset.csv", ev: "#5R 0E 0B" },
  // "unterminated quote", line 1; lines 2 and 3 are still read.
  { file: "duckdb/test/unterminated.csv", ev: "E1:UNTERMINATED_QUOTE B2 R3:1", values: [[0, [" world"]]] },
  // DuckDB reads these with delim=';' (thousands=','): one column. Sniffing alone would split at the commas.
  { file: "duckdb/thousands_separator/simple.csv", opts: { delimiter: ";" }, delim: ";", ev: "R1:1 R2:1 R3:1 R4:1 R5:1", values: [[2, ["300,000,000.40"]]] },
  { file: "duckdb/thousands_separator/simple_quoted.csv", ev: "R1:1 R2:1 R3:1 R4:1 R5:1", values: [[2, ["300,000,000.40"]]] },
  { file: "duckdb/thousands_separator/thousands_broken.csv", ev: "R1:1 R2:1 R3:1 R4:1", values: [[3, ["30,0,0.406"]]] },
  { file: "duckdb/timestamp_timezone.csv", ev: "#9R 0E 0B" },
  { file: "duckdb/timestamp_with_tz.csv", ev: "#3R 0E 0B" },
  // deliberate (as DuckDB strict_mode=false): unescaped inner quotes closed later on the line are literal.
  { file: "duckdb/unescaped_quotes/end_quote.csv", ev: "R1:1 R2:1", rows: [['Pedro "the" legend'], ['Pedro "the']] },
  {
    file: "duckdb/unescaped_quotes/some_escaped_some_not.csv", ev: "R1:1 R2:1 R3:1 R4:1",
    rows: [['Pedro "the" legend'], ['Pedro "the" legend'], ['Pedro "the'], ['Pedro "the']],
  },
  { file: "duckdb/unescaped_quotes/unescaped_quote.csv", delim: ";", ev: "#6R 0E 0B", values: [[0, ["1", 'pedro "pdet" holanda']], [2, ["3", 'pedro "pdet" ho;landa']]] },

  // ---- w3c-csvw (number/date formats are source-level; scanner level: shapes)
  { file: "w3c-csvw/test155.csv", ev: "#6R 0E 0B" },
  { file: "w3c-csvw/test158.csv", ev: "R1:4 R2:4 R3:4" },
  { file: "w3c-csvw/test162.csv", ev: "R1:1 R2:1", values: [[1, ["123,,456.789"]]] },
  { file: "w3c-csvw/test168.csv", ev: "R1:1 R2:1", values: [[1, ["123,456.789"]]] },
  { file: "w3c-csvw/test187.csv", ev: "#4R 0E 0B" },
  { file: "w3c-csvw/test188.csv", ev: "R1:16 R2:16" },
  { file: "w3c-csvw/test190.csv", ev: "R1:9 R2:9" },
  { file: "w3c-csvw/test192.csv", ev: "R1:9 R2:9" },
  // Metadata and expected-output JSON: not CSV, invariants only. Lines such as `"groupChar": "," }}}`
  // open a quoted field that never closes: one line rejected, the rest still read.
  { file: "w3c-csvw/test155-metadata.json", ev: "#27R 0E 0B" },
  { file: "w3c-csvw/test155.json", ev: "#136R 0E 0B" },
  { file: "w3c-csvw/test158-metadata.json", ev: "#13R 1E 0B" },
  { file: "w3c-csvw/test158.json", ev: "#35R 0E 0B" },
  { file: "w3c-csvw/test162-metadata.json", ev: "#10R 1E 0B" },
  { file: "w3c-csvw/test162.json", ev: "#20R 0E 0B" },
  { file: "w3c-csvw/test168-metadata.json", ev: "#10R 1E 0B" },
  { file: "w3c-csvw/test168.json", ev: "#20R 0E 0B" },
  { file: "w3c-csvw/test187-metadata.json", ev: "#20R 0E 0B" },
  { file: "w3c-csvw/test187.json", ev: "#65R 0E 0B" },
  { file: "w3c-csvw/test188-metadata.json", ev: "#26R 0E 0B" },
  { file: "w3c-csvw/test188.json", ev: "#35R 0E 0B" },
  { file: "w3c-csvw/test190-metadata.json", ev: "#19R 0E 0B" },
  { file: "w3c-csvw/test190.json", ev: "#28R 0E 0B" },
  { file: "w3c-csvw/test192-metadata.json", ev: "#19R 0E 0B" },
  { file: "w3c-csvw/test192.json", ev: "#28R 0E 0B" },

  // ---- synthetic (made for this project)
  // Reference: 7 records x 13 fields on 8 lines; record 3 holds a quoted newline; full-width ，；are data.
  {
    file: "synthetic/cdr_zh_utf8.csv", ev: "R1:13 R2:13 R3:13 R5:13 R6:13 R7:13 R8:13",
    values: [[2, ["C20261101-0002", "13912345678", "4008001234", "售后服务", "A1002", "王喆", "2026-11-01 09:01:10", "2026-11-01 09:01:55",
      "2026-11-01 09:09:02", "45", "427", "已接通", "备注含逗号, 以及\n换行"]]],
  },
  // GB18030 (4-byte 𠮷 and 😀 included): the fallback reads it from line 1 and equals the reference.
  { file: "synthetic/cdr_zh_gb18030_crlf.csv", enc: `${NOT_UTF8}1`, fallbackLine: 1, ev: "R1:13 R2:13 R3:13 R5:13 R6:13 R7:13 R8:13", twin: { file: "synthetic/cdr_zh_utf8.csv", eol: true } },
  { file: "synthetic/cdr_zh_gb18030_crlf.csv", opts: { encoding: "gb18030" }, enc: "gb18030", ev: "R1:13 R2:13 R3:13 R5:13 R6:13 R7:13 R8:13", twin: { file: "synthetic/cdr_zh_utf8.csv", eol: true } },
  // --encoding gbk is read with gb18030 (a superset), so 𠮷 and 😀 survive.
  { file: "synthetic/cdr_zh_gb18030_crlf.csv", opts: { encoding: "gbk" }, enc: "gb18030", ev: "R1:13 R2:13 R3:13 R5:13 R6:13 R7:13 R8:13", twin: { file: "synthetic/cdr_zh_utf8.csv", eol: true } },
  { file: "synthetic/cdr_zh_gbk_crlf.csv", enc: `${NOT_UTF8}1`, fallbackLine: 1, ev: "R1:13 R2:13 R3:13 R5:13 R6:13 R7:13 R8:13", twin: { file: "synthetic/cdr_zh_gbksafe_utf8.csv", eol: true } },
  { file: "synthetic/cdr_zh_gbk_crlf.csv", opts: { encoding: "gbk" }, enc: "gb18030", ev: "R1:13 R2:13 R3:13 R5:13 R6:13 R7:13 R8:13", twin: { file: "synthetic/cdr_zh_gbksafe_utf8.csv", eol: true } },
  { file: "synthetic/cdr_zh_gbksafe_utf8.csv", ev: "R1:13 R2:13 R3:13 R5:13 R6:13 R7:13 R8:13", values: [[4, ["C20261101-0004", "13700001111", "4008001234", "售前咨询", "A2001", "吉吉", "2026-11-01 09:03:30", "2026-11-01 09:03:33", "2026-11-01 09:10:00", "3", "387", "已接通", "客户很满意"]]] },
  // Excel "CSV UTF-8": BOM + CRLF; the first header is 呼叫ID without the BOM.
  { file: "synthetic/cdr_zh_utf8_bom_crlf.csv", ev: "R1:13 R2:13 R3:13 R5:13 R6:13 R7:13 R8:13", twin: { file: "synthetic/cdr_zh_utf8.csv", eol: true } },
  // Excel "Unicode Text": UTF-16LE BOM + TAB + CRLF; TAB is sniffed (csv-parse with "," fails on line 6).
  { file: "synthetic/cdr_zh_utf16le_bom_tab.txt", enc: "utf-16le", delim: "\t", ev: "R1:13 R2:13 R3:13 R5:13 R6:13 R7:13 R8:13", twin: { file: "synthetic/cdr_zh_utf8.csv", eol: true } },
  // UTF-8 (lines 1-5) then GBK from line 6: the warning names line 6, and both halves decode right.
  // The repeated header (record 5, line 6) is a record here; flagging it is the source's job.
  { file: "synthetic/cdr_zh_concat_utf8_then_gbk.csv", enc: `${NOT_UTF8}6`, fallbackLine: 6, ev: "R1:13 R2:13 R3:13 R5:13 R6:13 R7:13 R8:13 R9:13" },
  { file: "synthetic/cdr_zh_concat_utf8_then_gbk.csv", opts: { encoding: "utf-8" }, throws: ["BAD_ENCODING", "f:6: not valid UTF-8"] },
  // cp1252: right with --encoding windows-1252 (equals the UTF-8 twin, € included); `;` sniffed.
  { file: "synthetic/eu_semicolon_decimal_comma_cp1252.csv", opts: { encoding: "windows-1252" }, enc: "windows-1252", delim: ";", ev: "R1:7 R2:7 R3:7 R4:7", twin: { file: "synthetic/eu_semicolon_decimal_comma_utf8.csv" } },
  // deliberate: without --encoding the fallback is gb18030 (warning on line 1): the shape is right,
  // the accented text is not; the warning says to set --encoding.
  { file: "synthetic/eu_semicolon_decimal_comma_cp1252.csv", enc: `${NOT_UTF8}1`, fallbackLine: 1, delim: ";", ev: "R1:7 R2:7 R3:7 R4:7" },
  {
    file: "synthetic/eu_semicolon_decimal_comma_utf8.csv", delim: ";", ev: "R1:7 R2:7 R3:7 R4:7",
    values: [
      [0, ["Datum", "Agent", "Warteschlange", "Anrufe", "AHT (s)", "Servicelevel %", "Kosten €"]],
      [1, ["01.11.2026 09:00:00", "Jürgen Müller", "Kundenservice", "1.234", "245,5", "85,3", "1.020,75"]],
      [2, ["01.11.2026 09:30:00", "Zoë Brontë", "Vertrieb; Inland", "87", "312,0", "91,0", "€ 98,10"]],
    ],
  },
  // ACD report (GBK): title lines 1-2, blank 3, header 4, data 5-7, 合计 totals 8, blank 9, footer 10.
  // Scanner level: every line accounted for. Recognising the preamble, totals and footer is the
  // source's job (out of scope here).
  {
    file: "synthetic/acd_report_preamble_totals_gbk.csv", enc: `${NOT_UTF8}1`, fallbackLine: 1, ev: "R1:1 R2:1 B3 R4:8 R5:8 R6:8 R7:8 R8:8 B9 R10:1",
    values: [
      [0, ["技能组话务报表"]],
      [2, ["时段", "技能组", "呼入量", "接通量", "放弃量", "20秒服务水平", "平均通话时长", "平均排队时长"]],
      [3, ["09:00-09:30", "售后服务", "1,234", "1,180", "54", "85.3%", "00:03:25", "00:00:18"]],
      [5, ["10:00-10:30", "售后服务", "0", "0", "0", "-", "00:00:00", "00:00:00"]],
      [6, ["合计", "", "2,221", "2,130", "91", "86.5%", "00:03:32", "00:00:17"]],
      [7, ["导出时间: 2026-11-02 08:00:01"]],
    ],
  },
  // Formula-injection input: values arrive intact (escaping is the writer's job). deliberate: the bare
  // CR in line 5 (`\rleading CR`, unquoted) is a line end, as a lone CR is anywhere (CR-only exports),
  // so that row reads as two records, lines 5 and 6 (csv-parse, fixed on LF, keeps it in the value).
  {
    file: "synthetic/formula_injection_input.csv", ev: "R1:4 R2:4 R3:4 R4:4 R5:3 R6:2 R7:4 R8:4 R9:4",
    values: [
      [1, ['=HYPERLINK("http://example.invalid/?x="&A1,"click")', "sales", "normal", "-2.5"]],
      [2, ["+1+1", "support", "@SUM(1,1)", "3"]],
      [3, ["-2+3", "billing", "\tleading tab", "0"]],
      [4, ["@admin", "sales", ""]],
      [5, ["leading CR", "-0.4"]],
      [6, ["＝1+1", "投诉", "fullwidth equals (U+FF1D)", "1"]],
      [8, ["-", "sales", "lone minus (e.g. empty metric placeholder)", ""]],
    ],
  },
  { file: "synthetic/formula_injection_expected_csv-stringify-6.9.0.csv", ev: "R1:4 R2:4 R3:4 R4:4 R5:4 R7:4 R8:4 R9:4", values: [[4, ["'@admin", "sales", "'\rleading CR", "-0.4"]]] },
  { file: "synthetic/formula_injection_pitfall_numbers_as_strings.csv", ev: "R1:4 R2:4 R3:4 R4:4 R5:4 R7:4 R8:4 R9:4" },
  // BOM stripped; padded, duplicate, empty and case-colliding names arrive as they are (the source normalises).
  { file: "synthetic/header_quirks_bom.csv", ev: "R1:7 R2:7", rows: [[" Call ID ", "坐席工号", "时长", "时长", "", "Queue", "queue"], ["1", "A1", "10", "20", "x", "sales", "SALES"]] },
  // Line 3 TOO MANY (7 of 6), line 4 MISSING (5), line 7 unterminated quote (rejected; line 8 still read).
  // deliberate: line 5's bare quote in an unquoted field (`agent "Tom" Lee`) is literal, not a stray-quote error.
  {
    file: "synthetic/ragged_and_broken_quotes.csv", ev: "R1:6 R2:6 R3:7 R4:5 R5:6 R6:6 E7:UNTERMINATED_QUOTE R8:6",
    values: [[4, ["R4", 'agent "Tom" Lee', "sales", "2026-11-01 09:03:00", "2026-11-01 09:06:00", "180"]], [6, ["R7", "A7", "sales", "2026-11-01 09:06:00", "2026-11-01 09:08:00", "120"]]],
  },
  { file: "synthetic/dst_local_timestamps.csv", ev: "#9R 0E 0B" },
  { file: "synthetic/expected_intervals_per_local_day.csv", ev: "#9R 0E 0B" },
  { file: "synthetic/overlap_export_day1.csv", ev: "#6R 0E 0B" },
  { file: "synthetic/overlap_export_day2.csv", ev: "#5R 0E 0B" },
  { file: "synthetic/overlap_expected_dedup.csv", ev: "#7R 0E 0B" },
  { file: "synthetic/timestamp_format_zoo.csv", ev: "#14R 0E 0B" },
];

const label = (c: Case): string => (c.opts ? `${c.file} ${JSON.stringify(c.opts)}` : c.file);

// ---------------------------------------------------------------------------

describe.skipIf(!hasCorpus)("csv-edge corpus", () => {
  const sums = new Map<string, string>();
  const bytes = (f: string): Buffer => readFileSync(corpus(f));

  beforeAll(() => {
    // Setup: the corpus must be the one PROVENANCE.md describes (SHA256SUMS lists every file).
    const lines = readFileSync(corpus("SHA256SUMS"), "utf8").split("\n").filter((l) => l.trim() !== "");
    const bad: string[] = [];
    for (const l of lines) {
      const m = /^([0-9a-f]{64}) [ *]\.?\/?(.+)$/.exec(l);
      if (!m) throw new Error(`SHA256SUMS: unreadable line ${JSON.stringify(l)}`);
      const [, hash, file] = m as unknown as [string, string, string];
      sums.set(file, hash);
      if (createHash("sha256").update(bytes(file)).digest("hex") !== hash) bad.push(file);
    }
    if (bad.length) throw new Error(`csv-edge corpus differs from SHA256SUMS: ${bad.join(", ")}`);
  });

  it("every file in SHA256SUMS has a row in the table, and every row names a listed file", () => {
    const covered = new Set(CASES.map((c) => c.file));
    expect([...sums.keys()].filter((f) => !covered.has(f))).toEqual([]);
    expect([...covered].filter((f) => !sums.has(f))).toEqual([]);
    expect(sums.size).toBeGreaterThanOrEqual(179);
  });

  it.each(CASES.map((c) => [label(c), c] as const))("%s", async (_l, c) => {
    const buf = bytes(c.file);

    // 1. No crash; the only exception is a CckpiError with a code.
    let r: Front;
    try {
      r = front(buf, c.opts ?? {});
    } catch (e) {
      expect(e).toBeInstanceOf(CckpiError);
      expect(c.throws, `unexpected ${(e as CckpiError).code}: ${(e as Error).message}`).toBeDefined();
      expect((e as CckpiError).code).toBe(c.throws![0]);
      expect((e as Error).message).toContain(c.throws![1]);
      return;
    }
    expect(c.throws, "expected a refusal").toBeUndefined();

    // 2. The expected outcome.
    expect(r.delimiter).toBe(c.delim ?? ",");
    expect(r.encoding).toBe(c.enc ?? "utf-8");
    if (c.fallbackLine === undefined) expect(r.warnings).toEqual([]);
    else expect(r.warnings).toEqual([expect.stringMatching(new RegExp(`^f:${c.fallbackLine}: not valid UTF-8; decoding as gb18030`)) as string]);
    if (c.ev !== undefined) expect(c.ev.startsWith("#") ? shape(r.events) : compact(r.events)).toBe(c.ev);
    const recs = records(r.events);
    for (const [i, fields] of c.values ?? []) expect(recs[i], `record ${i}`).toEqual(fields);
    if (c.rows) expect(recs).toEqual(c.rows);
    if (c.twin) {
      const t = records(front(bytes(c.twin.file), c.twin.opts ?? {}).events);
      expect(t.length).toBeGreaterThan(0);
      expect(c.twin.eol ? eolToLf(recs) : recs).toEqual(c.twin.eol ? eolToLf(t) : t);
    }
    if (c.json) {
      const want = JSON.parse(readFileSync(corpus(`csv-spectrum/json/${c.json}.json`), "utf8")) as Record<string, string>[];
      const [head, ...body] = recs;
      expect(body.map((row) => Object.fromEntries(row.map((v, i) => [head![i]!, v])))).toEqual(want);
    }

    // 3. Invariants.
    // Every physical line belongs to exactly one event, in order, with no gap and no overlap.
    let next = 1;
    for (const e of r.events) {
      expect(e.line, compact([e])).toBe(next);
      next += e.kind === "blank" ? 1 : breaksIn(e.raw) + 1;
    }
    expect(next - 1).toBe(physicalLines(r.text));
    // An unterminated quote rejects its own line only, and reading goes on after it.
    r.events.forEach((e, i) => {
      if (e.kind !== "error" || e.code !== "UNTERMINATED_QUOTE") return;
      expect(breaksIn(e.raw)).toBe(0);
      if (e.line < physicalLines(r.text)) expect(r.events[i + 1]).toBeDefined();
    });
    // A CR or LF in a value only comes from a quoted field: no line end is left in data.
    for (const e of r.events) if (e.kind === "record" && e.fields.some((v) => /[\r\n]/.test(v))) expect(e.raw).toContain('"');
    // Where the bytes are cut changes nothing (a BOM, a CRLF, a multibyte or GB18030 character split).
    for (const size of [1, 2, 3, 7, 64]) {
      const k = front(buf, c.opts ?? {}, size, r.delimiter);
      expect(k.events, `chunks of ${size}`).toEqual(r.events);
      expect(k.warnings).toEqual(r.warnings);
      expect(k.encoding).toBe(r.encoding);
    }
    // The record view (fields as offsets into the text) gives the same events, whole and in pieces.
    for (const size of [0, 3]) expect(front(buf, c.opts ?? {}, size, r.delimiter, true).events, `view, chunks of ${size}`).toEqual(r.events);

    // 4. The same file through readInput: same dialect and records, and the ledger balances.
    const seen: { fields: string[]; line: number }[] = [];
    const tally = new Tally("skip", null, null);
    const warnings: string[] = [];
    const res = await readInput(
      { name: "f", path: corpus(c.file), bytes: statSync(corpus(c.file)).size },
      {
        sources: [countingSource(seen)], format: null, delimiter: c.opts?.delimiter ?? null, encoding: c.opts?.encoding ?? null,
        fallbackEncoding: "gb18030", zone: TimeZone.of("UTC"), agentAliases: null, dims: [], warn: (m) => warnings.push(m),
      },
      tally,
      { contact: () => "used", record: () => "used" },
    );
    expect(res.delimiter).toBe(r.delimiter);
    expect(res.encoding).toBe(r.encoding);
    expect(warnings).toEqual(r.warnings);
    expect(seen).toEqual(r.events.flatMap((e) => (e.kind === "record" ? [{ fields: e.fields, line: e.line }] : [])));
    expect(tally.firstRejects.map((x) => [x.line, x.code, x.raw])).toEqual(
      r.events.flatMap((e) => (e.kind === "error" ? [[e.line, e.code, e.raw]] : [])).slice(0, 5),
    );
    expect(tally.read).toBe(r.events.length);
    expect(tally.rejected).toBe(r.events.filter((e) => e.kind === "error").length);
    expect(tally.filteredBy.get("blank line") ?? 0).toBe(r.events.filter((e) => e.kind === "blank").length);
    expect(tally.balanced()).toBe(true);
  });

  // The synthetic/ group by name, as FORMATS.md's "traps every reader handles" lists them.
  describe("synthetic exports", () => {
    const text = (f: string, o: Opts = {}): string => front(bytes(f), o).text;
    it("GB18030 and GBK exports decode to exactly their UTF-8 twins (CRLF -> LF)", () => {
      const ref = text("synthetic/cdr_zh_utf8.csv");
      expect(ref).toContain("吉𠮷");
      expect(ref).toContain("😀");
      expect(text("synthetic/cdr_zh_gb18030_crlf.csv").replace(/\r\n/g, "\n")).toBe(ref);
      expect(text("synthetic/cdr_zh_gb18030_crlf.csv", { encoding: "gb18030" }).replace(/\r\n/g, "\n")).toBe(ref);
      expect(text("synthetic/cdr_zh_gbk_crlf.csv").replace(/\r\n/g, "\n")).toBe(text("synthetic/cdr_zh_gbksafe_utf8.csv"));
      expect(text("synthetic/cdr_zh_utf8_bom_crlf.csv").replace(/\r\n/g, "\n")).toBe(ref);
      expect(text("synthetic/cdr_zh_utf16le_bom_tab.txt")).not.toContain("\uFFFD");
    });

    it("UTF-8 then GBK: both halves decode right; the warning names line 6", () => {
      const r = front(bytes("synthetic/cdr_zh_concat_utf8_then_gbk.csv"), {});
      const recs = records(r.events);
      const utf8 = records(front(bytes("synthetic/cdr_zh_utf8.csv"), {}).events);
      const gbk = records(front(bytes("synthetic/cdr_zh_gbksafe_utf8.csv"), {}).events);
      expect(r.text).not.toContain("\uFFFD");
      expect(r.warnings).toEqual([expect.stringContaining("f:6: not valid UTF-8") as string]);
      expect(recs.slice(0, 4)).toEqual(utf8.slice(0, 4));
      // Line 6 repeats the header (a source flags it); then the GBK rows 4-6 (their GBK-safe text).
      expect(recs[4]).toEqual(utf8[0]);
      expect(recs.slice(5)).toEqual(gbk.slice(4));
    });

    it("cp1252: € and umlauts with --encoding windows-1252; decimal commas stay text in ; fields", () => {
      const r = front(bytes("synthetic/eu_semicolon_decimal_comma_cp1252.csv"), { encoding: "windows-1252" });
      expect(r.delimiter).toBe(";");
      expect(r.text.replace(/\r\n/g, "\n")).toBe(text("synthetic/eu_semicolon_decimal_comma_utf8.csv"));
      expect(r.text).toContain("€ 98,10");
      expect(r.text).not.toContain("\u0080");
      expect(records(r.events).map((x) => x[4])).toEqual(["AHT (s)", "245,5", "312,0", expect.any(String) as string]);
    });
  });
});
