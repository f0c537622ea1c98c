/**
 * Growing a typed array: the columns that hold per-item state (FCR trackers, open
 * calls, packed contacts, record columns) double when an index passes their end.
 */

/** `a` itself when it holds `need` elements, else a copy at least twice as long; new elements are `fill` (default 0). */
export function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, need: number, fill?: number): T {
  if (need <= a.length) return a;
  let n = Math.max(a.length * 2, 1);
  while (n < need) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  if (fill !== undefined) b.fill(fill, a.length);
  return b;
}
