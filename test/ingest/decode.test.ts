import { describe, expect, it } from "vitest";
import { Decoder, firstInvalidUtf8, type DecoderOptions } from "../../src/ingest/decode.js";
import { CckpiError } from "../../src/errors.js";

// GBK (= GB18030 here) bytes of 中文, written out by hand: TextEncoder only writes UTF-8.
const GBK_ZHONGWEN = [0xd6, 0xd0, 0xce, 0xc4];
const BOM8 = [0xef, 0xbb, 0xbf];

interface Decoded {
  text: string;
  warnings: string[];
  encoding: string;
  bom: boolean;
}

function decodeChunks(chunks: readonly Buffer[], encoding: string | null = null): Decoded {
  const warnings: string[] = [];
  const opts: DecoderOptions = { name: "f.csv", encoding, fallback: "gb18030", warn: (m) => warnings.push(m) };
  const d = new Decoder(opts);
  let text = "";
  for (const c of chunks) text += d.decode(c);
  text += d.end();
  return { text, warnings, encoding: d.encoding, bom: d.bom };
}

const decodeAll = (bytes: Buffer, encoding: string | null = null): Decoded => decodeChunks([bytes], encoding);

/** The bytes cut at every offset into two chunks, and into one-byte chunks. */
function splits(b: Buffer): Buffer[][] {
  const out: Buffer[][] = [];
  for (let i = 0; i <= b.length; i++) out.push([b.subarray(0, i), b.subarray(i)]);
  out.push([...b].map((x) => Buffer.from([x])));
  return out;
}

const u8 = (s: string): Buffer => Buffer.from(s, "utf8");
const cat = (...parts: (Buffer | number[] | string)[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? u8(p) : Buffer.from(p))));
const utf16be = (s: string): Buffer => {
  const le = Buffer.from(s, "utf16le");
  return Buffer.from(le).swap16();
};

interface Case {
  name: string;
  bytes: Buffer;
  encoding?: string;
  text: string;
  /** `Decoder.encoding` after the end. */
  used: string;
  bom?: boolean;
  /** Substrings of the single warning expected; none when absent. */
  warning?: string[];
}

