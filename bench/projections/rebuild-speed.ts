import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ReportCoded } from '@app/contracts';
import type { PostgresEventStore } from '@app/event-store';
import {
  activeGeneration,
  beginGeneration,
  READ_MODEL_EVENT_TYPES,
  readModelBatchHandler,
  rebuildReadModels,
  replayIntoGeneration,
  subscriptionOf,
  type WarmWorkingSet,
} from '@app/projections';
import { storeWorld } from './world';

export interface RateFigure {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

const rate = (events: number, seconds: number): RateFigure => ({ events, seconds, eventsPerSecond: Math.round(events / seconds) });

/**
 * The live subscription code on the full active generation: `codings` are appended after it and timed until
 * projected, in batches of 500 growing to `maxBatchSize` while behind. Each batch loads what it touches from full
 * tables (unless a warm working set kept it from earlier batches), which the figure from empty tables (below)
 * does not show.
 */
export async function fullGenerationCatchUpRate(
  store: PostgresEventStore,
  codings: Iterable<ReportCoded['data']>,
  maxBatchSize: number,
  warm: WarmWorkingSet | null,
): Promise<RateFigure> {
  const generation = await activeGeneration(store.pool);
  await storeWorld(store.pool, codings, () => undefined);
  const head = await store.headCheckpoint();
  let events = 0;
  const handler = readModelBatchHandler(generation, undefined, warm ?? undefined);
  const subscription = store.subscribe({
    subscriptionId: subscriptionOf(generation),
    batchSize: 500,
    maxBatchSize,
    listen: false,
    pollIntervalMs: 50,
    filter: { types: [...READ_MODEL_EVENT_TYPES] },
    handler: async (batch, tx, range) => {
      await handler(batch, tx, range);
      events += batch.length;
    },
    afterCommit: (range) => warm?.committed(range),
  });
  const started = Date.now();
  await subscription.start();
  await subscription.waitFor(head);
  await subscription.stop();
  return rate(events, (Date.now() - started) / 1000);
}

/**
 * The live subscription code from position zero for a fixed time, in a generation of its own: with batch
 * size 1 it is the naive one-transaction-per-event projector (the baseline); with 500, the live projector
 * catching up. Both start on empty tables, which flatters them.
 */
export async function subscriptionRate(store: PostgresEventStore, batchSize: number, seconds: number): Promise<RateFigure> {
  const generation = await beginGeneration(store.pool);
  let events = 0;
  const subscription = store.subscribe({
    subscriptionId: subscriptionOf(generation),
    batchSize,
    listen: false,
    filter: { types: [...READ_MODEL_EVENT_TYPES] },
    handler: async (batch, tx) => {
      await readModelBatchHandler(generation)(batch, tx);
      events += batch.length;
    },
  });
  const started = Date.now();
  await subscription.start();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  await subscription.stop();
  const counted = events;
  return rate(counted, (Date.now() - started) / 1000);
}

/** How long the rebuilding process's own event loop was held up (HTTP answers and timers wait that long). */
export interface EventLoopDelay {
  p99Ms: number;
  maxMs: number;
}

/** Runs `work` and measures the delays of this thread's event loop meanwhile. */
async function withEventLoopDelay<T>(work: () => Promise<T>): Promise<[T, EventLoopDelay]> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    const result = await work();
    return [result, { p99Ms: Math.round(histogram.percentile(99) / 1e6), maxMs: Math.round(histogram.max / 1e6) }];
  } finally {
    histogram.disable();
  }
}

export interface RebuildFigure extends RateFigure {
  eventLoopDelay: EventLoopDelay;
  replaySeconds: number;
  replayEventsPerSecond: number;
  storedEvents: number;
  storedEventsPerSecond: number;
}

/** `wirewatch rebuild` as a function: replay in memory, write, catch up, switch. */
export async function rebuildRate(store: PostgresEventStore, storedEvents: number, onProgress: (line: string) => void): Promise<RebuildFigure> {
  let last = 0;
  const [result, eventLoopDelay] = await withEventLoopDelay(() =>
    rebuildReadModels(store, {
      onProgress: ({ phase, processed, total }) => {
        if (Date.now() - last < 5000 && phase === 'replaying') return;
        onProgress(`rebuild ${phase} ${processed}/${total}`);
        last = Date.now();
      },
    }),
  );
  return {
    ...rate(result.events, result.totalSeconds),
    eventLoopDelay,
    replaySeconds: result.replaySeconds,
    replayEventsPerSecond: Math.round(result.events / result.replaySeconds),
    storedEvents,
    storedEventsPerSecond: Math.round(storedEvents / result.totalSeconds),
  };
}

export interface CallingThreadFigure extends RateFigure {
  eventLoopDelay: EventLoopDelay;
}

/**
 * The baseline for the rebuild's worker thread: the same replay and write on the calling thread, into a
 * generation that is never switched to (the next rebuild drops it).
 */
export async function callingThreadReplayRate(store: PostgresEventStore): Promise<CallingThreadFigure> {
  const generation = await beginGeneration(store.pool, { secondaryIndexes: false });
  const started = Date.now();
  const [result, eventLoopDelay] = await withEventLoopDelay(() => replayIntoGeneration(store, generation, { emittedAt: new Date().toISOString() }));
  return { ...rate(result.events, (Date.now() - started) / 1000), eventLoopDelay };
}
