/**
 * npm run bench:store — this store's append against Emmett's appendToStream and a bare unnest INSERT,
 * interleaved round by round on one database, then a readAll catch-up over ≥ 1,000,000 events.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { migrateDatabase, PostgresEventStore } from '@app/event-store';
import { fillEvents, readAllCatchUp, subscriptionCatchUp, type CatchUpFigures } from './catch-up';
import { EmmettProcess } from './emmett-process';
import { PAYLOAD_BYTES } from './payload';
import { figuresOf, markdownTable } from './report';
import { BARE_TABLE_SQL, bareCalls, wirewatchCalls } from './wirewatch-candidate';
import { measureRate, WORKLOADS, type CandidateName, type CellTiming } from './workloads';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const ROUNDS = env('BENCH_ROUNDS', 3);
const TIMING: CellTiming = { warmupMs: env('BENCH_WARMUP_MS', 1000), measureMs: env('BENCH_MEASURE_MS', 4000) };
const CATCH_UP_EVENTS = env('BENCH_CATCHUP_EVENTS', 1_000_000);
const ONLY = process.env.BENCH_ONLY?.split(',');
const SERVER_URL = process.env.BENCH_DATABASE_SERVER_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'ww_bench_store';
const CANDIDATES: CandidateName[] = ['wirewatch', 'emmett', 'bare'];

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function recreateDatabase(): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
}

async function dropDatabase(): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.end();
}

async function emptyTables(pool: Pool): Promise<void> {
  const { rows } = await pool.query(
    `SELECT string_agg(quote_ident(tablename), ', ') AS tables FROM pg_tables
     WHERE schemaname = 'public' AND tablename IN
       ('events', 'event_streams', 'event_idempotency_keys', 'subscription_checkpoints', 'bare_events', 'emt_messages', 'emt_streams')`,
  );
  await pool.query(`TRUNCATE ${rows[0].tables}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const url = databaseUrl(DATABASE);
  await recreateDatabase();
  await migrateDatabase(url);
  const pool = new Pool({ connectionString: url, max: 20 });
  await pool.query(BARE_TABLE_SQL);
  const store = new PostgresEventStore(pool);
  const emmett = await EmmettProcess.start(url);
  const { rows } = await pool.query('SHOW server_version');
  console.log(`PostgreSQL ${rows[0].server_version}, ${cpus().length} cores, payload ${PAYLOAD_BYTES} B, ` +
    `${ROUNDS} rounds × (${TIMING.warmupMs} ms warm-up + ${TIMING.measureMs} ms)`);

  const workloads = WORKLOADS.filter((workload) => !ONLY || ONLY.includes(workload.id));
  const rates = new Map(workloads.map((w) => [w.id, { wirewatch: [], emmett: [], bare: [] } as Record<CandidateName, number[]>]));
  let cellNumber = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const workload of workloads) {
      const order = CANDIDATES.map((_, index) => CANDIDATES[(index + round) % CANDIDATES.length]);
      for (const candidate of order) {
        await emptyTables(pool);
        const cell = `c${(cellNumber += 1)}`;
        const rate =
          candidate === 'emmett'
            ? await emmett.run(workload, cell, TIMING)
            : await measureRate(
                workload.writers,
                candidate === 'wirewatch' ? wirewatchCalls(store, workload, cell) : bareCalls(pool, workload, cell),
                TIMING,
              );
        rates.get(workload.id)![candidate].push(rate);
        console.log(`round ${round + 1} ${workload.id.padEnd(8)} ${candidate.padEnd(9)} ${Math.round(rate)} events/s`);
      }
    }
  }
  await emmett.stop();
  const figures = workloads.map((workload) => figuresOf(workload, rates.get(workload.id)!));

  await emptyTables(pool);
  const fillSeconds = await fillEvents(pool, CATCH_UP_EVENTS);
  console.log(`filled ${CATCH_UP_EVENTS} events in ${fillSeconds.toFixed(1)} s`);
  const catchUp: Record<string, CatchUpFigures> = {};
  catchUp.readAllPages1000 = await readAllCatchUp(store, 1000);
  console.log(`readAll, pages of 1000, first pass: ${Math.round(catchUp.readAllPages1000.eventsPerSecond)} events/s`);
  catchUp.readAllPages1000SecondPass = await readAllCatchUp(store, 1000);
  console.log(`readAll, pages of 1000, second pass: ${Math.round(catchUp.readAllPages1000SecondPass.eventsPerSecond)} events/s`);
  catchUp.subscriptionBatches1000 = await subscriptionCatchUp(store, CATCH_UP_EVENTS, 1000);
  console.log(`subscription, batches of 1000: ${Math.round(catchUp.subscriptionBatches1000.eventsPerSecond)} events/s`);
  await store.close();
  await pool.end();
  await dropDatabase();

  const table = markdownTable(figures);
  console.log(`\nevents/s, min / **median** / max over ${ROUNDS} interleaved rounds\n\n${table}\n`);
  const results = {
    measuredAt: new Date().toISOString(),
    postgres: rows[0].server_version,
    cores: cpus().length,
    payloadBytes: PAYLOAD_BYTES,
    rounds: ROUNDS,
    timing: TIMING,
    workloads: figures,
    catchUp: { events: CATCH_UP_EVENTS, fillSeconds, ...catchUp },
    durationSeconds: (Date.now() - started) / 1000,
    table,
  };
  const out = join(__dirname, '..', '..', '..', 'bench', 'results');
  mkdirSync(out, { recursive: true });
  // A partial run (BENCH_ONLY) must not replace the full results.
  const file = join(out, ONLY ? 'store.partial.tmp.json' : 'store.json');
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`wrote ${file} after ${results.durationSeconds.toFixed(0)} s`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
