/**
 * Delimiter sniffing: the candidate (`,` `;` tab `|`) that appears the same
 * non-zero number of times, outside quotes, on the most of the first lines wins;
 * ties go to the order above. `--delimiter` skips this.
 */
export const DELIMITERS = [",", ";", "\t", "|"] as const;

export function sniffDelimiter(sample: string): string {
  const lines = sample.split(/\r\n|\n|\r/).filter((l) => l.trim() !== "").slice(0, 30);
  if (lines.length > 1 && !sample.endsWith("\n") && !sample.endsWith("\r")) lines.pop(); // maybe cut mid-line
  let best = ",";
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modeCount = 0, mode = 0;
    for (const [c, f] of freq) if (f > modeCount || (f === modeCount && c > mode)) { modeCount = f; mode = c; }
    // Lines that agree on the count, weighted slightly by how many fields they make.
    const score = modeCount === 0 ? 0 : modeCount * 1000 + Math.min(mode, 999);
    if (score > bestScore) { best = d; bestScore = score; }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0, q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') q = !q;
    else if (c === d && !q) n++;
  }
  return n;
}

/** Parse a `--delimiter` value: one character, or `tab`, `\t`, `comma`, `semicolon`, `pipe`. */
export function parseDelimiterOption(v: string): string | null {
  const named: Record<string, string> = { tab: "\t", "\\t": "\t", comma: ",", semicolon: ";", pipe: "|" };
  const d = named[v.toLowerCase()] ?? v;
  return d.length === 1 && d !== '"' && d !== "\n" && d !== "\r" ? d : null;
}
