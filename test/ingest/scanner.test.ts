import { describe, expect, it } from "vitest";
import type { ScannerOptions } from "../../src/ingest/scanner.js";
import { chunkings, scan, scanChunks, type ScanEvent } from "./scan-helpers.js";

// Shorthands for the expected events.
const R = (line: number, fields: string[], raw: string): ScanEvent => ({ kind: "record", fields, line, raw });
const E = (line: number, code: string, raw: string): ScanEvent => ({ kind: "error", code, line, raw });
const B = (line: number): ScanEvent => ({ kind: "blank", line });

interface Case {
  name: string;
  text: string;
  opts?: ScannerOptions;
  expected: ScanEvent[];
}

// Every expectation below was worked out by hand from the text; line = the
// physical line where the record starts (CRLF counts once, a lone CR once).
const CASES: Case[] = [
  { name: "empty input", text: "", expected: [] },
  { name: "plain LF", text: "a,b,c\n1,2,3\n", expected: [R(1, ["a", "b", "c"], "a,b,c"), R(2, ["1", "2", "3"], "1,2,3")] },
  { name: "CRLF", text: "a,b\r\n1,2\r\n", expected: [R(1, ["a", "b"], "a,b"), R(2, ["1", "2"], "1,2")] },
  { name: "CR only", text: "a,b\rc,d\r", expected: [R(1, ["a", "b"], "a,b"), R(2, ["c", "d"], "c,d")] },
  {
    name: "mixed line ends, last line without newline",
    text: "a\r\nb\nc\rd",
    expected: [R(1, ["a"], "a"), R(2, ["b"], "b"), R(3, ["c"], "c"), R(4, ["d"], "d")],
  },
  { name: "last line without newline", text: "h1,h2\nx,y", expected: [R(1, ["h1", "h2"], "h1,h2"), R(2, ["x", "y"], "x,y")] },
  {
    name: "RFC 4180 quoting: embedded delimiter and doubled quotes",
    text: '"a,b","c""d",e\n"""",""\n',
    expected: [R(1, ["a,b", 'c"d', "e"], '"a,b","c""d",e'), R(2, ['"', ""], '"""",""')],
  },
  {
    name: "embedded LF in a quoted field",
    text: 'h1,h2\n"x\ny",z\n3,4\n',
    expected: [R(1, ["h1", "h2"], "h1,h2"), R(2, ["x\ny", "z"], '"x\ny",z'), R(4, ["3", "4"], "3,4")],
  },
  {
    name: "embedded CRLF counts as one line",
    text: 'a\r\n"p\r\nq",r\r\nnext\r\n',
    expected: [R(1, ["a"], "a"), R(2, ["p\r\nq", "r"], '"p\r\nq",r'), R(4, ["next"], "next")],
  },
  {
    name: "embedded lone CR counts as one line",
    text: '"p\rq"\nz\n',
    expected: [R(1, ["p\rq"], '"p\rq"'), R(3, ["z"], "z")],
  },
  {
    name: "two multi-line fields in one record",
    text: '"a\n\nb","c\r\nd"\r\ne\n',
    expected: [R(1, ["a\n\nb", "c\r\nd"], '"a\n\nb","c\r\nd"'), R(5, ["e"], "e")],
  },
  {
    name: "quoted field then CR-only line end",
    text: '"a"\r"b"\r',
    expected: [R(1, ["a"], '"a"'), R(2, ["b"], '"b"')],
  },
  {
    name: "blank lines of every kind",
    text: "a\n\nb\r\n\r\nc\r\rd\n",
    expected: [R(1, ["a"], "a"), B(2), R(3, ["b"], "b"), B(4), R(5, ["c"], "c"), B(6), R(7, ["d"], "d")],
  },
  { name: "only a newline", text: "\n", expected: [B(1)] },
  { name: "leading blank lines", text: "\r\n\nx", expected: [B(1), B(2), R(3, ["x"], "x")] },
  {
    name: "trailing delimiter",
    text: "a,b,\n1,2,\n",
    expected: [R(1, ["a", "b", ""], "a,b,"), R(2, ["1", "2", ""], "1,2,")],
  },
  { name: "trailing delimiter at end of input", text: "a,", expected: [R(1, ["a", ""], "a,")] },
  { name: "just a delimiter", text: ",\n", expected: [R(1, ["", ""], ",")] },
  { name: "quoted field then trailing delimiter at EOF", text: 'a,"b",', expected: [R(1, ["a", "b", ""], 'a,"b",')] },
  { name: "empty quoted fields", text: 'a,"",b\n""\n', expected: [R(1, ["a", "", "b"], 'a,"",b'), R(2, [""], '""')] },
  {
    name: "bare quote inside an unquoted field is literal",
    text: 'size,12" screen\nx"y"z,1\n',
    expected: [R(1, ["size", '12" screen'], 'size,12" screen'), R(2, ['x"y"z', "1"], 'x"y"z,1')],
  },
  { name: "spaces are data", text: ' a , "b" \n', expected: [R(1, [" a ", ' "b" '], ' a , "b" ')] },
  {
    name: "stray text after a closing quote: error, resume next line",
    text: '"ab"c,d\nnext,1\n',
    expected: [E(1, "INVALID_CLOSING_QUOTE", '"ab"c,d'), R(2, ["next", "1"], "next,1")],
  },
  {
    name: "stray text after a multi-line quoted field keeps the line count",
    text: 'ok\n"a\nb"x,1\r\nok2\n',
    expected: [R(1, ["ok"], "ok"), E(2, "INVALID_CLOSING_QUOTE", '"a\nb"x,1'), R(4, ["ok2"], "ok2")],
  },
  {
    name: "stray text in a later field, CRLF",
    text: 'a,"b" ,c\r\nd\r\n',
    expected: [E(1, "INVALID_CLOSING_QUOTE", 'a,"b" ,c'), R(2, ["d"], "d")],
  },
  { name: "stray text on the last line without newline", text: '"a"b', expected: [E(1, "INVALID_CLOSING_QUOTE", '"a"b')] },
  {
    // phpMyAdmin / FreePBX write inner quotes unescaped: a later quote on the line closes the field.
    name: "unescaped inner quotes closed later on the same line",
    text: '1,""Ann Lee" <1115>",x\n2,"say "hi" now"\n3,"a"b"\n',
    expected: [
      R(1, ["1", '"Ann Lee" <1115>', "x"], '1,""Ann Lee" <1115>",x'),
      R(2, ["2", 'say "hi" now'], '2,"say "hi" now"'),
      R(3, ["3", 'a"b'], '3,"a"b"'),
    ],
  },
  {
    name: "a stray quote with no closing quote later on its line is still an error",
    text: '"a"b c,d\nnext\n',
    expected: [E(1, "INVALID_CLOSING_QUOTE", '"a"b c,d'), R(2, ["next"], "next")],
  },
  {
    name: "unterminated quote does not swallow the rest of the file",
    text: 'a,b\n"open,1\nc,d\ne,f\n',
    expected: [R(1, ["a", "b"], "a,b"), E(2, "UNTERMINATED_QUOTE", '"open,1'), R(3, ["c", "d"], "c,d"), R(4, ["e", "f"], "e,f")],
  },
  {
    name: "unterminated quote in a later field, CRLF",
    text: 'x,"unclosed\r\ny,z\r\n',
    expected: [E(1, "UNTERMINATED_QUOTE", 'x,"unclosed'), R(2, ["y", "z"], "y,z")],
  },
  { name: "unterminated quote on the only line", text: '"abc', expected: [E(1, "UNTERMINATED_QUOTE", '"abc')] },
  {
    name: "a quote closed lines later is one record",
    text: 'a,"b\nc\nd"\ne\n',
    expected: [R(1, ["a", "b\nc\nd"], 'a,"b\nc\nd"'), R(4, ["e"], "e")],
  },
  {
    name: "maxRecordChars: a long quoted record is rejected as unterminated",
    text: '"0123456789abcdef"\nok\n"short"\n',
    opts: { delimiter: ",", maxRecordChars: 10 },
    expected: [E(1, "UNTERMINATED_QUOTE", '"0123456789abcdef"'), R(2, ["ok"], "ok"), R(3, ["short"], '"short"')],
  },
  {
    name: "maxRecordChars: runaway quote over many lines, CRLF",
    text: 'id,note\r\n1,"runaway\r\n2,x\r\n3,y\r\n4,z\r\n',
    opts: { delimiter: ",", maxRecordChars: 12 },
    expected: [
      R(1, ["id", "note"], "id,note"),
      E(2, "UNTERMINATED_QUOTE", '1,"runaway'),
      R(3, ["2", "x"], "2,x"),
      R(4, ["3", "y"], "3,y"),
      R(5, ["4", "z"], "4,z"),
    ],
  },
  {
    name: "maxRecordChars: the limit is on the record, the closing quote counts",
    // record '"123456789"' is 11 chars: over a limit of 10, within a limit of 11
    text: '"123456789"\n',
    opts: { delimiter: ",", maxRecordChars: 11 },
    expected: [R(1, ["123456789"], '"123456789"')],
  },
  {
    name: "maxRecordChars: one char over",
    text: '"123456789"\n',
    opts: { delimiter: ",", maxRecordChars: 10 },
    expected: [E(1, "UNTERMINATED_QUOTE", '"123456789"')],
  },
  {
    name: "semicolon delimiter, commas are data",
    text: 'a;"b;c";1,5\n',
    opts: { delimiter: ";" },
    expected: [R(1, ["a", "b;c", "1,5"], 'a;"b;c";1,5')],
  },
  {
    name: "tab delimiter",
    text: "a\tb\t\n中文\t😀\n",
    opts: { delimiter: "\t" },
    expected: [R(1, ["a", "b", ""], "a\tb\t"), R(2, ["中文", "😀"], "中文\t😀")],
  },
  {
    name: "pipe delimiter (queue_log)",
    text: "1767225600|1767225600.1|support|NONE|ENTERQUEUE||5551234|1\n",
    opts: { delimiter: "|" },
    expected: [R(1, ["1767225600", "1767225600.1", "support", "NONE", "ENTERQUEUE", "", "5551234", "1"], "1767225600|1767225600.1|support|NONE|ENTERQUEUE||5551234|1")],
  },
];

describe("Scanner", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(scan(c.text, c.opts)).toEqual(c.expected);
  });

  it.each(CASES.map((c) => [c.name, c] as const))("every chunking gives the same events: %s", (_name, c) => {
    for (const chunks of chunkings(c.text)) {
      const got = scanChunks(chunks, c.opts);
      if (JSON.stringify(got) !== JSON.stringify(c.expected)) {
        expect({ chunks, got }).toEqual({ chunks, got: c.expected });
      }
    }
  });

  it("chunk-invariant across a stress text mixing every feature", () => {
    const text = 'h,"q""x"\r\n\r\n"a\r\nb",c\rd"e,f\n"g"h,i\n\n"u\n1,2\r\nlast,"\n"';
    const whole = scan(text, { delimiter: ",", maxRecordChars: 9 });
    for (const chunks of chunkings(text)) expect(scanChunks(chunks, { delimiter: ",", maxRecordChars: 9 })).toEqual(whole);
  });

  it("feeding empty chunks changes nothing", () => {
    expect(scanChunks(["", "a,b", "", "\r", "", "\n", ""])).toEqual([R(1, ["a", "b"], "a,b")]);
  });

});
