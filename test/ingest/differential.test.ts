/**
 * Differential test: random RFC 4180 CSV through our Decoder + Scanner and
 * through csv-parse must give the same records, whole and in random chunkings
 * (bytes cut anywhere, also inside a BOM, a CRLF or a multibyte character).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { Decoder } from "../../src/ingest/decode.js";
import { Scanner, type RecordView } from "../../src/ingest/scanner.js";

const PIECES = ["a", "Z", "7", " ", "中文", "😀", "é", ",", ";", "\t", '"', '""', "\n", "\r\n", "\r", "x y"];
const field = fc.array(fc.constantFrom(...PIECES), { maxLength: 5 }).map((p) => p.join(""));
const record = fc.array(field, { minLength: 1, maxLength: 5 });

interface Doc {
  records: string[][];
  delimiter: string;
  eol: "\n" | "\r\n";
  bom: boolean;
  trailingEol: boolean;
  /** Quote fields that don't need it too. */
  quoteAll: boolean[];
}

const doc: fc.Arbitrary<Doc> = fc.record({
  records: fc.array(record, { minLength: 1, maxLength: 8 }),
  delimiter: fc.constantFrom(",", ";", "\t"),
  eol: fc.constantFrom("\n" as const, "\r\n" as const),
  bom: fc.boolean(),
  trailingEol: fc.boolean(),
  quoteAll: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
});

/** RFC 4180 writer; also returns the physical line each record starts on (CRLF once, lone CR once). */
function serialize(d: Doc): { text: string; lines: number[] } {
  let text = "";
  const lines: number[] = [];
  let line = 1;
  d.records.forEach((rec, r) => {
    lines.push(line);
    const row = rec
      .map((f) => {
        const must = f.includes(d.delimiter) || /["\r\n]/.test(f) || (rec.length === 1 && f === "");
        return must || d.quoteAll[r] ? `"${f.replace(/"/g, '""')}"` : f;
      })
      .join(d.delimiter);
    const eol = r < d.records.length - 1 || d.trailingEol ? d.eol : "";
    text += row + eol;
    line += (row + eol).match(/\r\n|\r|\n/g)?.length ?? 0;
  });
  return { text, lines };
}

/** Our records; `view`: through the record view (fields as offsets), materialized, raw text checked against the fields. */
function ours(chunks: readonly Buffer[], delimiter: string, view = false): { records: string[][]; lines: number[]; other: number } {
  const records: string[][] = [];
  const lines: number[] = [];
  let other = 0;
  const dec = new Decoder({ name: "p.csv", encoding: null, fallback: "gb18030", warn: () => { other++; } });
  const sc = new Scanner({ delimiter }, {
    ...(view
      ? {
          view: (v: RecordView, line: number) => {
            const f = v.fields();
            for (let i = 0; i < v.count; i++) expect(v.field(i)).toBe(f[i]);
            if (f.every((x) => !/["\r\n]/.test(x)) && !v.raw().includes('"')) expect(v.raw()).toBe(f.join(delimiter));
            records.push(f);
            lines.push(line);
          },
        }
      : { record: (f: string[], line: number) => { records.push([...f]); lines.push(line); } }),
    error: () => { other++; },
    blank: () => { other++; },
  });
  for (const c of chunks) sc.feed(dec.decode(c));
  sc.feed(dec.end());
  sc.end();
  return { records, lines, other };
}

function cut(b: Buffer, sizes: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  let i = 0, k = 0;
  while (i < b.length) {
    const n = sizes.length ? sizes[k++ % sizes.length]! : b.length;
    out.push(b.subarray(i, i + n));
    i += n;
  }
  return out;
}

describe("Scanner vs csv-parse on random RFC 4180 CSV", () => {
  it("same records (and our start lines match the writer's), whole and chunked", () => {
    fc.assert(
      fc.property(doc, fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 6 }), (d, sizes) => {
        const { text, lines } = serialize(d);
        const bytes = Buffer.concat([d.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, "utf8")]);
        const expected = parse(bytes, { bom: true, relax_column_count: true, delimiter: d.delimiter }) as string[][];
        expect(expected).toEqual(d.records); // the oracle agrees with the generator

        const whole = ours([bytes], d.delimiter);
        expect(whole).toEqual({ records: expected, lines, other: 0 });
        const chunked = ours(cut(bytes, sizes), d.delimiter);
        expect(chunked).toEqual(whole);
        // The record view (offsets into the text) gives the same records, whole and chunked.
        expect(ours([bytes], d.delimiter, true)).toEqual(whole);
        expect(ours(cut(bytes, sizes), d.delimiter, true)).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it("1-byte chunks on a fixed tricky document", () => {
    const text = '\uFEFFa,"b\r\nc","中""文"\r\n"😀",,"x,y"\r\n';
    const bytes = Buffer.from(text, "utf8");
    const expected = parse(bytes, { bom: true, relax_column_count: true }) as string[][];
    expect(expected).toEqual([["a", "b\r\nc", '中"文'], ["😀", "", "x,y"]]);
    expect(ours(cut(bytes, [1]), ",")).toEqual({ records: expected, lines: [1, 3], other: 0 });
    expect(ours(cut(bytes, [1]), ",", true)).toEqual({ records: expected, lines: [1, 3], other: 0 });
  });
});
