/**
 * Delimiter sniffing: the candidate (`,` `;` tab `|`) that appears the same
 * non-zero number of times, outside quotes, in the most of the first records wins;
 * ties go to the order above. `--delimiter` skips this.
 *
 * Records are split by the Scanner itself, once per candidate, so quoting is read
 * exactly as it will be when the file is parsed: a quoted field may span lines (a
 * header cell holding `\t\n` must not make TAB look like the delimiter), doubled
 * quotes and the scanner's lenient inner quotes count as data.
 */
import { Scanner } from "./scanner.js";

export const DELIMITERS = [",", ";", "\t", "|"] as const;

/** Records looked at per candidate. */
const SNIFF_RECORDS = 30;
/** The sample is handed to each scanner in slices, so sniffing stops soon after SNIFF_RECORDS. */
const SNIFF_SLICE = 4096;

export function sniffDelimiter(sample: string): string {
  // Without a final line break the last record may be cut mid-line: it is not counted.
  const cut = sample.length > 0 && !sample.endsWith("\n") && !sample.endsWith("\r");
  let best = ",";
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = delimiterCounts(sample, d, cut);
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modeCount = 0, mode = 0;
    for (const [c, f] of freq) if (f > modeCount || (f === modeCount && c > mode)) { modeCount = f; mode = c; }
    // Records that agree on the count, weighted slightly by how many fields they make.
    const score = modeCount === 0 ? 0 : modeCount * 1000 + Math.min(mode, 999);
    if (score > bestScore) { best = d; bestScore = score; }
  }
  return best;
}

/** Delimiters per non-blank record (fields - 1) for the first SNIFF_RECORDS records scanned with `d`. */
function delimiterCounts(sample: string, d: string, cut: boolean): number[] {
  const counts: number[] = [];
  const sc = new Scanner({ delimiter: d }, {
    record(fields) {
      if (fields.length > 1 || fields[0]!.trim() !== "") counts.push(fields.length - 1);
    },
    error() {},
    blank() {},
  });
  for (let i = 0; i < sample.length && counts.length <= SNIFF_RECORDS; i += SNIFF_SLICE) {
    sc.feed(sample.slice(i, i + SNIFF_SLICE));
  }
  if (counts.length <= SNIFF_RECORDS) {
    const before = counts.length;
    sc.end();
    // end() flushes the record that ran to the end of the sample; drop it if the sample was cut.
    if (cut && counts.length > before && counts.length > 1) counts.pop();
  }
  return counts.length > SNIFF_RECORDS ? counts.slice(0, SNIFF_RECORDS) : counts;
}

/** Parse a `--delimiter` value: one character, or `tab`, `\t`, `comma`, `semicolon`, `pipe`. */
export function parseDelimiterOption(v: string): string | null {
  const named: Record<string, string> = { tab: "\t", "\\t": "\t", comma: ",", semicolon: ";", pipe: "|" };
  const d = named[v.toLowerCase()] ?? v;
  return d.length === 1 && d !== '"' && d !== "\n" && d !== "\r" ? d : null;
}
