import type { PoolClient } from 'pg';
import type { Instant } from '@app/escalation';
import type { PostgresEventStore } from '@app/event-store';
import { BEGINNING, type Checkpoint } from '@app/event-store';
import { applyCoding, settleDyads, type DyadTouches } from '../core/apply-coding';
import { ReadModelState } from '../core/read-model-state';
import { writeAlerts } from '../pg/change-writer';
import { copyInto, tableCopies } from '../pg/copy-rows';
import { READ_MODEL_EVENT_TYPES, recordedCodingOf } from '../pg/read-model-projection';
import { READ_MODEL_TABLES, readModelIndexDdl, schemaOf, subscriptionOf } from '../schema/read-model-schema';

export type ReplayPhase = 'replaying' | 'writing';

export interface ReplayProgress {
  phase: ReplayPhase;
  processed: number;
  total: number;
}

export interface ReplayOptions {
  /** When the alerts a replay raises were emitted (offers new to the outbox); a replay runs as of one instant. */
  emittedAt: Instant;
  pageSize?: number;
  /** Connections that write the generation side by side. */
  writers?: number;
  onProgress?: (progress: ReplayProgress) => void;
}

export interface ReplayResult {
  events: number;
  /** Where the generation's subscription goes on from. */
  checkpoint: Checkpoint;
  replaySeconds: number;
}

/**
 * Replays the store from position zero in memory and writes the result into a generation begun empty, with
 * its checkpoint: everything of a rebuild but the catch-up and the switch. CPU-bound for its whole length,
 * so a rebuild runs it on a worker thread (rebuild-thread.ts).
 */
export async function replayIntoGeneration(store: PostgresEventStore, generation: number, options: ReplayOptions): Promise<ReplayResult> {
  const started = Date.now();
  const progress = options.onProgress ?? (() => undefined);
  const clock = () => options.emittedAt;
  const { rows } = await store.pool.query<{ count: string }>(`SELECT count(*) AS count FROM events WHERE event_type = ANY($1::text[])`, [[...READ_MODEL_EVENT_TYPES]]);
  const total = Number(rows[0].count);

  const state = new ReadModelState();
  const dyadTouches: DyadTouches = new Map();
  const filter = { types: [...READ_MODEL_EVENT_TYPES] };
  const pageSize = options.pageSize ?? 5000;
  let checkpoint: Checkpoint = BEGINNING;
  let processed = 0;
  // The next page is read while this one is applied: PostgreSQL and the replay work side by side.
  let reading = store.readAll(checkpoint, pageSize, filter);
  for (;;) {
    const page = await reading;
    if (!page.isEnd) reading = store.readAll(page.checkpoint, pageSize, filter);
    for (const event of page.events) {
      const coding = recordedCodingOf(event);
      if (coding) applyCoding(state, coding, clock, dyadTouches);
    }
    processed += page.events.length;
    checkpoint = page.checkpoint;
    progress({ phase: 'replaying', processed, total: Math.max(total, processed) });
    if (page.isEnd) break;
  }
  settleDyads(state, dyadTouches);
  const replaySeconds = (Date.now() - started) / 1000;

  progress({ phase: 'writing', processed, total: Math.max(total, processed) });
  await writeGeneration(store, generation, state, checkpoint, options.writers ?? 2);
  return { events: processed, checkpoint, replaySeconds };
}

/**
 * Fills the new generation's (empty) tables with COPY over several connections at once, then builds the
 * secondary indexes and statistics, and only then writes the alerts and the checkpoint in one transaction.
 * Nothing reads a generation before the switch, and one left without a checkpoint by an interruption is
 * dropped by the next rebuild.
 */
async function writeGeneration(store: PostgresEventStore, generation: number, state: ReadModelState, checkpoint: Checkpoint, writers: number): Promise<void> {
  const schema = schemaOf(generation);
  const changes = state.takeChanges();
  await sideBySide(store, tableCopies(changes), writers, (client, copy) => copyInto(client, schema, copy));
  const run = (client: PoolClient, text: string) => client.query(text);
  await sideBySide(store, readModelIndexDdl(schema), writers, run);
  // Freshly filled tables have no statistics; without them the first queries would scan instead of using the indexes.
  await sideBySide(store, READ_MODEL_TABLES.map((table) => `ANALYZE ${schema}.${table}`), writers, run);
  const client = await store.pool.connect();
  try {
    await client.query('BEGIN');
    await writeAlerts(client, changes);
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

/** Works through `items` on up to `writers` connections at once; the first failure stops the rest. */
async function sideBySide<T>(store: PostgresEventStore, items: readonly T[], writers: number, work: (client: PoolClient, item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  let failed = false;
  const writer = async () => {
    const client = await store.pool.connect();
    try {
      for (let item = queue.shift(); item !== undefined && !failed; item = queue.shift()) await work(client, item);
      client.release();
    } catch (error) {
      failed = true;
      client.release(error as Error);
      throw error;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, writers) }, writer));
}
