/**
 * A place in the global order: events are ordered by (transactionId, position), and a reader only sees
 * transactions below the visibility horizon, so nothing can later commit behind a checkpoint.
 */
export interface Checkpoint {
  transactionId: bigint;
  position: bigint;
}

export const BEGINNING: Checkpoint = Object.freeze({ transactionId: 0n, position: 0n });

export function compareCheckpoints(a: Checkpoint, b: Checkpoint): -1 | 0 | 1 {
  if (a.transactionId !== b.transactionId) return a.transactionId < b.transactionId ? -1 : 1;
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return 0;
}

export const isAfter = (a: Checkpoint, b: Checkpoint): boolean => compareCheckpoints(a, b) > 0;

export const checkpointsEqual = (a: Checkpoint, b: Checkpoint): boolean => compareCheckpoints(a, b) === 0;

export function laterCheckpoint(a: Checkpoint, b: Checkpoint): Checkpoint {
  return compareCheckpoints(a, b) >= 0 ? a : b;
}

export function checkpointOf(event: { transactionId: bigint; globalPosition: bigint }): Checkpoint {
  return { transactionId: event.transactionId, position: event.globalPosition };
}

/** An opaque cursor for HTTP paging: `<transactionId>.<position>`. */
export function encodeCheckpoint(checkpoint: Checkpoint): string {
  return `${checkpoint.transactionId}.${checkpoint.position}`;
}

const CURSOR = /^(\d{1,20})\.(\d{1,20})$/;

/** The checkpoint of a cursor, or null when the text is not one. */
export function decodeCheckpoint(cursor: string): Checkpoint | null {
  const match = CURSOR.exec(cursor);
  if (!match) return null;
  return { transactionId: BigInt(match[1]), position: BigInt(match[2]) };
}
