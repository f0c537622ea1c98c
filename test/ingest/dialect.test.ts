import { describe, expect, it } from "vitest";
import { parseDelimiterOption, sniffDelimiter } from "../../src/ingest/dialect.js";

describe("sniffDelimiter", () => {
  it.each([
    ["empty sample", "", ","],
    ["comma", "a,b,c\n1,2,3\n4,5,6\n", ","],
    ["semicolon", "a;b;c\n1;2;3\n", ";"],
    ["tab", "a\tb\tc\n1\t2\t3\n", "\t"],
    ["pipe", "a|b\n1|2\n", "|"],
    ["CRLF", "a;b\r\n1;2\r\n", ";"],
    ["CR only", "a\tb\r1\t2\r", "\t"],
    ["single column falls back to comma", "name\nalice\nbob\n", ","],
    // ; appears once on every line; the decimal commas vary (2, 1) so they lose.
    ["semicolon with decimal commas", "a;b\n1,5;2,5\n3,0;4\n", ";"],
    // Counted naively the commas (2 per line) would beat the semicolons (1 per line).
    ["delimiters inside quotes do not count", '"x,y";"z,w"\n"1,2";"3,4"\n', ";"],
    ["quoted semicolons in a comma file", 'name,note\n"Smith; John","a;b;c"\n"Lee; Ann","x;y;z"\n', ","],
    ["doubled quotes inside quoted fields", '"say ""hi"", ok";b\n"x";y\n', ";"],
    ["Chinese header, comma", "呼叫ID,主叫号码,队列\n1,13800138000,销售\n", ","],
    ["full-width commas are data, not delimiters", "a，b;c\n1，2;3\n", ";"],
    ["tie between , and ; goes to the earlier candidate", "a,b;c\n1,2;3\n", ","],
    ["the most consistent count wins over the most frequent", "a;b;c;d\n1,2,3;4\n5,6;7\n8;9\n", ";"],
    ["blank lines are ignored", "\n\na|b|c\n\n1|2|3\n", "|"],
    // csvkit test_header_newline.csv: a quoted header cell spans lines and holds TABs; read per
    // line, TAB looked like the delimiter (2 lines with one TAB against 1 line with two commas).
    ["a quoted cell spanning lines: its TABs are data", '"\t\n\v\f\r start \t\n\v\f\r end \t\n\v\f\r",b,c\nd,e,f\n', ","],
    // A bare quote in an unquoted field is literal (as the scanner reads it) and hides nothing after it.
    ["a bare quote in an unquoted field", 'a;b\n12" screen;x\n3;4\n', ";"],
    // Without a final newline the last line may be cut mid-record: it is not counted.
    ["a sample cut mid-line drops the last line", "a;b;c\n1;2;3\n4,5,6,7,8,9,10,11,12", ";"],
    [
      "Asterisk queue_log (pipe-separated, commas in data)",
      [
        "1767225600|1767225600.1|support|NONE|ENTERQUEUE|url,a|5551234|1",
        "1767225605|1767225600.1|support|PJSIP/1001|CONNECT|5|1767225600.2|3",
        "1767225700|1767225600.1|support|PJSIP/1001|COMPLETECALLER|5|95|1",
        "",
      ].join("\n"),
      "|",
    ],
  ])("%s", (_name, sample, expected) => {
    expect(sniffDelimiter(sample)).toBe(expected);
  });
});

describe("parseDelimiterOption", () => {
  it.each([
    [",", ","],
    [";", ";"],
    ["|", "|"],
    ["\t", "\t"],
    ["tab", "\t"],
    ["TAB", "\t"],
    ["\\t", "\t"],
    ["comma", ","],
    ["Semicolon", ";"],
    ["pipe", "|"],
    ["^", "^"],
    ["", null],
    [",,", null],
    ["tabs", null],
    ['"', null],
    ["\n", null],
    ["\r", null],
  ])("%j -> %j", (v, expected) => {
    expect(parseDelimiterOption(v)).toBe(expected);
  });
});
