const SHORT = 16;

/**
 * Sorts a list in place and stably, with the result Array#sort gives. Short lists, which the coder sorts many of per
 * sentence, are insertion-sorted: V8's sort allocates its work state on every call.
 */
export function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > SHORT) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    let j = i - 1;
    for (; j >= 0 && compare(items[j], item) > 0; j--) items[j + 1] = items[j];
    items[j + 1] = item;
  }
  return items;
}

/** The order Array#sort gives strings by default: by UTF-16 code units. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
