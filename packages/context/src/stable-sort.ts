/** Lists up to this length are sorted by insertion here; longer ones by `Array.prototype.sort`. */
const INSERTION_MAX = 16;

/**
 * Sorts `list` in place, stably, and returns it: the same order as
 * `list.sort(compare)` for any consistent `compare` (a stable sort's result is
 * unique). A plan sorts many lists of a few items; the built-in sort copies
 * each into a work array and calls `compare` through a generic call, which
 * costs more than the sort itself at that size.
 */
export function sortStable<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  const n = list.length;
  if (n > INSERTION_MAX) return list.sort(compare);
  for (let i = 1; i < n; i++) {
    const item = list[i]!;
    let j = i - 1;
    while (j >= 0 && compare(list[j]!, item) > 0) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = item;
  }
  return list;
}
