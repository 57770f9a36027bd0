import type { Checkpoint } from '../checkpoint';
import type { ReadAllFilter } from '../types';

/**
 * transaction_id travels as text (pg has no parser for xid8, so it hands over the text form), and
 * recorded_at as epoch milliseconds: parsing a number is far cheaper than pg's timestamp parser.
 */
export const EVENT_COLUMNS = `transaction_id, global_position, stream_id, stream_version,
  event_id, event_type, schema_version, data, metadata, extract(epoch FROM recorded_at)::float8 * 1000 AS recorded_at`;

/**
 * Only transactions below the snapshot's xmin: they have all ended, and every transaction still able to
 * commit has an id ≥ xmin, so it sorts after anything read here. That is what makes the order gap-free.
 */
export const VISIBLE = 'transaction_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))';

/** The newest checkpoint visible now: where a subscription "from now" starts. */
export const HEAD_CHECKPOINT_SQL = `SELECT transaction_id, global_position FROM events
  WHERE ${VISIBLE} ORDER BY transaction_id DESC, global_position DESC LIMIT 1`;

/** The newest committed checkpoint, visible or not yet: a reader past it has seen everything committed so far. */
export const COMMITTED_HEAD_SQL = `SELECT transaction_id, global_position FROM events
  ORDER BY transaction_id DESC, global_position DESC LIMIT 1`;

export interface SqlQuery {
  name: string;
  text: string;
  values: unknown[];
}

export function readAllQuery(after: Checkpoint, limit: number, filter: ReadAllFilter = {}): SqlQuery {
  const values: unknown[] = [after.transactionId.toString(), after.position.toString(), limit];
  const where = ['(transaction_id, global_position) > ($1::xid8, $2::int8)', VISIBLE];
  const shape: string[] = [];
  const bind = (name: string, value: unknown): string => {
    shape.push(name);
    values.push(value);
    return `$${values.length}`;
  };
  if (filter.types && filter.types.length > 0) where.push(`event_type = ANY(${bind('types', [...filter.types])}::text[])`);
  if (filter.streamId !== undefined) where.push(`stream_id = ${bind('stream', filter.streamId)}`);
  if (filter.streamPrefix !== undefined) where.push(`starts_with(stream_id, ${bind('prefix', filter.streamPrefix)}::text)`);
  if (filter.from !== undefined) where.push(`recorded_at >= ${bind('from', filter.from)}::timestamptz`);
  if (filter.until !== undefined) where.push(`recorded_at < ${bind('until', filter.until)}::timestamptz`);
  const page = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')}
                ORDER BY transaction_id, global_position LIMIT $3`;
  if (shape.length === 0) return { name: 'event_store_read_all', text: page, values };
  // A filtered page that is not full has seen every visible event up to the head of the same snapshot,
  // so the reader may move its checkpoint there, past events the filter skipped.
  return {
    name: ['event_store_read_all', ...shape].join('_'),
    text: `WITH head AS (${HEAD_CHECKPOINT_SQL}), page AS (${page})
           SELECT page.*, head.transaction_id AS head_transaction_id, head.global_position AS head_position
           FROM head LEFT JOIN page ON true
           ORDER BY page.transaction_id, page.global_position`,
    values,
  };
}

export const READ_STREAM_SQL = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version LIMIT $3`;

export const STREAM_INFO_SQL = `SELECT stream_id, version, created_at, updated_at FROM event_streams WHERE stream_id = $1`;

export const READ_IDEMPOTENT_SQL = `
SELECT k.idempotency_key, k.stream_id AS key_stream_id, k.first_version, k.last_version,
       k.transaction_id AS key_transaction_id, k.first_position, k.last_position, e.*
FROM event_idempotency_keys k
JOIN LATERAL (
  SELECT ${EVENT_COLUMNS} FROM events
  WHERE stream_id = k.stream_id AND stream_version BETWEEN k.first_version AND k.last_version
) e ON true
WHERE k.idempotency_key = ANY($1::text[])
ORDER BY k.idempotency_key, e.stream_version`;

/** How far readers are held back: the horizon, the oldest transaction holding it, events behind it. */
export const HORIZON_SQL = `
WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
SELECT h.xmin::text AS horizon,
       (SELECT extract(epoch FROM clock_timestamp() - min(a.xact_start)) * 1000
          FROM pg_stat_activity a WHERE a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()) AS oldest_ms,
       (SELECT count(*) FROM events e WHERE e.transaction_id >= h.xmin) AS held_back
FROM horizon h`;
