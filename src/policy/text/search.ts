/** Binary search, the one used wherever the model looks up offsets in sorted lists. */

/** The first index in [0, n) where a monotone predicate holds (n when it never does). */
export function firstIndex(n: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** How many of `items` (sorted by `startOf`, ascending) start at or before `offset`. */
export function countStartingAtOrBefore<T>(items: readonly T[], offset: number, startOf: (item: T) => number): number {
  return firstIndex(items.length, (i) => startOf(items[i] as T) > offset);
}
