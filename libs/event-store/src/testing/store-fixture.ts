import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { migrateDatabase } from '../migrate-database';
import { PostgresEventStore, type PostgresEventStoreOptions } from '../postgres-event-store';
import type { EventToAppend } from '../types';
import { compareCheckpoints } from '../checkpoint';

/** Idle connections cut when the test database is dropped must not fail the run. */
function quietPool(url: string, max: number): Pool {
  const pool = new Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  return pool;
}

/** A migrated database of its own for one test file, with a store on a pool. */
export class StoreFixture {
  private readonly pools: Pool[] = [];

  private constructor(
    readonly database: TestDatabase,
    readonly pool: Pool,
    readonly store: PostgresEventStore,
  ) {
    this.pools.push(pool);
  }

  static async create(prefix: string, options: PostgresEventStoreOptions = {}, poolSize = 10): Promise<StoreFixture> {
    const database = await createTestDatabase(prefix);
    await migrateDatabase(database.url);
    const pool = quietPool(database.url, poolSize);
    return new StoreFixture(database, pool, new PostgresEventStore(pool, options));
  }

  /** Another pool and store on the same database, as a second process would have. */
  anotherStore(options: PostgresEventStoreOptions = {}, poolSize = 10): PostgresEventStore {
    const pool = quietPool(this.database.url, poolSize);
    this.pools.push(pool);
    return new PostgresEventStore(pool, options);
  }

  /**
   * Waits until readers can see everything committed so far: a transaction open anywhere on the server
   * (other test files run in parallel) holds the visibility horizon back for a moment.
   */
  async settle(timeoutMs = 30_000): Promise<void> {
    const head = await this.store.headCheckpoint();
    await eventually(async () => compareCheckpoints(await this.store.visibleHeadCheckpoint(), head) >= 0, timeoutMs);
  }

  async close(): Promise<void> {
    await this.store.close();
    await Promise.all(this.pools.map((pool) => pool.end()));
    await this.database.drop();
  }
}

export const anEvent = (type = 'Happened', data: unknown = { n: 1 }): EventToAppend => ({ type, data });

export const events = (count: number, type = 'Happened'): EventToAppend[] =>
  Array.from({ length: count }, (_, n) => ({ type, data: { n } }));

export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
