import type { Pool } from 'pg';
import { BEGINNING, type PostgresEventStore } from '@app/event-store';
import { payload } from './payload';

const FILL_SQL = `
INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
SELECT 'catchup-' || (g / 10), g % 10 + 1, gen_random_uuid(), 'BenchEvent', 1,
       $1::jsonb || jsonb_build_object('seq', g), jsonb_build_object('correlationId', gen_random_uuid())
FROM generate_series($2::int, $3::int) AS g`;

/** Fills the log server-side, one transaction per chunk, and returns how long it took. */
export async function fillEvents(pool: Pool, total: number, chunk = 100_000): Promise<number> {
  const started = process.hrtime.bigint();
  for (let first = 0; first < total; first += chunk) {
    const last = Math.min(total, first + chunk) - 1;
    await pool.query(FILL_SQL, [JSON.stringify(payload(first)), first, last]);
  }
  await pool.query('VACUUM (ANALYZE) events');
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export interface CatchUpFigures {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/** Pages through the whole log with readAll, as a catch-up reader does. */
export async function readAllCatchUp(store: PostgresEventStore, pageSize: number): Promise<CatchUpFigures> {
  const started = process.hrtime.bigint();
  let checkpoint = BEGINNING;
  let events = 0;
  for (;;) {
    const page = await store.readAll(checkpoint, pageSize);
    events += page.events.length;
    checkpoint = page.checkpoint;
    if (page.isEnd) break;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { events, seconds, eventsPerSecond: events / seconds };
}

/** A catch-up subscription with a no-op handler: each batch also commits its checkpoint. */
export async function subscriptionCatchUp(store: PostgresEventStore, total: number, batchSize: number): Promise<CatchUpFigures> {
  const started = process.hrtime.bigint();
  let events = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const subscription = store.subscribe({
    subscriptionId: `bench-catch-up-${batchSize}`,
    from: 'beginning',
    batchSize,
    listen: false,
    handler: async (batch) => {
      events += batch.length;
      if (events >= total) done();
    },
  });
  await subscription.start();
  await finished;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await subscription.stop();
  return { events, seconds, eventsPerSecond: events / seconds };
}
