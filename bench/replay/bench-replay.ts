/**
 * npm run bench:replay — history out of the store: NDJSON over HTTP (≥ 1,000,000 events, the api's RSS
 * sampled over the stream) against readAll paging without HTTP, and a replay to Kafka through the api
 * against the same pages sent by a bare kafkajs producer. Writes bench/results/replay.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client, Pool } from 'pg';
import { migrateDatabase, PostgresEventStore } from '@app/event-store';
import { replayMigrations } from '@app/replay';
import { bareProducer, ndjsonOverHttp, readAllPaging, replayViaApi, type Figures } from './candidates';
import { seedEvents } from './seed';

const STREAM_EVENTS = Number(process.env.BENCH_STREAM_EVENTS ?? 1_000_000);
const REPLAY_EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 200_000);
const SERVER_URL = process.env.BENCH_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const DATABASE = 'ww_bench_replay';
const PORT = Number(process.env.BENCH_PORT ?? 3987);
/** The build this file belongs to (dist/), and the repository above it. */
const DIST = join(__dirname, '..', '..');
const ROOT = join(DIST, '..');

const databaseUrl = (name: string): string => Object.assign(new URL(SERVER_URL), { pathname: `/${name}` }).toString();

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function startApi(url: string): Promise<ChildProcess> {
  const api = spawn(process.execPath, [join(DIST, 'apps', 'api', 'src', 'main.js')], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), WIREWATCH_API_KEYS: '', LOG_LEVEL: 'error', KAFKA_BROKERS: BROKERS.join(',') },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let attempt = 0; attempt < 240; attempt += 1) {
    if (api.exitCode !== null) throw new Error('the api exited at start');
    if (await fetch(`http://127.0.0.1:${PORT}/health`).then((response) => response.status < 500, () => false)) return api;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the api did not answer within 60 s');
}

const row = (name: string, figures: Figures, baseline?: Figures) =>
  `| ${name} | ${figures.events.toLocaleString('en-US')} | ${figures.seconds} | **${figures.eventsPerSecond.toLocaleString('en-US')}** | ` +
  `${baseline ? (figures.eventsPerSecond / baseline.eventsPerSecond).toFixed(2) : '1.00'} | ${figures.memory.startMiB} → ${figures.memory.peakMiB} (end ${figures.memory.endMiB}) | ${figures.memory.byProgressMiB.join(' ')} |`;

async function main(): Promise<void> {
  const began = Date.now();
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DATABASE}`);
  const url = databaseUrl(DATABASE);
  await migrateDatabase(url, replayMigrations);
  const pool = new Pool({ connectionString: url, max: 6 });
  const store = new PostgresEventStore(pool, { notify: false });

  const seeding = Date.now();
  await seedEvents(pool, 'ReplayBench', 0, REPLAY_EVENTS);
  await seedEvents(pool, 'StreamBench', REPLAY_EVENTS, Math.max(0, STREAM_EVENTS - REPLAY_EVENTS));
  await pool.query('VACUUM (ANALYZE) events');
  console.log(`seeded ${STREAM_EVENTS.toLocaleString('en-US')} events in ${((Date.now() - seeding) / 1000).toFixed(1)} s; ${cpus().length} cores`);

  const api = await startApi(url);
  const kafka = new Kafka({ clientId: 'bench-replay', brokers: BROKERS, logLevel: logLevel.NOTHING });
  const suffix = Date.now().toString(36);
  try {
    const paging = await readAllPaging(store);
    console.log('readAll paging done', paging.eventsPerSecond);
    const ndjson = await ndjsonOverHttp(`http://127.0.0.1:${PORT}`, api.pid!);
    console.log('NDJSON done', ndjson.eventsPerSecond);
    const replay = await replayViaApi(`http://127.0.0.1:${PORT}`, api.pid!, `replay.bench-api-${suffix}`, ['ReplayBench']);
    console.log('replay done', replay.eventsPerSecond);
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await kafkaAdmin.createTopics({ topics: [{ topic: `replay.bench-bare-${suffix}`, numPartitions: 1 }], waitForLeaders: true });
    await kafkaAdmin.disconnect();
    const bare = await bareProducer(store, kafka, `replay.bench-bare-${suffix}`, ['ReplayBench']);

    const table = [
      '| path | events | s | events/s | × baseline | RSS MiB start → peak | RSS MiB at 10 %…100 % |',
      '|---|---|---|---|---|---|---|',
      row('baseline: readAll paging + JSON, no HTTP (bench process)', paging),
      row('GET /api/v1/events as NDJSON (api process)', ndjson, paging),
      row('baseline: readAll → bare kafkajs producer (bench process)', bare),
      row('POST /api/v1/replays → replay topic (api process)', replay, bare),
    ].join('\n');
    console.log(`\n${table}\n`);
    const results = {
      date: new Date().toISOString(),
      machine: { cores: cpus().length, node: process.version },
      events: { stream: STREAM_EVENTS, replay: REPLAY_EVENTS },
      ndjson: { candidate: ndjson, baseline: { name: 'readAll paging + JSON.stringify, no HTTP', ...paging }, ratio: ndjson.eventsPerSecond / paging.eventsPerSecond },
      replay: { candidate: replay, baseline: { name: 'readAll pages → bare idempotent kafkajs producer, no progress', ...bare }, ratio: replay.eventsPerSecond / bare.eventsPerSecond },
      totalSeconds: Math.round((Date.now() - began) / 1000),
    };
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'replay.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`wrote bench/results/replay.json (${results.totalSeconds} s in all)`);
  } finally {
    const exited = new Promise((resolve) => api.once('exit', resolve));
    api.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    await pool.end();
    await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`).catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
