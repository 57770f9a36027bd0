import type { ExpectedKind } from '../append-plan';

const MOVE_STREAM: Record<ExpectedKind, string> = {
  exact: `UPDATE event_streams SET version = version + $2, updated_at = now(),
            last_transaction_id = event_store_next_writer(last_transaction_id)
          WHERE stream_id = $1 AND version = $8::int8 RETURNING version`,
  stream_exists: `UPDATE event_streams SET version = version + $2, updated_at = now(),
                    last_transaction_id = event_store_next_writer(last_transaction_id)
                  WHERE stream_id = $1 RETURNING version`,
  no_stream: `INSERT INTO event_streams (stream_id, version) VALUES ($1, $2)
              ON CONFLICT (stream_id) DO NOTHING RETURNING version`,
  any: `INSERT INTO event_streams AS s (stream_id, version) VALUES ($1, $2)
        ON CONFLICT (stream_id) DO UPDATE SET version = s.version + excluded.version, updated_at = now(),
          last_transaction_id = event_store_next_writer(s.last_transaction_id)
        RETURNING version`,
};

/**
 * The common case — one stream, no idempotency key — as the smallest statement that does the job:
 * move the stream row if the expectation holds, insert the events after it. No row back = conflict.
 * Parameters: $1 stream, $2 event count, $3–$7 event columns, $8 expected version (exact only).
 */
export function singleAppendSql(kind: ExpectedKind): { name: string; text: string } {
  return {
    name: `event_store_append_one_${kind}`,
    text: `WITH moved AS (${MOVE_STREAM[kind]}),
stored AS (
  INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
  SELECT $1, m.version - $2 + e.stream_offset, e.event_id, e.event_type, e.schema_version, e.data, e.metadata
  FROM moved m,
       unnest($3::uuid[], $4::text[], $5::int4[], $6::jsonb[], $7::jsonb[])
         WITH ORDINALITY AS e(event_id, event_type, schema_version, data, metadata, stream_offset)
  ORDER BY e.stream_offset
  RETURNING stream_version, transaction_id, global_position)
SELECT 1 AS stream_index, 'appended' AS status, $1::text AS stream_id, stream_version AS first_version,
       stream_version AS last_version, transaction_id::text AS transaction_id,
       global_position AS first_position, global_position AS last_position
FROM stored`,
  };
}