const CASES: Case[] = [
  { name: "plain UTF-8", bytes: u8("a,b\n中文,😀\n"), text: "a,b\n中文,😀\n", used: "utf-8" },
  { name: "empty input", bytes: Buffer.alloc(0), text: "", used: "utf-8" },
  { name: "one byte", bytes: u8("a"), text: "a", used: "utf-8" },
  { name: "UTF-8 BOM stripped", bytes: cat(BOM8, "id,名\n1,x\n"), text: "id,名\n1,x\n", used: "utf-8", bom: true },
  { name: "only a UTF-8 BOM", bytes: Buffer.from(BOM8), text: "", used: "utf-8", bom: true },
  {
    name: "UTF-16LE with BOM",
    bytes: cat([0xff, 0xfe], Buffer.from("呼叫\tID\r\n中文\t1\r\n", "utf16le")),
    text: "呼叫\tID\r\n中文\t1\r\n",
    used: "utf-16le",
    bom: true,
  },
  {
    name: "UTF-16BE with BOM",
    bytes: cat([0xfe, 0xff], utf16be("a,b\n中文,😀\n")),
    text: "a,b\n中文,😀\n",
    used: "utf-16be",
    bom: true,
  },
  { name: "UTF-16LE without BOM (NUL-heavy)", bytes: Buffer.from("a,b\n1,2\n", "utf16le"), text: "a,b\n1,2\n", used: "utf-16le" },
  { name: "UTF-16BE without BOM (NUL-heavy)", bytes: utf16be("a,b\n1,2\n"), text: "a,b\n1,2\n", used: "utf-16be" },
  {
    name: "--encoding gb18030",
    bytes: cat("id,", GBK_ZHONGWEN, "\n"),
    encoding: "gb18030",
    text: "id,中文\n",
    used: "gb18030",
  },
  { name: "--encoding GBK reads as gb18030", bytes: cat(GBK_ZHONGWEN), encoding: "GBK", text: "中文", used: "gb18030" },
  {
    name: "--encoding windows-1252: 0x80-0x9F are € and smart quotes, not C1 controls",
    bytes: cat("caf", [0xe9, 0x3b, 0x80, 0x3b, 0x93, 0x71, 0x94, 0x0a]),
    encoding: "windows-1252",
    text: "café;€;“q”\n",
    used: "windows-1252",
  },
  { name: "--encoding latin1 is windows-1252 (WHATWG)", bytes: Buffer.from([0x80, 0xe9]), encoding: "latin1", text: "€é", used: "windows-1252" },
  {
    name: "a UTF-8 BOM outranks --encoding",
    bytes: cat(BOM8, "中文"),
    encoding: "gb18030",
    text: "中文",
    used: "utf-8",
    bom: true,
  },
  {
    name: "a UTF-16 BOM outranks --encoding",
    bytes: cat([0xff, 0xfe], Buffer.from("中", "utf16le")),
    encoding: "windows-1252",
    text: "中",
    used: "utf-16le",
    bom: true,
  },
  { name: "strict --encoding utf-8 on valid bytes", bytes: cat(BOM8, "中文\n"), encoding: "utf-8", text: "中文\n", used: "utf-8", bom: true },
  {
    name: "invalid UTF-8 on line 3: GB18030 from there on, with a warning",
    bytes: cat("a,b\nc,d\n", GBK_ZHONGWEN, ",x\n", GBK_ZHONGWEN, "\n"),
    text: "a,b\nc,d\n中文,x\n中文\n",
    used: "utf-8 then gb18030 from line 3",
    warning: ["f.csv:3:", "not valid UTF-8", "gb18030"],
  },
  {
    name: "invalid UTF-8 mid-line (UTF-8 text before it on the same line is kept)",
    bytes: cat("名,x\n名,", GBK_ZHONGWEN),
    text: "名,x\n名,中文",
    used: "utf-8 then gb18030 from line 2",
    warning: ["f.csv:2:"],
  },
  {
    name: "line count with CRLF and CR-only ends",
    bytes: cat("h\r\n1\r2\r\r\n", GBK_ZHONGWEN),
    // lines: h(1) 1(2) 2(3) blank(4) then 中文 on 5
    text: "h\r\n1\r2\r\r\n中文",
    used: "utf-8 then gb18030 from line 5",
    warning: ["f.csv:5:"],
  },
  {
    name: "invalid UTF-8 right after a lone CR",
    bytes: cat("a\r", GBK_ZHONGWEN),
    text: "a\r中文",
    used: "utf-8 then gb18030 from line 2",
    warning: ["f.csv:2:"],
  },
  {
    name: "invalid byte as the very first byte",
    bytes: cat(GBK_ZHONGWEN, "\n"),
    text: "中文\n",
    used: "utf-8 then gb18030 from line 1",
    warning: ["f.csv:1:"],
  },
];

