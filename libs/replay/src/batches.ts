/** Kafka refuses a produce request whose batch exceeds the topic's limit (1 MiB by default): stay below it. */
export const MAX_BATCH_BYTES = 900 * 1024;
export const MAX_BATCH_MESSAGES = 1000;

/** Consecutive groups, in order, each within both limits; an item larger than `maxBytes` goes alone. */
export function inBatches<T>(items: readonly T[], sizeOf: (item: T) => number, maxCount = MAX_BATCH_MESSAGES, maxBytes = MAX_BATCH_BYTES): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
