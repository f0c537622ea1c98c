/**
 * Names the user writes in the config (agent aliases, teams, state and activity
 * words) match the data as written first, then in any case. One map shape for
 * all of them: each key kept as written and lower-cased (the first key wins a
 * lower-cased clash), and one lookup.
 */

/** A map whose keys are also kept lower-cased. Idempotent: a map it built comes out the same. */
export function nameMap<V>(entries: Iterable<readonly [string, V]>): Map<string, V> {
  const m = new Map<string, V>();
  for (const [k, v] of entries) if (!m.has(k)) m.set(k, v);
  for (const [k, v] of [...m]) if (!m.has(k.toLowerCase())) m.set(k.toLowerCase(), v);
  return m;
}

/** The value for a word: as written, else lower-cased. */
export function lookupName<V>(map: ReadonlyMap<string, V> | null | undefined, word: string): V | undefined {
  return map?.get(word) ?? map?.get(word.toLowerCase());
}
