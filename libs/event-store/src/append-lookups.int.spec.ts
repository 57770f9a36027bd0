import { appendParameterValues, toAppendParameters } from './append-plan';
import { appendSql, SETTLE_CONFLICTS_SQL } from './sql/append-sql';
import type { StreamAppend } from './types';
import { events, StoreFixture } from './testing/store-fixture';

/**
 * An append's cost must not grow with the store: its lookups of stored keys and streams go through their
 * indexes. Seen before: with 50,000 keys stored, the planner hashed the whole key table for every append
 * (14.5 of a 500-stream append's 35 ms), a scan that grows with every report ingested.
 */
describe('append lookups stay index probes as the store grows (real PostgreSQL)', () => {
  let fixture: StoreFixture;
  const STORED = 30_000;

  beforeAll(async () => {
    fixture = await StoreFixture.create('ww_es_append_lookups');
    await fixture.pool.query(
      `INSERT INTO event_streams (stream_id, version) SELECT 'stored-' || g, 2 FROM generate_series(1, $1) g`,
      [STORED],
    );
    await fixture.pool.query(
      `INSERT INTO event_idempotency_keys (idempotency_key, stream_id, first_version, last_version, transaction_id, first_position, last_position)
       SELECT 'key-' || g, 'stored-' || g, 1, 2, '1', 2 * g - 1, 2 * g FROM generate_series(1, $1) g`,
      [STORED],
    );
    await fixture.pool.query('ANALYZE event_streams, event_idempotency_keys');
  });
  afterAll(() => fixture.close());

  const batch: StreamAppend[] = Array.from({ length: 500 }, (_, n) => ({
    streamId: `fresh-${n}`,
    expected: 'no_stream',
    idempotencyKey: `fresh-key-${n}`,
    events: events(2),
  }));

  async function plan(text: string, values: unknown[]): Promise<string> {
    const client = await fixture.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  it('a keyed append of 500 new streams probes the key index, never scans the key table', async () => {
    const text = appendSql({ kinds: new Set(['no_stream']), keyed: true });
    const shown = await plan(text, appendParameterValues(toAppendParameters(batch, () => 1)));
    expect(shown).toMatch(/Index Scan using event_idempotency_keys_pkey/);
    expect(shown).not.toMatch(/Seq Scan on event_idempotency_keys/);
  });

  it('settling conflicts probes the stream and key indexes', async () => {
    const shown = await plan(SETTLE_CONFLICTS_SQL, [batch.map((append) => append.streamId), batch.map((append) => append.idempotencyKey)]);
    expect(shown).not.toMatch(/Seq Scan on event_(streams|idempotency_keys)/);
  });

  it('still answers duplicates and conflicts against the stored rows', async () => {
    const results = await fixture.store.appendMany([
      { streamId: 'stored-7', expected: 'no_stream', idempotencyKey: 'key-7', events: events(2) },
      { streamId: 'stored-8', expected: 'no_stream', events: events(1) },
      { streamId: 'fresh-a', expected: 'no_stream', idempotencyKey: 'fresh-a', events: events(2) },
    ]);
    expect(results.map((result) => result.status)).toEqual(['duplicate', 'conflict', 'appended']);
    expect(results[0]).toMatchObject({ streamId: 'stored-7', firstVersion: 1, lastVersion: 2, firstPosition: 13n, lastPosition: 14n });
    expect(results[1]).toMatchObject({ actualVersion: 2 });
  });
});
