import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from '@app/event-store';

const PREFIX = 'c1:';

/** An opaque page cursor: the composite checkpoint `<transactionId>.<position>`, versioned, base64url. */
export function encodeCursor(checkpoint: Checkpoint): string {
  return Buffer.from(`${PREFIX}${encodeCheckpoint(checkpoint)}`, 'utf8').toString('base64url');
}

/** The checkpoint of a cursor this API handed out, or null for anything else. */
export function decodeCursor(cursor: string): Checkpoint | null {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX)) return null;
  const checkpoint = decodeCheckpoint(text.slice(PREFIX.length));
  if (!checkpoint || checkpoint.transactionId > MAX_INT8 || checkpoint.position > MAX_INT8) return null;
  return checkpoint;
}

const MAX_INT8 = 2n ** 63n - 1n;
