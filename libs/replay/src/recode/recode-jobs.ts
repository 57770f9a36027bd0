import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { PostgresEventStore } from '@app/event-store';
import { ExclusiveJobs, JobBusyError, throttledSaver } from '../jobs/exclusive-jobs';
import { selectionCountQuery } from '../selection-sql';
import { recodeReports, type RecodeTally } from './recoder';
import { RecodingRepository } from './recoding-repository';
import type { RecodingCoder } from './recoding';

export class RecodeBusyError extends JobBusyError {}

export interface RecodeRange {
  from?: Date;
  until?: Date;
}

const LOCK = 'wirewatch.report-recode';
const PROGRESS_EVERY_MS = 500;

/** How many stored reports were received in the range, as of what is visible now. */
export async function countReceivedReports(pool: Pool, store: PostgresEventStore, range: RecodeRange): Promise<number> {
  const query = selectionCountQuery({ types: ['WireReportReceived'], ...range }, await store.visibleHeadCheckpoint());
  const { rows } = await pool.query<{ total: string }>(query.text, query.values);
  return Number(rows[0].total);
}

/**
 * Re-codings as background jobs (`POST /api/v1/replays {kind:"recode"}`): one at a time across processes, with
 * their progress and tally in `report_recodings`. A re-coding cut off by a crash can simply be requested again:
 * reports whose newest coding already matches the coder are left unchanged.
 */
export class RecodeJobs {
  readonly recodings: RecodingRepository;
  private readonly jobs: ExclusiveJobs;
  private readonly running = new Set<AbortController>();

  constructor(
    private readonly pool: Pool,
    private readonly store: PostgresEventStore,
    private readonly coder: RecodingCoder,
  ) {
    this.recodings = new RecodingRepository(pool);
    this.jobs = new ExclusiveJobs(pool, LOCK);
  }

  failAbandoned(): Promise<number> {
    return this.jobs.whileIdle(() => this.recodings.failAbandoned('interrupted: the process running it stopped; request it again (reports already re-coded stay so)'), 0);
  }

  async request(range: RecodeRange, requestedBy: string | null): Promise<{ replayId: string }> {
    const recodeId = randomUUID();
    await this.jobs.start(
      () => new RecodeBusyError('a re-coding is already running; wait for it to finish'),
      async () => {
        const total = await countReceivedReports(this.pool, this.store, range);
        await this.recodings.create({ recodeId, coderVersion: this.coder.version, ...range, total, requestedBy });
      },
      () => this.run(recodeId, range),
    );
    return { replayId: recodeId };
  }

  /** Stops a running re-coding between two reports (it is then marked failed, to be requested again). */
  async stop(): Promise<void> {
    for (const controller of this.running) controller.abort();
    await this.jobs.settled();
  }

  private async run(recodeId: string, range: RecodeRange): Promise<void> {
    const progress = throttledSaver<RecodeTally>((tally) => this.recodings.saveProgress(recodeId, tally), PROGRESS_EVERY_MS);
    const controller = new AbortController();
    this.running.add(controller);
    let error: string | null = null;
    try {
      const tally = await recodeReports(this.store, this.coder, { ...range, signal: controller.signal, onProgress: (current) => progress.offer({ ...current }) });
      progress.offer(tally, true);
      if (controller.signal.aborted) error = 'interrupted: the process was stopping; request it again (reports already re-coded stay so)';
    } catch (failure) {
      error = (failure as Error).message ?? String(failure);
    } finally {
      this.running.delete(controller);
    }
    await progress.flushed();
    await this.recodings.finish(recodeId, error);
  }
}
