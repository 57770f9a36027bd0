import type { Checkpoint } from './checkpoint';
import type { EventMetadata, StoredEvent, StoredRange } from './types';
import type { UpcasterRegistry } from './upcasting';

/** int8 and xid8 arrive as text (or as bigint when another library changed pg's parsers). */
export const toBigInt = (value: unknown): bigint => (typeof value === 'bigint' ? value : BigInt(String(value)));

export const toNumber = (value: unknown): number => Number(value);

const toJson = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

export interface EventRow {
  transaction_id: string;
  global_position: string | bigint;
  stream_id: string;
  stream_version: string | bigint;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  /** epoch milliseconds */
  recorded_at: number | string | Date;
}

export function toStoredEvent(row: EventRow, upcasters: UpcasterRegistry): StoredEvent {
  const metadata = (toJson(row.metadata) ?? {}) as EventMetadata;
  const { data, schemaVersion } = upcasters.upcast(row.event_type, row.schema_version, toJson(row.data), metadata);
  return {
    type: row.event_type,
    data,
    metadata,
    eventId: row.event_id,
    schemaVersion,
    streamId: row.stream_id,
    streamVersion: toNumber(row.stream_version),
    globalPosition: toBigInt(row.global_position),
    transactionId: toBigInt(row.transaction_id),
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(Number(row.recorded_at)),
  };
}

export interface RangeRow {
  stream_id: string;
  first_version: string | bigint;
  last_version: string | bigint;
  transaction_id: string;
  first_position: string | bigint;
  last_position: string | bigint;
}

export function toStoredRange(row: RangeRow): StoredRange {
  const transactionId = toBigInt(row.transaction_id);
  const lastPosition = toBigInt(row.last_position);
  const checkpoint: Checkpoint = { transactionId, position: lastPosition };
  return {
    streamId: row.stream_id,
    firstVersion: toNumber(row.first_version),
    lastVersion: toNumber(row.last_version),
    firstPosition: toBigInt(row.first_position),
    lastPosition,
    transactionId,
    checkpoint,
  };
}
