/**
 * A copy of a string that does not keep the text it was cut from alive. V8 makes
 * a substring of 13 or more characters a view into its parent (and a
 * concatenation a pair of references): a 17-character callid cut from a 1 MiB
 * chunk of input and kept for a call that never ends would hold that chunk for
 * the rest of the run, and memory would grow with the file. For whatever is kept
 * open-ended: open stints, record keys, FCR keys.
 */
export function detached(s: string): string {
  // The concatenation is flattened into a new string by the slice; the result refers only to that.
  return s.length < 13 ? s : (" " + s).slice(1);
}
