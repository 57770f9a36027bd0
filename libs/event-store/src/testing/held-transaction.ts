import type { Pool, PoolClient } from 'pg';
import type { PostgresEventStore } from '../postgres-event-store';
import type { StreamAppend, StreamAppendResult } from '../types';

/** A writer whose transaction stays open until the test commits it: the slow writer of the out-of-order race. */
export class HeldTransaction {
  private constructor(private readonly client: PoolClient) {}

  static async begin(pool: Pool): Promise<HeldTransaction> {
    const client = await pool.connect();
    await client.query('BEGIN');
    return new HeldTransaction(client);
  }

  /** Takes a transaction id now, before anything is appended. */
  async takeTransactionId(): Promise<bigint> {
    const { rows } = await this.client.query('SELECT pg_current_xact_id()::text AS id');
    return BigInt(rows[0].id);
  }

  append(store: PostgresEventStore, appends: StreamAppend[]): Promise<StreamAppendResult[]> {
    return store.appendMany(appends, this.client);
  }

  async commit(store?: PostgresEventStore): Promise<void> {
    await this.client.query('COMMIT');
    this.client.release();
    store?.notifyCommitted();
  }

  async rollback(): Promise<void> {
    await this.client.query('ROLLBACK');
    this.client.release();
  }
}
