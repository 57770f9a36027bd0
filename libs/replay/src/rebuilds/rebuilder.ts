import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { RebuildRepository } from './rebuild-repository';

export interface RebuildStep {
  phase: string;
  processed: number;
  total: number;
}

/** The projection's own rebuild (libs/projections), bound by the caller. */
export type RebuildProjection = (projection: string, onProgress: (step: RebuildStep) => void) => Promise<void>;

export class RebuildBusyError extends Error {}

const LOCK = 'wirewatch.projection-rebuild';
const PROGRESS_EVERY_MS = 500;

/**
 * Runs one projection rebuild at a time across processes (a PostgreSQL advisory lock, released by the server if
 * the process dies) in the background, recording its progress for GET /api/v1/replays/{id}.
 */
export class Rebuilder {
  readonly rebuilds: RebuildRepository;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly pool: Pool,
    private readonly rebuild: RebuildProjection,
  ) {
    this.rebuilds = new RebuildRepository(pool);
  }

  /** At start-up: rebuilds still marked running while nobody holds the lock were cut off by a crash. */
  async failAbandoned(): Promise<number> {
    const lock = await this.tryLock();
    if (!lock) return 0;
    try {
      return await this.rebuilds.failAbandoned('interrupted: the process running it stopped; the previous read models still serve; request it again');
    } finally {
      await this.unlock(lock);
    }
  }

  /** Starts a rebuild unless one is running; resolves with its id as soon as it is recorded. */
  async request(projection: string, requestedBy: string | null): Promise<{ replayId: string }> {
    const lock = await this.tryLock();
    if (!lock) throw new RebuildBusyError('a projection rebuild is already running; wait for it to finish');
    const rebuildId = randomUUID();
    try {
      await this.rebuilds.create(rebuildId, projection, requestedBy);
    } catch (error) {
      await this.unlock(lock);
      throw error;
    }
    // Never rejects: if even the outcome cannot be recorded, the next start marks the rebuild failed.
    const run = this.run(rebuildId, projection)
      .catch(() => undefined)
      .finally(() => this.unlock(lock));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return { replayId: rebuildId };
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async run(rebuildId: string, projection: string): Promise<void> {
    let lastSaved = 0;
    let saving = Promise.resolve();
    const onProgress = (step: RebuildStep) => {
      if (Date.now() - lastSaved < PROGRESS_EVERY_MS && step.phase === 'replaying') return;
      lastSaved = Date.now();
      saving = saving.then(() => this.rebuilds.saveProgress(rebuildId, step.phase, step.processed, step.total)).catch(() => undefined);
    };
    let error: string | null = null;
    try {
      await this.rebuild(projection, onProgress);
    } catch (failure) {
      error = (failure as Error).message ?? String(failure);
    }
    await saving;
    await this.rebuilds.finish(rebuildId, error);
  }

  private async tryLock(): Promise<PoolClient | null> {
    const client = await this.pool.connect();
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [LOCK]);
    if (rows[0].locked) return client;
    client.release();
    return null;
  }

  private async unlock(client: PoolClient): Promise<void> {
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [LOCK]).catch(() => undefined);
    client.release();
  }
}
