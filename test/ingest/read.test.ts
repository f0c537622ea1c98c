import { describe, expect, it, vi } from "vitest";
import { readInput, rankSources, sampleRows, type ReadOptions } from "../../src/ingest/read.js";
import { Tally } from "../../src/ingest/tally.js";
import { TimeZone } from "../../src/model/time.js";
import type { Contact } from "../../src/model/contact.js";
import type { SourceDef } from "../../src/sources/define.js";
import { CckpiError } from "../../src/errors.js";

// readBytes is replaced so each test decides exactly how the bytes are chunked.
const feeds = vi.hoisted(() => new Map<string, Buffer[]>());
vi.mock("../../src/ingest/input.js", () => ({
  readBytes: async function* (input: { name: string }) {
    for (const c of feeds.get(input.name) ?? []) yield c;
  },
}));

interface Seen {
  rows: { id: string; line: number; v: string }[];
  ended: number;
}

function contactOf(id: string, line: number): Contact {
  return {
    contactId: id, callId: id, queue: "q", agent: "", customer: "", arrivedMs: 0, answeredMs: null, endedMs: 0,
    outcome: "abandoned", waitSeconds: 0, talkSeconds: 0, holdSeconds: 0, acwSeconds: 0, transferred: false,
    disposition: "", rating: null, resolved: null, dims: null, file: "f", line, rowCount: 1,
  };
}

/** A source for rows `id,v`: header filtered, v = "bad" rejected, the rest emitted as contacts. */
function fakeSources(seen: Seen): SourceDef[] {
  const fake: SourceDef = {
    id: "fake", title: "Fake", docs: "", records: "contacts", extensions: [".csv"],
    detect: (s) => (s.rows[0]?.[0] === "id" ? 10 : 0),
    create: (ctx) => ({
      row(fields, line, raw) {
        if (fields[0] === "id") return ctx.filter(line, "header");
        if (fields[1] === "bad") return ctx.reject(line, "BAD_VALUE", "v is bad", raw);
        seen.rows.push({ id: fields[0]!, line, v: fields[1] ?? "" });
        ctx.emit(contactOf(fields[0]!, line));
      },
      end() {
        seen.ended++;
      },
    }),
  };
  const weak: SourceDef = { ...fake, id: "weak", detect: (s) => (s.rows[0]?.[0] === "id" ? 3 : 0) };
  return [fake, weak];
}

interface Run {
  seen: Seen;
  tally: Tally;
  warnings: string[];
  result: Awaited<ReturnType<typeof readInput>>;
}

async function run(chunks: Buffer[], o: Partial<ReadOptions> = {}, tally = new Tally("skip", null, null)): Promise<Run> {
  const name = `t${Math.random()}.csv`;
  feeds.set(name, chunks);
  const seen: Seen = { rows: [], ended: 0 };
  const warnings: string[] = [];
  const ids = new Set<string>();
  const result = await readInput(
    { name, path: null, bytes: null },
    {
      sources: fakeSources(seen), format: null, delimiter: null, encoding: null, fallbackEncoding: "gb18030",
      zone: TimeZone.of("UTC"), agentAliases: null, dims: [], warn: (m) => warnings.push(m), ...o,
    },
    tally,
    {
      contact: (c) => {
        if (c.contactId === "late") return "out-of-range";
        if (ids.has(c.contactId)) return "duplicate";
        ids.add(c.contactId);
        return "used";
      },
      record: () => "used",
    },
  );
  feeds.delete(name);
  return { seen, tally, warnings, result };
}

