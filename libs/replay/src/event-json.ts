import type { StoredEvent } from '@app/event-store';

/** A stored event as JSON carries it: positions as decimal strings (they are 64-bit), times as ISO instants. */
export interface StoredEventJson {
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  eventId: string;
  schemaVersion: number;
  streamId: string;
  streamVersion: number;
  globalPosition: string;
  transactionId: string;
  recordedAt: string;
}

export function toEventJson(event: StoredEvent): StoredEventJson {
  return {
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    eventId: event.eventId,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition.toString(),
    transactionId: event.transactionId.toString(),
    recordedAt: event.recordedAt.toISOString(),
  };
}
