import type { Pool } from 'pg';

/** ~600 B of report-like JSON per event, built server-side so seeding a million costs seconds. */
const FILL_SQL = `
INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
SELECT 'report-bench-' || (g / 4), g % 4 + 1, gen_random_uuid(), $1, 1,
       jsonb_build_object('reportId', 'bench-' || (g / 4), 'seq', g, 'coderVersion', '1.0.0',
         'body', repeat('ceasefire talks mediation strike border envoy ministry ', 9)),
       jsonb_build_object('correlationId', 'bench-' || (g / 4))
FROM generate_series($2::int, $3::int) AS g`;

/** Appends `count` events of `type`, numbered from `first`, in chunks of one transaction each. */
export async function seedEvents(pool: Pool, type: string, first: number, count: number, chunk = 100_000): Promise<void> {
  for (let from = first; from < first + count; from += chunk) {
    await pool.query(FILL_SQL, [type, from, Math.min(first + count, from + chunk) - 1]);
  }
}
