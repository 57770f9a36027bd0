import type { ExpectedKind } from '../append-plan';

/** Moves (or creates) the stream row when the expectation holds; `guard` is an extra condition (keyed appends). */
function moveStream(kind: ExpectedKind, expectedParam: string, guard: string): string {
  const and = guard ? ` AND ${guard}` : '';
  const where = guard ? ` WHERE ${guard}` : '';
  switch (kind) {
    case 'exact':
      return `UPDATE event_streams SET version = version + $2, updated_at = now(),
            last_transaction_id = event_store_next_writer(last_transaction_id)
          WHERE stream_id = $1 AND version = ${expectedParam}::int8${and} RETURNING version`;
    case 'stream_exists':
      return `UPDATE event_streams SET version = version + $2, updated_at = now(),
                    last_transaction_id = event_store_next_writer(last_transaction_id)
                  WHERE stream_id = $1${and} RETURNING version`;
    case 'no_stream':
      return `INSERT INTO event_streams (stream_id, version) SELECT $1, $2${where}
              ON CONFLICT (stream_id) DO NOTHING RETURNING version`;
    case 'any':
      return `INSERT INTO event_streams AS s (stream_id, version) SELECT $1, $2${where}
        ON CONFLICT (stream_id) DO UPDATE SET version = s.version + excluded.version, updated_at = now(),
          last_transaction_id = event_store_next_writer(s.last_transaction_id)
        RETURNING version`;
  }
}

const STORE_EVENTS = `stored AS (
  INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
  SELECT $1, m.version - $2 + e.stream_offset, e.event_id, e.event_type, e.schema_version, e.data, e.metadata
  FROM moved m,
       ROWS FROM (unnest($3::uuid[]), unnest($4::text[]), unnest($5::int4[]), json_array_elements($6::json), json_array_elements($7::json))
         WITH ORDINALITY AS e(event_id, event_type, schema_version, data, metadata, stream_offset)
  ORDER BY e.stream_offset
  RETURNING stream_version, transaction_id, global_position)`;

const APPENDED_ROWS = `SELECT 1 AS stream_index, 'appended' AS status, $1::text AS stream_id, stream_version AS first_version,
       stream_version AS last_version, transaction_id::text AS transaction_id,
       global_position AS first_position, global_position AS last_position
FROM stored`;

/**
 * The common cases — one stream, with or without an idempotency key — as the smallest statement that does
 * the job: move the stream row if the expectation holds (and, keyed, the key is new), insert the events after
 * it, record the key. No row back = conflict (or a key committed meanwhile: the caller settles which).
 * Parameters: $1 stream, $2 event count, $3–$7 event columns, then the key (keyed), then the expected version
 * (exact only).
 */
export function singleAppendSql(kind: ExpectedKind, keyed: boolean): { name: string; text: string } {
  const expectedParam = keyed ? '$9' : '$8';
  if (!keyed) {
    return { name: `event_store_append_one_${kind}`, text: `WITH moved AS (${moveStream(kind, expectedParam, '')}),\n${STORE_EVENTS}\n${APPENDED_ROWS}` };
  }
  return {
    name: `event_store_append_one_${kind}_keyed`,
    text: `WITH duplicate AS (SELECT * FROM event_idempotency_keys WHERE idempotency_key = $8),
moved AS (${moveStream(kind, expectedParam, 'NOT EXISTS (SELECT 1 FROM duplicate)')}),
${STORE_EVENTS},
recorded AS (
  INSERT INTO event_idempotency_keys
    (idempotency_key, stream_id, first_version, last_version, transaction_id, first_position, last_position)
  SELECT $8, $1, min(stream_version), max(stream_version), (array_agg(transaction_id))[1], min(global_position), max(global_position)
  FROM stored HAVING count(*) > 0)
${APPENDED_ROWS}
UNION ALL
SELECT 1, 'duplicate', d.stream_id, d.first_version, d.last_version, d.transaction_id::text, d.first_position, d.last_position
FROM duplicate d`,
  };
}
