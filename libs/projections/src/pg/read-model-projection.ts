import type { PoolClient } from 'pg';
import type { ReportCoded } from '@app/contracts';
import type { BatchHandler, StoredEvent } from '@app/event-store';
import { applyCoding, type Clock } from '../core/apply-coding';
import type { RecordedCoding } from '../core/coding-diff';
import { schemaOf } from '../schema/read-model-schema';
import { notifyChanges, writeChanges } from './change-writer';
import { loadWorkingSet } from './working-set-loader';

/** The event types the read models read; a subscription filters on them. */
export const READ_MODEL_EVENT_TYPES = ['ReportCoded'] as const;

export const systemClock: Clock = () => new Date().toISOString();

export function recordedCodingOf(event: StoredEvent): RecordedCoding | null {
  if (event.type !== 'ReportCoded') return null;
  return { coded: (event.data as ReportCoded['data']), recordedAt: event.recordedAt.toISOString() };
}

/**
 * The live adapter: for each batch, loads the working set it touches, applies the codings in order and
 * writes rows, alerts and a change notification in the subscription's transaction.
 */
export function readModelBatchHandler(generation: number, clock: Clock = systemClock): BatchHandler {
  const schema = schemaOf(generation);
  return async (events: StoredEvent[], tx: PoolClient) => {
    const codings = events.map(recordedCodingOf).filter((coding): coding is RecordedCoding => coding !== null);
    if (codings.length === 0) return;
    const state = await loadWorkingSet(tx, schema, codings);
    for (const coding of codings) applyCoding(state, coding, clock);
    const changes = state.takeChanges();
    await writeChanges(tx, schema, changes);
    await notifyChanges(tx, generation, changes);
  };
}