describe("Decoder", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_n, c) => {
    const d = decodeAll(c.bytes, c.encoding ?? null);
    expect(d.text).toBe(c.text);
    expect(d.encoding).toBe(c.used);
    expect(d.bom).toBe(c.bom ?? false);
    if (c.warning) {
      expect(d.warnings).toHaveLength(1);
      for (const w of c.warning) expect(d.warnings[0]).toContain(w);
    } else expect(d.warnings).toEqual([]);
  });

  it.each(CASES.map((c) => [c.name, c] as const))("every chunk split decodes the same: %s", (_n, c) => {
    for (const chunks of splits(c.bytes)) {
      const d = decodeChunks(chunks, c.encoding ?? null);
      const at = chunks.map((x) => x.length).join("+");
      expect({ at, text: d.text, encoding: d.encoding, bom: d.bom, warnings: d.warnings.length }).toEqual({
        at,
        text: c.text,
        encoding: c.used,
        bom: c.bom ?? false,
        warnings: c.warning ? 1 : 0,
      });
      if (c.warning) for (const w of c.warning) expect(d.warnings[0]).toContain(w);
    }
  });

  it("a UTF-8 character split across chunks comes out whole", () => {
    const b = u8("中😀é");
    // 中 = E4 B8 AD, 😀 = F0 9F 98 80, é = C3 A9
    expect(decodeChunks([b.subarray(0, 1), b.subarray(1, 5), b.subarray(5, 8), b.subarray(8)]).text).toBe("中😀é");
  });

  it("strict --encoding utf-8 refuses invalid bytes with BAD_ENCODING and the line", () => {
    const bytes = cat("a\nb\r\nc\n", GBK_ZHONGWEN);
    for (const chunks of splits(bytes)) {
      let err: unknown;
      try {
        decodeChunks(chunks, "utf-8");
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CckpiError);
      expect((err as CckpiError).code).toBe("BAD_ENCODING");
      expect((err as CckpiError).message).toMatch(/^f\.csv:4: not valid UTF-8 \(byte 0xd6\)/);
    }
  });

  it("utf8 and UTF_8 spellings are strict too", () => {
    for (const e of ["utf8", "UTF_8", "UTF-8"]) {
      expect(() => decodeAll(cat(GBK_ZHONGWEN), e)).toThrow(expect.objectContaining({ code: "BAD_ENCODING" }) as Error);
    }
  });

  it("an unknown --encoding is BAD_OPTION", () => {
    expect(() => new Decoder({ name: "f", encoding: "klingon", fallback: "gb18030", warn: () => {} })).toThrow(
      expect.objectContaining({ code: "BAD_OPTION" }) as Error,
    );
  });

  it("the fallback encoding is configurable", () => {
    const d = new Decoder({ name: "f", encoding: null, fallback: "windows-1252", warn: () => {} });
    const text = d.decode(Buffer.from([0x61, 0x0a, 0x80, 0xe9])) + d.end();
    expect(text).toBe("a\n€é");
    expect(d.encoding).toBe("utf-8 then windows-1252 from line 2");
  });
});

describe("firstInvalidUtf8", () => {
  it.each([
    ["empty", [], 0],
    ["ASCII", [0x61, 0x62, 0x63], 3],
    ["2-, 3-, 4-byte sequences", [0xc3, 0xa9, 0xe4, 0xb8, 0xad, 0xf0, 0x9f, 0x98, 0x80], 9],
    ["largest code point U+10FFFF", [0xf4, 0x8f, 0xbf, 0xbf], 4],
    ["overlong NUL C0 80", [0x61, 0xc0, 0x80], 1],
    ["overlong C1 BF", [0xc1, 0xbf], 0],
    ["overlong 3-byte E0 80 80", [0xe0, 0x80, 0x80], 0],
    ["overlong 3-byte for U+07FF", [0xe0, 0x9f, 0xbf], 0],
    ["overlong 4-byte F0 80 80 80", [0xf0, 0x80, 0x80, 0x80], 0],
    ["surrogate D800 (ED A0 80)", [0x61, 0xed, 0xa0, 0x80], 1],
    ["surrogate DFFF (ED BF BF)", [0xed, 0xbf, 0xbf], 0],
    ["last before surrogates U+D7FF (ED 9F BF)", [0xed, 0x9f, 0xbf], 3],
    ["above U+10FFFF (F4 90 80 80)", [0xf4, 0x90, 0x80, 0x80], 0],
    ["F5 lead byte", [0xf5, 0x80, 0x80, 0x80], 0],
    ["FF byte", [0x61, 0x62, 0xff], 2],
    ["lone continuation byte", [0x61, 0x62, 0x80], 2],
    ["truncated 3-byte at the end", [0x61, 0xe4, 0xb8], 1],
    ["truncated 4-byte followed by ASCII", [0xf0, 0x9f, 0x98, 0x61], 0],
    ["2-byte lead followed by ASCII", [0xc3, 0x41], 0],
    ["GBK 中文", GBK_ZHONGWEN, 0],
    ["valid then GBK", [0xe4, 0xb8, 0xad, 0xd6, 0xd0], 3],
  ])("%s -> %i", (_n, bytes, expected) => {
    const b = Buffer.from(bytes);
    expect(firstInvalidUtf8(b)).toBe(expected);
  });
});
