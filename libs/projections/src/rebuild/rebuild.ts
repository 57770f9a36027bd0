import type { PostgresEventStore } from '@app/event-store';
import type { Clock } from '../core/apply-coding';
import { beginGeneration, switchGeneration } from '../pg/generations';
import { READ_MODEL_EVENT_TYPES, readModelBatchHandler, systemClock } from '../pg/read-model-projection';
import { subscriptionOf } from '../schema/read-model-schema';
import { replayOnWorkerThread } from './rebuild-thread';

export type RebuildPhase = 'replaying' | 'writing' | 'catching-up' | 'switched';

export interface RebuildProgress {
  phase: RebuildPhase;
  processed: number;
  total: number;
}

export interface RebuildOptions {
  /** The clock of alerts' `emittedAt`: read once for the replay, then per alert while catching up. */
  clock?: Clock;
  pageSize?: number;
  /** Connections that write the new generation side by side (default 2). */
  writers?: number;
  onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuildResult {
  generation: number;
  events: number;
  replaySeconds: number;
  totalSeconds: number;
}

/**
 * Blue/green rebuild of the read models: replays the store from position zero in memory into a fresh
 * generation (the API keeps serving the active one) and writes it with its checkpoint in one transaction, on a
 * worker thread; then catches up through the live subscription code and switches the pointer in one
 * transaction. An interrupted rebuild leaves an unused generation behind, which the next run drops.
 */
export async function rebuildReadModels(store: PostgresEventStore, options: RebuildOptions = {}): Promise<RebuildResult> {
  const started = Date.now();
  const clock = options.clock ?? systemClock;
  const progress = options.onProgress ?? (() => undefined);
  const generation = await beginGeneration(store.pool, { secondaryIndexes: false });
  const replay = await replayOnWorkerThread(store.pool, generation, {
    emittedAt: clock(),
    pageSize: options.pageSize,
    writers: options.writers ?? 2,
    onProgress: progress,
  });

  progress({ phase: 'catching-up', processed: replay.events, total: replay.events });
  const subscription = store.subscribe({
    subscriptionId: subscriptionOf(generation),
    batchSize: 500,
    maxBatchSize: 4000,
    listen: false,
    pollIntervalMs: 50,
    filter: { types: [...READ_MODEL_EVENT_TYPES] },
    handler: readModelBatchHandler(generation, clock),
  });
  await subscription.start();
  try {
    await subscription.waitFor(await store.headCheckpoint());
    await switchGeneration(store.pool, generation);
  } finally {
    await subscription.stop();
  }
  progress({ phase: 'switched', processed: replay.events, total: replay.events });
  return { generation, events: replay.events, replaySeconds: replay.replaySeconds, totalSeconds: (Date.now() - started) / 1000 };
}
