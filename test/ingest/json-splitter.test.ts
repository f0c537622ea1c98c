import { describe, expect, it } from "vitest";
import { JsonSplitter } from "../../src/ingest/json-splitter.js";

type Ev = ["record", number, string] | ["error", number, string];

function split(text: string, chunk = 0): Ev[] {
  const out: Ev[] = [];
  const s = new JsonSplitter({
    record: (t, line) => out.push(["record", line, t]),
    error: (m, line) => out.push(["error", line, m]),
  });
  if (chunk > 0) for (let i = 0; i < text.length; i += chunk) s.feed(text.slice(i, i + chunk));
  else s.feed(text);
  s.end();
  return out;
}

describe("JsonSplitter", () => {
  it.each([
    ["NDJSON: one record a line", '{"a":1}\n{"b":"x}"}\n\n{"c":[1,{"d":2}]}\n', [["record", 1, '{"a":1}'], ["record", 2, '{"b":"x}"}'], ["record", 4, '{"c":[1,{"d":2}]}']]],
    ["a pretty-printed array: one record per element, with its line", '[\n  {\n    "a": 1\n  },\n  {"b": "[\\"]"}\n]\n', [["record", 2, '{\n    "a": 1\n  }'], ["record", 5, '{"b": "[\\"]"}']]],
    ["a broken NDJSON line is one error; the next lines are read", '{"a":1}\n{"b":"oops\n{"c":3}\n', [["record", 1, '{"a":1}'], ["error", 2, "this line is not a complete JSON value"], ["record", 3, '{"c":3}']]],
    ["a value never closed at the end", '[{"a":1},{"b":', [["record", 1, '{"a":1}'], ["error", 1, "the JSON value is never closed (the file ends inside it)"]]],
    ["CRLF line ends count once", '{"a":1}\r\n{"b":2}\r\n', [["record", 1, '{"a":1}'], ["record", 2, '{"b":2}']]],
  ] as const)("%s", (_n, text, expected) => {
    expect(split(text)).toEqual(expected);
    // The same whatever the chunking.
    for (const size of [1, 2, 3, 7]) expect(split(text, size)).toEqual(expected);
  });
});
