/**
 * One statement appends to many streams: it runs as its own transaction (one round trip, one commit).
 * Per stream: a stored idempotency key makes it a duplicate; otherwise the stream row is created or
 * advanced only when the expected version holds (the row lock serializes writers of one stream); the
 * events of accepted streams go in with one set-based INSERT; streams that did not qualify are conflicts.
 * Races the snapshot cannot see (a key committed meanwhile) are settled by the caller: a conflict is
 * re-checked against the keys, a unique violation on a key is retried.
 */
export const APPEND_MANY_SQL = `
WITH input AS (
  SELECT *
  FROM unnest($1::text[], $2::text[], $3::int8[], $4::int4[], $5::text[])
    WITH ORDINALITY AS i(stream_id, expected_kind, expected_version, event_count, idempotency_key, stream_index)
),
duplicate AS (
  SELECT i.stream_index, k.*
  FROM input i JOIN event_idempotency_keys k ON k.idempotency_key = i.idempotency_key
),
fresh AS (
  SELECT i.* FROM input i WHERE NOT EXISTS (SELECT 1 FROM duplicate d WHERE d.stream_index = i.stream_index)
),
created AS (
  INSERT INTO event_streams (stream_id, version)
  SELECT stream_id, event_count FROM fresh WHERE expected_kind = 'no_stream' ORDER BY stream_id
  ON CONFLICT (stream_id) DO NOTHING
  RETURNING stream_id, version
),
upserted AS (
  INSERT INTO event_streams AS s (stream_id, version)
  SELECT stream_id, event_count FROM fresh WHERE expected_kind = 'any' ORDER BY stream_id
  ON CONFLICT (stream_id) DO UPDATE SET version = s.version + excluded.version, updated_at = now()
  RETURNING stream_id, version
),
advanced AS (
  UPDATE event_streams s SET version = s.version + f.event_count, updated_at = now()
  FROM fresh f
  WHERE s.stream_id = f.stream_id
    AND (f.expected_kind = 'stream_exists' OR (f.expected_kind = 'exact' AND s.version = f.expected_version))
  RETURNING s.stream_id, s.version
),
accepted AS (
  SELECT f.stream_index, f.stream_id, f.event_count, f.idempotency_key, v.version AS last_version
  FROM fresh f
  JOIN (SELECT * FROM created UNION ALL SELECT * FROM upserted UNION ALL SELECT * FROM advanced) v USING (stream_id)
),
stored AS (
  INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
  SELECT a.stream_id, a.last_version - a.event_count + e.stream_offset,
         e.event_id, e.event_type, e.schema_version, e.data, e.metadata
  FROM unnest($6::int4[], $7::int4[], $8::uuid[], $9::text[], $10::int4[], $11::jsonb[], $12::jsonb[])
    AS e(stream_index, stream_offset, event_id, event_type, schema_version, data, metadata)
  JOIN accepted a ON a.stream_index = e.stream_index
  ORDER BY e.stream_index, e.stream_offset
  RETURNING stream_id, transaction_id, global_position
),
ranges AS (
  SELECT a.stream_index, a.stream_id, a.idempotency_key,
         a.last_version - a.event_count + 1 AS first_version, a.last_version,
         (array_agg(s.transaction_id))[1] AS transaction_id,
         min(s.global_position) AS first_position, max(s.global_position) AS last_position
  FROM accepted a JOIN stored s USING (stream_id)
  GROUP BY a.stream_index, a.stream_id, a.idempotency_key, a.event_count, a.last_version
),
keys AS (
  INSERT INTO event_idempotency_keys
    (idempotency_key, stream_id, first_version, last_version, transaction_id, first_position, last_position)
  SELECT idempotency_key, stream_id, first_version, last_version, transaction_id, first_position, last_position
  FROM ranges WHERE idempotency_key IS NOT NULL
)
SELECT r.stream_index, 'appended' AS status, r.stream_id, r.first_version, r.last_version,
       r.transaction_id::text AS transaction_id, r.first_position, r.last_position
FROM ranges r
UNION ALL
SELECT d.stream_index, 'duplicate', d.stream_id, d.first_version, d.last_version,
       d.transaction_id::text, d.first_position, d.last_position
FROM duplicate d`;

/** After a conflict: has the key been stored meanwhile, and where is each stream now? */
export const SETTLE_CONFLICTS_SQL = `
SELECT i.stream_index, coalesce(s.version, 0) AS actual_version,
       k.stream_id AS key_stream_id, k.first_version, k.last_version, k.transaction_id::text AS transaction_id,
       k.first_position, k.last_position
FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS i(stream_id, idempotency_key, stream_index)
LEFT JOIN event_streams s ON s.stream_id = i.stream_id
LEFT JOIN event_idempotency_keys k ON k.idempotency_key = i.idempotency_key`;
