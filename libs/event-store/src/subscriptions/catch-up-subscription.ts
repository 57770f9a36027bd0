import type { PoolClient } from 'pg';
import { compareCheckpoints, isAfter, type Checkpoint } from '../checkpoint';
import { CheckpointConflictError, EventStoreError } from '../errors';
import type { PostgresEventStore } from '../postgres-event-store';
import type { ReadAllFilter, StoredEvent } from '../types';
import { compareAndSetCheckpoint, ensureCheckpoint, loadCheckpoint } from './checkpoint-store';
import { initialCheckpoint, retryDelay, type SubscriptionStart } from './subscription-start';
import { EventsListener, Wakeup } from './wakeup';

/** Quick re-reads after a notification that found nothing new (50 ms doubling to 1.6 s, ~40 s in all), then plain polling. */
const HELD_BACK_RETRIES = 30;

/** The stretch of the log a batch covers: from the checkpoint stored before it to the one after it. */
export interface BatchRange {
  from: Checkpoint;
  to: Checkpoint;
}

/** Handles one batch inside the transaction that also moves the checkpoint past it. */
export type BatchHandler = (events: StoredEvent[], tx: PoolClient, range: BatchRange) => Promise<void>;

export interface SubscriptionOptions {
  subscriptionId: string;
  /** Where to begin when no checkpoint is stored yet (default 'beginning'). */
  from?: SubscriptionStart;
  batchSize?: number;
  /**
   * While pages come back full (a backlog), each next batch doubles, up to this; a page that is not full brings it
   * back to `batchSize`. Catching up then pays a batch's fixed costs (its transaction, the read-model rows it
   * loads and rewrites) over more events, while a subscription that keeps up still hands over small batches
   * soon after each commit. Default: `batchSize` (fixed batches).
   */
  maxBatchSize?: number;
  filter?: ReadAllFilter;
  handler: BatchHandler;
  /**
   * Called once a batch's transaction has committed (also one whose events the filter all skipped), before the
   * next batch is read. A handler that keeps what it wrote in memory learns here that it became the stored
   * state; a batch that fails never gets here.
   */
  afterCommit?: (range: BatchRange) => void;
  /** The safety net when a notification is lost or a transaction elsewhere held readers back. */
  pollIntervalMs?: number;
  /** LISTEN for commits of other processes (default true). */
  listen?: boolean;
  onError?: (error: unknown) => void;
  retryBaseMs?: number;
  retryMaxMs?: number;
}

/**
 * Reads batches after its checkpoint and hands each to the handler in a transaction that moves the
 * checkpoint by compare-and-set, so effects and checkpoint commit together and two instances never
 * both apply a batch.
 */
export class CatchUpSubscription {
  private current: Checkpoint | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private failures = 0;
  private readonly wakeup = new Wakeup();
  private wokenBySignal = false;
  /** Reads in a row since a notification that found nothing new (see `idle`). */
  private heldBackReads = 0;
  private readonly listener: EventsListener;
  private readonly stopLocalWake: () => void;
  private readonly waiters: { target: Checkpoint; resolve: () => void }[] = [];

  constructor(
    private readonly store: PostgresEventStore,
    private readonly options: SubscriptionOptions,
  ) {
    this.listener = new EventsListener(store.pool, () => this.wakeup.signal());
    this.stopLocalWake = store.notifier.onLocalCommit(() => this.wakeup.signal());
  }

  get subscriptionId(): string {
    return this.options.subscriptionId;
  }

  /** The checkpoint of the last batch committed by this instance (or loaded at start). */
  get checkpoint(): Checkpoint | null {
    return this.current;
  }

  async start(): Promise<void> {
    if (this.running) throw new EventStoreError('SUBSCRIPTION_STATE', `Subscription ${this.subscriptionId} already started`);
    this.stopping = false;
    const head = this.options.from === 'now' ? await this.store.visibleHeadCheckpoint() : undefined;
    await ensureCheckpoint(this.store.pool, this.subscriptionId, initialCheckpoint(this.options.from ?? 'beginning', head!));
    this.current = await loadCheckpoint(this.store.pool, this.subscriptionId);
    if (this.options.listen ?? true) await this.listener.connect().catch(() => undefined);
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeup.signal();
    await this.running;
    this.running = null;
    this.stopLocalWake();
    await this.listener.close();
  }