const b = (s: string): Buffer => Buffer.from(s, "utf8");
function chunk(buf: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

describe("readInput", () => {
  it("every row lands in one bucket and the ledger balances", async () => {
    // header(filtered) 1(used) blank(filtered) 2(rejected) 3(used) 1(duplicate) late(out of range: filtered)
    const { tally, seen, result } = await run([b("id,v\n1,a\n\n2,bad\n3,a\n1,a\nlate,a\n")]);
    expect(tally.toJSON()).toEqual({
      read: 7, used: 2, rejected: 1, filtered: 3, duplicates: 1,
      rejectedBy: { BAD_VALUE: 1 },
      filteredBy: { header: 1, "blank line": 1, "outside --from/--to": 1 },
    });
    expect(tally.balanced()).toBe(true);
    expect(tally.firstRejects).toEqual([{ file: expect.stringMatching(/\.csv$/) as string, line: 4, code: "BAD_VALUE", message: "v is bad", raw: "2,bad" }]);
    expect(seen.ended).toBe(1);
    expect(result.source.id).toBe("fake");
    expect(result.delimiter).toBe(",");
    expect(result.encoding).toBe("utf-8");
    expect(result.detection).toEqual({ score: 10, runnerUp: { id: "weak", score: 3 } });
  });

  it("scanner errors are rejected rows with their line; the rest of the file is read", async () => {
    const { tally, seen } = await run([b('id,v\n"1,a\n2,b\n')]);
    expect(tally.firstRejects.map((r) => [r.line, r.code, r.raw])).toEqual([[2, "UNTERMINATED_QUOTE", '"1,a']]);
    expect(seen.rows).toEqual([{ id: "2", line: 3, v: "b" }]);
    expect(tally.balanced()).toBe(true);
  });

  it("sniffs the delimiter", async () => {
    const { result, seen } = await run([b("id;v\r\n1;2,5\r\n")]);
    expect(result.delimiter).toBe(";");
    expect(seen.rows).toEqual([{ id: "1", line: 2, v: "2,5" }]);
  });

  it("--delimiter and --format skip detection", async () => {
    const { result, seen } = await run([b("x|y\n1|2\n")], { delimiter: "|", format: "weak" });
    expect(result).toMatchObject({ delimiter: "|", detection: null });
    expect(result.source.id).toBe("weak");
    expect(seen.rows).toEqual([{ id: "x", line: 1, v: "y" }, { id: "1", line: 2, v: "2" }]);
  });

  it("an unknown --format is UNKNOWN_FORMAT", async () => {
    await expect(run([b("id,v\n")], { format: "nope" })).rejects.toMatchObject({ code: "UNKNOWN_FORMAT" });
  });

  it("an unrecognized file is FORMAT_NOT_DETECTED quoting its first line", async () => {
    const e = await run([b("foo,bar\n1,2\n")]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CckpiError);
    expect(e).toMatchObject({ code: "FORMAT_NOT_DETECTED" });
    expect((e as CckpiError).message).toContain('"foo,bar"');
  });

  it.each([
    ["no bytes", []],
    ["blank lines only", [b("\r\n\n  \n")]],
    ["a BOM only", [Buffer.from([0xef, 0xbb, 0xbf])]],
  ])("empty input (%s): a warning, nothing read", async (_n, chunks) => {
    const { tally, warnings } = await run(chunks);
    expect(warnings).toEqual([expect.stringContaining("empty input") as string]);
    expect(tally.read).toBe(0);
  });

  it("invalid UTF-8 falls back to GB18030 and says so in the result", async () => {
    const bytes = Buffer.concat([b("id,v\n"), Buffer.from([0x31, 0x2c, 0xd6, 0xd0, 0xce, 0xc4, 0x0a])]);
    const { result, seen, warnings } = await run(chunk(bytes, 3));
    expect(seen.rows).toEqual([{ id: "1", line: 2, v: "中文" }]);
    expect(result.encoding).toBe("utf-8 then gb18030 from line 2");
    expect(warnings).toHaveLength(1);
  });

  it("--on-error fail stops at the first bad row with file:line", async () => {
    const e = await run([b("id,v\n1,a\n2,bad\n3,a\n")], {}, new Tally("fail", null, null)).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: "ROW_ERROR", message: expect.stringMatching(/\.csv:3: BAD_VALUE: v is bad$/) as string });
  });

  it("--max-errors stops after that many rejections", async () => {
    const text = "id,v\n" + Array.from({ length: 10 }, (_, i) => `${i},bad\n`).join("");
    const e = await run([b(text)], {}, new Tally("skip", 3, null)).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: "TOO_MANY_ERRORS", message: expect.stringContaining(".csv:5:") as string });
  });

  describe("a sample longer than 64 KiB: the boundary loses and repeats nothing", () => {
    // ~190 KB of rows with multibyte text, CRLF, and every 97th row a quoted two-line field.
    const N = 6000;
    let text = "id,v\r\n";
    const expected: { id: string; line: number; v: string }[] = [];
    let line = 2;
    for (let i = 0; i < N; i++) {
      const v = i % 97 === 0 ? `note ${i}\r\n第二行` : `值-${i}-😀`;
      text += `${i},${i % 97 === 0 ? `"${v}"` : v}\r\n`;
      expected.push({ id: String(i), line, v });
      line += i % 97 === 0 ? 2 : 1;
    }
    const bytes = b(text);

    it.each([1000, 4093, 65536, 65537, 70000, bytes.length])("chunks of %i bytes", async (size) => {
      const { seen, tally } = await run(chunk(bytes, size));
      expect(seen.rows.length).toBe(N);
      expect(seen.rows).toEqual(expected);
      expect(tally.toJSON()).toMatchObject({ read: N + 1, used: N, filtered: 1, rejected: 0, duplicates: 0 });
    });
  });
});

describe("sampleRows / rankSources", () => {
  it("sampleRows keeps the first complete records only", () => {
    expect(sampleRows('a,b\n"c\nd",e\nf,g', ",", 2)).toEqual([["a", "b"], ["c\nd", "e"]]);
    // the last line is not complete without end(): it is not a sample row
    expect(sampleRows("a,b\nc,d", ",")).toEqual([["a", "b"]]);
  });

  it("rankSources drops zero scores and sorts best first", () => {
    const seen: Seen = { rows: [], ended: 0 };
    const [fake, weak] = fakeSources(seen) as [SourceDef, SourceDef];
    const sample = { name: "s", text: "id,v\n", delimiter: ",", rows: [["id", "v"]] };
    expect(rankSources([weak, fake], sample).map((r) => [r.source.id, r.score])).toEqual([["fake", 10], ["weak", 3]]);
    expect(rankSources([weak, fake], { ...sample, rows: [["x"]] })).toEqual([]);
  });
});
