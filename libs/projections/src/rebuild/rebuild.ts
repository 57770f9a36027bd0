import type { PostgresEventStore } from '@app/event-store';
import { BEGINNING, type Checkpoint } from '@app/event-store';
import { applyCoding, type Clock } from '../core/apply-coding';
import { ReadModelState } from '../core/read-model-state';
import { writeChanges } from '../pg/change-writer';
import { beginGeneration, switchGeneration } from '../pg/generations';
import { READ_MODEL_EVENT_TYPES, readModelBatchHandler, recordedCodingOf, systemClock } from '../pg/read-model-projection';
import { READ_MODEL_TABLES, schemaOf, subscriptionOf } from '../schema/read-model-schema';

export type RebuildPhase = 'replaying' | 'writing' | 'catching-up' | 'switched';

export interface RebuildProgress {
  phase: RebuildPhase;
  processed: number;
  total: number;
}

export interface RebuildOptions {
  clock?: Clock;
  pageSize?: number;
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
 * generation (the API keeps serving the active one), writes it with its checkpoint in one transaction,
 * catches up through the live subscription code, then switches the pointer in one transaction. An
 * interrupted rebuild leaves an unused generation behind, which the next run drops.
 */
export async function rebuildReadModels(store: PostgresEventStore, options: RebuildOptions = {}): Promise<RebuildResult> {
  const started = Date.now();
  const clock = options.clock ?? systemClock;
  const progress = options.onProgress ?? (() => undefined);
  const generation = await beginGeneration(store.pool);
  const { rows } = await store.pool.query<{ count: string }>(`SELECT count(*) AS count FROM events WHERE event_type = ANY($1::text[])`, [[...READ_MODEL_EVENT_TYPES]]);
  const total = Number(rows[0].count);

  const state = new ReadModelState();
  let checkpoint: Checkpoint = BEGINNING;
  let processed = 0;
  for (;;) {
    const page = await store.readAll(checkpoint, options.pageSize ?? 5000, { types: [...READ_MODEL_EVENT_TYPES] });
    for (const event of page.events) {
      const coding = recordedCodingOf(event);
      if (coding) applyCoding(state, coding, clock);
    }
    processed += page.events.length;
    checkpoint = page.checkpoint;
    progress({ phase: 'replaying', processed, total: Math.max(total, processed) });
    if (page.isEnd) break;
  }
  const replaySeconds = (Date.now() - started) / 1000;

  progress({ phase: 'writing', processed, total: Math.max(total, processed) });
  await writeGeneration(store, generation, state, checkpoint);
  // Freshly filled tables have no statistics; without them the first queries would scan instead of using the indexes.
  for (const table of READ_MODEL_TABLES) await store.pool.query(`ANALYZE ${schemaOf(generation)}.${table}`);

  progress({ phase: 'catching-up', processed, total: Math.max(total, processed) });
  const subscription = store.subscribe({
    subscriptionId: subscriptionOf(generation),
    batchSize: 500,
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
  progress({ phase: 'switched', processed, total: Math.max(total, processed) });
  return { generation, events: processed, replaySeconds, totalSeconds: (Date.now() - started) / 1000 };
}

async function writeGeneration(store: PostgresEventStore, generation: number, state: ReadModelState, checkpoint: Checkpoint): Promise<void> {
  const client = await store.pool.connect();
  try {
    await client.query('BEGIN');
    await writeChanges(client, schemaOf(generation), state.takeChanges());
    await client.query(
      `INSERT INTO subscription_checkpoints (subscription_id, transaction_id, global_position) VALUES ($1, $2::xid8, $3)
       ON CONFLICT (subscription_id) DO UPDATE SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position, updated_at = now()`,
      [subscriptionOf(generation), checkpoint.transactionId.toString(), checkpoint.position.toString()],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
