import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { ExclusiveJobs, JobBusyError, throttledSaver } from '../jobs/exclusive-jobs';
import { RebuildRepository } from './rebuild-repository';

export interface RebuildStep {
  phase: string;
  processed: number;
  total: number;
}

/** The projection's own rebuild (libs/projections), bound by the caller. */
export type RebuildProjection = (projection: string, onProgress: (step: RebuildStep) => void) => Promise<void>;

export class RebuildBusyError extends JobBusyError {}

const LOCK = 'wirewatch.projection-rebuild';
const PROGRESS_EVERY_MS = 500;

/** Runs one projection rebuild at a time across processes in the background, recording its progress for GET /api/v1/replays/{id}. */
export class Rebuilder {
  readonly rebuilds: RebuildRepository;
  private readonly jobs: ExclusiveJobs;

  constructor(
    pool: Pool,
    private readonly rebuild: RebuildProjection,
  ) {
    this.rebuilds = new RebuildRepository(pool);
    this.jobs = new ExclusiveJobs(pool, LOCK);
  }

  /** At start-up: rebuilds still marked running while nobody holds the lock were cut off by a crash. */
  failAbandoned(): Promise<number> {
    return this.jobs.whileIdle(() => this.rebuilds.failAbandoned('interrupted: the process running it stopped; the previous read models still serve; request it again'), 0);
  }

  /** Starts a rebuild unless one is running; resolves with its id as soon as it is recorded. */
  async request(projection: string, requestedBy: string | null): Promise<{ replayId: string }> {
    const rebuildId = randomUUID();
    await this.jobs.start(
      () => new RebuildBusyError('a projection rebuild is already running; wait for it to finish'),
      () => this.rebuilds.create(rebuildId, projection, requestedBy),
      () => this.run(rebuildId, projection),
    );
    return { replayId: rebuildId };
  }

  settled(): Promise<void> {
    return this.jobs.settled();
  }

  private async run(rebuildId: string, projection: string): Promise<void> {
    const progress = throttledSaver<RebuildStep>((step) => this.rebuilds.saveProgress(rebuildId, step.phase, step.processed, step.total), PROGRESS_EVERY_MS);
    let error: string | null = null;
    try {
      await this.rebuild(projection, (step) => progress.offer(step, step.phase !== 'replaying'));
    } catch (failure) {
      error = (failure as Error).message ?? String(failure);
    }
    await progress.flushed();
    await this.rebuilds.finish(rebuildId, error);
  }
}
