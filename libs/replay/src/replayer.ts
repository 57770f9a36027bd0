import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { PostgresEventStore } from '@app/event-store';
import { ReplayTargetUnavailableError, ReplayTopicError } from './errors';
import type { ReplayRecord } from './replay-record';
import { ReplayRepository } from './replay-repository';
import type { ReplaySelection } from './replay-request';
import { runReplay, type ReplayTarget } from './replay-runner';

export interface ReplayerLog {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const SILENT: ReplayerLog = { info: () => undefined, error: () => undefined };

export interface ReplayerOptions {
  pageSize?: number;
  log?: ReplayerLog;
}

/**
 * Starts, runs and resumes replays. Only one process runs a replay at a time: the runner holds a PostgreSQL
 * advisory lock for it, which the server releases by itself when that process dies, so another may resume.
 */
export class Replayer {
  readonly replays: ReplayRepository;
  private readonly running = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly log: ReplayerLog;

  constructor(
    private readonly pool: Pool,
    private readonly store: PostgresEventStore,
    private readonly target: ReplayTarget,
    private readonly options: ReplayerOptions = {},
  ) {
    this.replays = new ReplayRepository(pool);
    this.log = options.log ?? SILENT;
  }

  /** Records a replay of the selection as the store stands now (its head fixes the end). */
  async request(topic: string, selection: ReplaySelection, requestedBy: string | null = null): Promise<ReplayRecord> {
    await this.target.ensureTopic(topic).catch((error: Error) => {
      if (error instanceof ReplayTopicError) throw error;
      throw new ReplayTargetUnavailableError(`Kafka did not set up ${topic}: ${error.message}`);
    });
    // The visible head: everything before it has committed, so the selection and its count are fixed.
    const end = await this.store.visibleHeadCheckpoint();
    return this.replays.create({ replayId: randomUUID(), topic, selection, end, requestedBy });
  }

  /** Runs a replay in the background; the returned promise settles when it ends or is stopped. */
  launch(replayId: string, onProgress?: (processed: number) => void): Promise<void> {
    const existing = this.running.get(replayId);
    if (existing) return existing;
    // Never rejects: a replay that cannot run (the database is gone) stays running and resumes at the next start.
    const run = this.runLocked(replayId, onProgress)
      .catch((error: unknown) => this.log.error('replay could not run; it resumes at the next start', { replayId, error: String(error) }))
      .finally(() => this.running.delete(replayId));
    this.running.set(replayId, run);
    return run;
  }

  /** Picks up replays left running by a process that stopped or crashed. */
  async resumeUnfinished(): Promise<string[]> {
    const unfinished = await this.replays.running();
    for (const replay of unfinished) void this.launch(replay.replayId);
    return unfinished.map((replay) => replay.replayId);
  }

  /** Stops after the batch in flight; what was acknowledged is recorded, the rest resumes later. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.running.values()]);
  }

  private async runLocked(replayId: string, onProgress?: (processed: number) => void): Promise<void> {
    const lock = await this.pool.connect();
    try {
      const { rows } = await lock.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [`wirewatch.replay:${replayId}`]);
      if (!rows[0].locked) return this.log.info('replay runs elsewhere', { replayId });
      try {
        await this.run(replayId, onProgress);
      } finally {
        await lock.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`wirewatch.replay:${replayId}`]);
      }
    } finally {
      lock.release();
    }
  }

  private async run(replayId: string, onProgress?: (processed: number) => void): Promise<void> {
    const replay = await this.replays.find(replayId);
    if (!replay || replay.status !== 'running') return;
    this.log.info('replay started', { replayId, topic: replay.topic, from: replay.processed, total: replay.total });
    try {
      await this.target.ensureTopic(replay.topic);
      const outcome = await runReplay(this.store, this.target, this.replays, replay, {
        pageSize: this.options.pageSize,
        signal: this.stopping.signal,
        onProgress,
      });
      if (outcome === 'stopped') return this.log.info('replay paused; it resumes at the next start', { replayId });
      await this.replays.finish(replayId, { status: 'succeeded' });
      this.log.info('replay finished', { replayId });
    } catch (error) {
      this.log.error('replay failed', { replayId, error: String(error) });
      await this.replays.finish(replayId, { status: 'failed', error: (error as Error).message ?? String(error) });
    }
  }
}
