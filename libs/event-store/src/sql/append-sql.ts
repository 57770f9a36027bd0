import type { ExpectedKind } from '../append-plan';

/** What an append contains decides which parts its statement needs; each shape is its own prepared statement. */
export interface AppendShape {
  kinds: ReadonlySet<ExpectedKind>;
  keyed: boolean;
}

export function appendShapeName(shape: AppendShape): string {
  const kinds = (['no_stream', 'any', 'stream_exists', 'exact'] as const).filter((kind) => shape.kinds.has(kind));
  return `event_store_append_${kinds.join('_')}${shape.keyed ? '_keyed' : ''}`;
}

/**
 * One statement appends to many streams: it runs as its own transaction (one round trip, one commit).
 * Per stream: a stored idempotency key makes it a duplicate; otherwise the stream row is created or
 * advanced only when the expected version holds (the row lock serializes writers of one stream); the
 * events of accepted streams go in with one set-based INSERT; streams that did not qualify are conflicts.
 * Races the snapshot cannot see (a key committed meanwhile) are settled by the caller: a conflict is
 * re-checked against the keys; a unique violation on a key, a deadlock, or a writer whose transaction id
 * is older than the stream's last writer (event_store_next_writer) is retried as a whole.
 * Rows come back one per stored event (status 'appended') and one per duplicate stream.
 */
export function appendSql(shape: AppendShape): string {
  const ctes: string[] = [
    `input AS (
      SELECT * FROM unnest($1::text[], $2::text[], $3::int8[], $4::int4[], $5::text[])
        WITH ORDINALITY AS i(stream_id, expected_kind, expected_version, event_count, idempotency_key, stream_index))`,
  ];
  if (shape.keyed) {
    ctes.push(
      // One index probe per stream (LIMIT 1 keeps the subquery from being flattened into a join): as a join,
      // the planner scans the whole key table for every append, a cost growing with the store.
      `duplicate AS (
        SELECT i.stream_index, k.* FROM input i
        JOIN LATERAL (SELECT * FROM event_idempotency_keys WHERE idempotency_key = i.idempotency_key LIMIT 1) k ON true)`,
      `fresh AS (SELECT i.* FROM input i WHERE NOT EXISTS (SELECT 1 FROM duplicate d WHERE d.stream_index = i.stream_index))`,
    );
  }
  const fresh = shape.keyed ? 'fresh' : 'input';
  const moved: string[] = [];
  if (shape.kinds.has('no_stream')) {
    moved.push('created');
    ctes.push(`created AS (
      INSERT INTO event_streams (stream_id, version)
      SELECT stream_id, event_count FROM ${fresh} WHERE expected_kind = 'no_stream' ORDER BY stream_id
      ON CONFLICT (stream_id) DO NOTHING
      RETURNING stream_id, version)`);
  }
  if (shape.kinds.has('any')) {
    moved.push('upserted');
    ctes.push(`upserted AS (
      INSERT INTO event_streams AS s (stream_id, version)
      SELECT stream_id, event_count FROM ${fresh} WHERE expected_kind = 'any' ORDER BY stream_id
      ON CONFLICT (stream_id) DO UPDATE SET version = s.version + excluded.version, updated_at = now(),
        last_transaction_id = event_store_next_writer(s.last_transaction_id)
      RETURNING stream_id, version)`);
  }
  if (shape.kinds.has('stream_exists') || shape.kinds.has('exact')) {
    moved.push('advanced');
    ctes.push(`advanced AS (
      UPDATE event_streams s SET version = s.version + f.event_count, updated_at = now(),
        last_transaction_id = event_store_next_writer(s.last_transaction_id)
      FROM ${fresh} f
      WHERE s.stream_id = f.stream_id
        AND (f.expected_kind = 'stream_exists' OR (f.expected_kind = 'exact' AND s.version = f.expected_version))
      RETURNING s.stream_id, s.version)`);
  }
  const versions = moved.length === 1 ? moved[0] : `(${moved.map((name) => `SELECT * FROM ${name}`).join(' UNION ALL ')})`;
  ctes.push(
    `accepted AS (
      SELECT f.stream_index, f.stream_id, f.event_count, f.idempotency_key, v.version AS last_version
      FROM ${fresh} f JOIN ${versions} v USING (stream_id))`,
    `stored AS (
      INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
      SELECT a.stream_id, a.last_version - a.event_count + e.stream_offset,
             e.event_id, e.event_type, e.schema_version, e.data, e.metadata
      FROM ROWS FROM (unnest($6::int4[]), unnest($7::int4[]), unnest($8::uuid[]), unnest($9::text[]), unnest($10::int4[]),
                      json_array_elements($11::json), json_array_elements($12::json))
        AS e(stream_index, stream_offset, event_id, event_type, schema_version, data, metadata)
      JOIN accepted a ON a.stream_index = e.stream_index
      ORDER BY e.stream_index, e.stream_offset
      RETURNING stream_id, stream_version, transaction_id, global_position)`,
  );
  if (shape.keyed) {
    ctes.push(`keys AS (
      INSERT INTO event_idempotency_keys
        (idempotency_key, stream_id, first_version, last_version, transaction_id, first_position, last_position)
      SELECT a.idempotency_key, a.stream_id, min(s.stream_version), max(s.stream_version),
             (array_agg(s.transaction_id))[1], min(s.global_position), max(s.global_position)
      FROM accepted a JOIN stored s USING (stream_id)
      WHERE a.idempotency_key IS NOT NULL
      GROUP BY a.idempotency_key, a.stream_id)`);
  }
  const appended = `SELECT a.stream_index, 'appended' AS status, s.stream_id, s.stream_version AS first_version,
      s.stream_version AS last_version, s.transaction_id::text AS transaction_id,
      s.global_position AS first_position, s.global_position AS last_position
    FROM stored s JOIN accepted a USING (stream_id)`;
  const duplicates = `SELECT d.stream_index, 'duplicate', d.stream_id, d.first_version, d.last_version,
      d.transaction_id::text, d.first_position, d.last_position
    FROM duplicate d`;
  return `WITH ${ctes.join(',\n')}\n${appended}${shape.keyed ? `\nUNION ALL\n${duplicates}` : ''}`;
}

/** After a conflict: has the key been stored meanwhile, and where is each stream now? */
export const SETTLE_CONFLICTS_SQL = `
SELECT i.stream_index, coalesce(s.version, 0) AS actual_version,
       k.stream_id AS key_stream_id, k.first_version, k.last_version, k.transaction_id::text AS transaction_id,
       k.first_position, k.last_position
FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS i(stream_id, idempotency_key, stream_index)
LEFT JOIN LATERAL (SELECT version FROM event_streams WHERE stream_id = i.stream_id LIMIT 1) s ON true
LEFT JOIN LATERAL (SELECT * FROM event_idempotency_keys WHERE idempotency_key = i.idempotency_key LIMIT 1) k ON true`;
