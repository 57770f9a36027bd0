import { Pool } from 'pg';
import { migrateDatabase } from '@app/event-store';
import { createTestDatabase, eventually, type TestDatabase } from '@app/testing';
import { replayMigrations } from '../replays-migration';
import { RebuildBusyError, Rebuilder, type RebuildStep } from './rebuilder';

// Given a projection's rebuild as a function, the Rebuilder runs one at a time and keeps its progress in PostgreSQL.
describe('Rebuilder', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase('ww_int_rebuilds');
    await migrateDatabase(database.url, replayMigrations);
    pool = new Pool({ connectionString: database.url, max: 6 });
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const settledView = (rebuilder: Rebuilder, id: string) =>
    eventually(async () => {
      const view = await rebuilder.rebuilds.find(id);
      if (!view || view.status === 'running') throw new Error('still running');
      return view;
    }, 10_000, 20);

  it('runs a rebuild in the background, records its last step, and refuses a second one meanwhile', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const rebuilder = new Rebuilder(pool, async (_projection, onProgress: (step: RebuildStep) => void) => {
      onProgress({ phase: 'replaying', processed: 10, total: 20 });
      await gate;
      onProgress({ phase: 'switched', processed: 20, total: 20 });
    });
    const { replayId } = await rebuilder.request('read-models', 'key-fingerprint');
    await expect(new Rebuilder(pool, async () => undefined).request('read-models', null)).rejects.toBeInstanceOf(RebuildBusyError);
    expect(await rebuilder.rebuilds.find(replayId)).toMatchObject({ kind: 'rebuild', projection: 'read-models', status: 'running' });
    release();
    expect(await settledView(rebuilder, replayId)).toMatchObject({ status: 'succeeded', phase: 'switched', processed: 20, total: 20, error: null });
    await rebuilder.settled();
    const next = await rebuilder.request('read-models', null);
    await settledView(rebuilder, next.replayId);
  });

  it('records a failed rebuild with its error', async () => {
    const rebuilder = new Rebuilder(pool, async () => {
      throw new Error('generation 7 could not be written');
    });
    const { replayId } = await rebuilder.request('read-models', null);
    expect(await settledView(rebuilder, replayId)).toMatchObject({ status: 'failed', error: 'generation 7 could not be written' });
  });

  it('marks rebuilds cut off by a crash as failed at the next start', async () => {
    await pool.query(`INSERT INTO projection_rebuilds (rebuild_id, projection, status) VALUES ('00000000-0000-4000-8000-000000000001', 'read-models', 'running')`);
    const rebuilder = new Rebuilder(pool, async () => undefined);
    expect(await rebuilder.failAbandoned()).toBe(1);
    expect(await rebuilder.rebuilds.find('00000000-0000-4000-8000-000000000001')).toMatchObject({ status: 'failed', error: expect.stringContaining('interrupted') });
  });
});