  /** Resolves once this instance's checkpoint has reached `target` (e.g. an append's checkpoint). */
  waitFor(target: Checkpoint): Promise<void> {
    if (this.current && compareCheckpoints(this.current, target) >= 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ target, resolve }));
  }

  private async loop(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const maxBatchSize = Math.max(batchSize, this.options.maxBatchSize ?? batchSize);
    let size = batchSize;
    while (!this.stopping) {
      try {
        const page = await this.store.readAll(this.current!, size, this.options.filter);
        const moved = isAfter(page.checkpoint, this.current!);
        if (moved) await this.handle(page.events, page.checkpoint);
        this.failures = 0;
        size = page.isEnd ? batchSize : Math.min(size * 2, maxBatchSize);
        if (page.isEnd) await this.idle(moved);
      } catch (error) {
        size = batchSize;
        this.failures += 1;
        if (error instanceof CheckpointConflictError) {
          // Another instance moved the checkpoint: it may already be past what callers wait for, and reads from
          // there may find nothing more to hand over.
          this.current = (await loadCheckpoint(this.store.pool, this.subscriptionId).catch(() => null)) ?? this.current;
          if (this.current) this.resolveWaiters(this.current);
        }
        this.options.onError?.(error);
        await this.wakeup.sleep(retryDelay(this.failures, this.options.retryBaseMs ?? 100, this.options.retryMaxMs ?? 5000));
      }
    }
  }

  /**
   * Sleeps until a notification or the next poll. A read that a notification woke but that found nothing new was
   * most likely held back: readers stay below the oldest transaction still open anywhere on the server, which no
   * notification of ours reports the end of. Such reads are retried soon, backing off, before polling resumes.
   */
  private async idle(moved: boolean): Promise<void> {
    if ((this.options.listen ?? true) && !this.listener.connected) await this.listener.connect().catch(() => undefined);
    if (moved) this.heldBackReads = 0;
    else if (this.wokenBySignal || this.heldBackReads > 0) this.heldBackReads += 1;
    if (this.heldBackReads > HELD_BACK_RETRIES) this.heldBackReads = 0;
    const poll = this.options.pollIntervalMs ?? 500;
    const soon = this.heldBackReads > 0 ? Math.min(poll, 25 * 2 ** Math.min(this.heldBackReads, 6)) : poll;
    this.wokenBySignal = await this.wakeup.sleep(soon);
  }

  /** Moves the checkpoint to `next` and applies the events (none when a filter skipped them all) in one transaction. */
  private async handle(events: StoredEvent[], next: Checkpoint): Promise<void> {
    const from = this.current!;
    const tx = await this.store.pool.connect();
    let released = false;
    try {
      await tx.query('BEGIN');
      if (!(await compareAndSetCheckpoint(tx, this.subscriptionId, from, next))) {
        throw new CheckpointConflictError(this.subscriptionId);
      }
      if (events.length > 0) await this.options.handler(events, tx, { from, to: next });
      await tx.query('COMMIT');
    } catch (error) {
      await tx.query('ROLLBACK').catch((rollbackError: Error) => {
        tx.release(rollbackError);
        released = true;
      });
      throw error;
    } finally {
      if (!released) tx.release();
    }
    this.current = next;
    this.options.afterCommit?.({ from, to: next });
    this.resolveWaiters(next);
  }

  private resolveWaiters(reached: Checkpoint): void {
    for (let index = this.waiters.length - 1; index >= 0; index -= 1) {
      if (compareCheckpoints(reached, this.waiters[index].target) >= 0) {
        this.waiters[index].resolve();
        this.waiters.splice(index, 1);
      }
    }
  }
}
