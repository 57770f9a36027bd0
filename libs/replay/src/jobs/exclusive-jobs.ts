import type { Pool, PoolClient } from 'pg';

/** Another job of the same kind holds the lock. */
export class JobBusyError extends Error {}

/**
 * Runs one job of a kind at a time across processes, in the background: a PostgreSQL advisory lock held on one
 * connection for the job's life, which the server releases if the process dies.
 */
export class ExclusiveJobs {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly pool: Pool,
    private readonly lockName: string,
  ) {}

  /** Takes the lock, records the job (`record`), then runs it without waiting; throws `busy` when the lock is held. */
  async start(busy: () => JobBusyError, record: () => Promise<void>, run: () => Promise<void>): Promise<void> {
    const lock = await this.tryLock();
    if (!lock) throw busy();
    try {
      await record();
    } catch (error) {
      await this.unlock(lock);
      throw error;
    }
    // Never rejects: if even the outcome cannot be recorded, the next start marks the job failed.
    const job = run()
      .catch(() => undefined)
      .finally(() => this.unlock(lock));
    this.running.add(job);
    void job.finally(() => this.running.delete(job));
  }

  /** Runs `work` only while no job of this kind runs anywhere (answers `idle` otherwise). */
  async whileIdle<T>(work: () => Promise<T>, idle: T): Promise<T> {
    const lock = await this.tryLock();
    if (!lock) return idle;
    try {
      return await work();
    } finally {
      await this.unlock(lock);
    }
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async tryLock(): Promise<PoolClient | null> {
    const client = await this.pool.connect();
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [this.lockName]);
    if (rows[0].locked) return client;
    client.release();
    return null;
  }

  private async unlock(client: PoolClient): Promise<void> {
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.lockName]).catch(() => undefined);
    client.release();
  }
}

/** Calls `save` at most every `everyMs` (and always when `force`), one save after another, never rejecting. */
export function throttledSaver<T>(save: (value: T) => Promise<void>, everyMs: number): { offer(value: T, force?: boolean): void; flushed(): Promise<void> } {
  let lastSaved = 0;
  let saving = Promise.resolve();
  return {
    offer(value, force = false) {
      if (!force && Date.now() - lastSaved < everyMs) return;
      lastSaved = Date.now();
      saving = saving.then(() => save(value)).catch(() => undefined);
    },
    flushed: () => saving,
  };
}
