import type { PoolClient } from 'pg';
import type { ReportCoded } from '@app/contracts';
import type { BatchRange, StoredEvent } from '@app/event-store';
import { applyCoding, type Clock } from '../core/apply-coding';
import type { RecordedCoding } from '../core/coding-diff';
import { schemaOf } from '../schema/read-model-schema';
import { notifyChanges, writeChanges } from './change-writer';
import type { WarmWorkingSet } from './warm-working-set';
import { loadWorkingSet } from './working-set-loader';

/** The event types the read models read; a subscription filters on them. */
export const READ_MODEL_EVENT_TYPES = ['ReportCoded'] as const;

export const systemClock: Clock = () => new Date().toISOString();

export function recordedCodingOf(event: StoredEvent): RecordedCoding | null {
  if (event.type !== 'ReportCoded') return null;
  return { coded: (event.data as ReportCoded['data']), recordedAt: event.recordedAt.toISOString() };
}

/** A subscription's `BatchHandler`; called on its own (no range), it loads everything it reads. */
export type ReadModelBatchHandler = (events: StoredEvent[], tx: PoolClient, range?: BatchRange) => Promise<void>;

/**
 * The live adapter: for each batch, loads the working set it touches, applies the codings in order and
 * writes rows, alerts and a change notification in the subscription's transaction. With `warm` (whose
 * `committed` must then be the subscription's `afterCommit`), what earlier batches loaded and wrote is not
 * read again.
 */
export function readModelBatchHandler(generation: number, clock: Clock = systemClock, warm?: WarmWorkingSet): ReadModelBatchHandler {
  const schema = schemaOf(generation);
  return async (events, tx, range) => {
    const codings = events.map(recordedCodingOf).filter((coding): coding is RecordedCoding => coding !== null);
    const kept = range && warm?.begin(range);
    if (codings.length === 0) return;
    const state = await loadWorkingSet(tx, schema, codings, kept?.state, kept?.loaded);
    for (const coding of codings) applyCoding(state, coding, clock);
    const changes = state.takeChanges();
    await writeChanges(tx, schema, changes);
    await notifyChanges(tx, generation, changes);
  };
}
