import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { MIGRATIONS_TABLE, migrateDatabase } from '../migrate-database';
import { PostgresEventStore } from '../postgres-event-store';
import type { EventToAppend } from '../types';
import { eventStoreMigrations } from './index';

const payloads: EventToAppend[] = [
  { type: 'WireReportReceived', data: { report: { reportId: 'r1', body: 'Ğüneş — “quoted”\n\ttabbed', n: [1, 2.5, -3e-7, null, true] }, receivedVia: { offset: '42' } }, metadata: { correlationId: 'r1', kafka: { topic: 't', partition: 3, offset: '7' } } },
  { type: 'ReportCoded', data: { reportId: 'r1', events: Array.from({ length: 40 }, (_, n) => ({ n, text: 'long enough to be compressed '.repeat(4) })) } },
];

describe('migration EventPayloadsAsJson (real PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;

  const columnTypes = async () =>
    (await pool.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events' AND column_name IN ('data', 'metadata') ORDER BY 1`)).rows;
  const stored = async () => (await store.readStream('report-r1', 0)).map(({ type, data, metadata }) => ({ type, data, metadata }));

  function dataSource(count: number): DataSource {
    return new DataSource({ type: 'postgres', url: database.url, migrations: eventStoreMigrations.slice(0, count), migrationsTableName: MIGRATIONS_TABLE, logging: false });
  }

  beforeAll(async () => {
    database = await createTestDatabase('ww_es_json_payloads');
    pool = new Pool({ connectionString: database.url, max: 2 });
    store = new PostgresEventStore(pool, { notify: false });
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
    await database.drop();
  });

  it('turns stored jsonb payloads into json with the same content, and back', async () => {
    const before = dataSource(eventStoreMigrations.length - 1);
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    await before.destroy();
    await store.append('report-r1', 'no_stream', payloads);
    expect(await columnTypes()).toEqual([{ column_name: 'data', data_type: 'jsonb' }, { column_name: 'metadata', data_type: 'jsonb' }]);
    const asJsonb = await stored();
    expect(asJsonb.map((event) => event.data)).toEqual(payloads.map((event) => event.data));

    expect(await migrateDatabase(database.url)).toEqual(['EventPayloadsAsJson1795824954442']);
    expect(await columnTypes()).toEqual([{ column_name: 'data', data_type: 'json' }, { column_name: 'metadata', data_type: 'json' }]);
    expect(await stored()).toEqual(asJsonb);

    await store.append('report-r1', 'stream_exists', payloads);
    const both = await stored();
    expect(both.slice(2)).toEqual(asJsonb);

    const all = dataSource(eventStoreMigrations.length);
    await all.initialize();
    await all.undoLastMigration({ transaction: 'each' });
    await all.destroy();
    expect(await columnTypes()).toEqual([{ column_name: 'data', data_type: 'jsonb' }, { column_name: 'metadata', data_type: 'jsonb' }]);
    expect(await stored()).toEqual(both);
  });

  it('stores a payload as the text it was sent in', async () => {
    await migrateDatabase(database.url);
    await store.append('report-r2', 'no_stream', [{ type: 'Happened', data: { b: 1, a: { d: 2, c: 3 } } }]);
    const { rows } = await pool.query(`SELECT data::text AS text FROM events WHERE stream_id = 'report-r2'`);
    // jsonb would sort the keys and space the text: {"a": {"c": 3, "d": 2}, "b": 1}
    expect(rows).toEqual([{ text: '{"b":1,"a":{"d":2,"c":3}}' }]);
  });
});
