/**
 * npm run bench:projections — rebuild speed over ≥ 1,000,000 stored events against the naive
 * one-transaction-per-event projector, API latency at 200 req/s over ≥ 5,000 dyads and ≥ 200,000
 * incidents, and projection lag (append → visible in the API) under a steady rate.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { migrateDatabase, PostgresEventStore, wireReportUpcasters } from '@app/event-store';
import { readModelMigrations, WarmWorkingSet } from '@app/projections';
import { freePort, startApp, waitForHttp, type AppProcess } from '@app/testing';
import { latencyAt, steadyLatencyAt, untilIdle, type LatencyFigure, type SteadyLatencyFigure } from './api-latency';
import { projectionLag } from './projection-lag';
import { callingThreadReplayRate, fullGenerationCatchUpRate, rebuildRate, subscriptionRate } from './rebuild-speed';
import { codings, storeWorld, worldShape } from './world';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const REPORTS = env('BENCH_REPORTS', 500_000);
const BASELINE_SECONDS = env('BENCH_BASELINE_SECONDS', 20);
const LATENCY_SECONDS = env('BENCH_LATENCY_SECONDS', 15);
const LAG_SECONDS = env('BENCH_LAG_SECONDS', 20);
const LAG_RATE = env('BENCH_LAG_RATE', 500);
const LAG_WARM_UP_SECONDS = env('BENCH_LAG_WARM_UP_SECONDS', 5);
const CATCH_UP_CODINGS = env('BENCH_CATCH_UP_CODINGS', 20_000);
const SERVER_URL = process.env.BENCH_DATABASE_SERVER_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'ww_bench_projections';
const log = (line: string) => process.stderr.write(`[bench:projections] ${line}\n`);

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  await client.query(sql);
  await client.end();
}

async function main(): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DATABASE}`);
  const url = databaseUrl(DATABASE);
  await migrateDatabase(url, readModelMigrations);
  const pool = new Pool({ connectionString: url, max: 8 });
  const store = new PostgresEventStore(pool, { upcasters: wireReportUpcasters, notify: false });
  const apps: AppProcess[] = [];
  try {
    const shape = worldShape(REPORTS);
    let started = Date.now();
    let lastLog = 0;
    const stored = await storeWorld(pool, codings(shape), (count) => {
      if (Date.now() - lastLog < 10_000) return;
      log(`stored ${count} events`);
      lastLog = Date.now();
    });
    await pool.query('ANALYZE');
    const storeSeconds = (Date.now() - started) / 1000;
    log(`stored ${stored} events in ${storeSeconds.toFixed(0)} s`);

    const naive = await subscriptionRate(store, 1, BASELINE_SECONDS);
    log(`naive one-transaction-per-event: ${naive.eventsPerSecond} codings/s`);
    const batched = await subscriptionRate(store, 500, BASELINE_SECONDS);
    log(`live subscription, batches of 500: ${batched.eventsPerSecond} codings/s`);
    const callingThread = await callingThreadReplayRate(store);
    log(`replay and write on the calling thread: ${callingThread.eventsPerSecond} codings/s, event-loop delay p99 ${callingThread.eventLoopDelay.p99Ms} ms, max ${callingThread.eventLoopDelay.maxMs} ms`);
    const rebuild = await rebuildRate(store, stored, log);
    log(`rebuild: ${rebuild.eventsPerSecond} codings/s overall, ${rebuild.replayEventsPerSecond}/s replay, event-loop delay p99 ${rebuild.eventLoopDelay.p99Ms} ms, max ${rebuild.eventLoopDelay.maxMs} ms`);

    const sizes = await worldSizes(pool);
    log(`read models: ${sizes.dyads} dyads, ${sizes.incidents} incidents, ${sizes.offers} offers`);
    const fullCatchUp = await fullGenerationCatchUpRate(store, codings(worldShape(CATCH_UP_CODINGS), 11, 'catch-up'), 500, null);
    log(`live subscription, batches of 500, on the full generation: ${fullCatchUp.eventsPerSecond} codings/s`);
    const fullCatchUpGrowing = await fullGenerationCatchUpRate(store, codings(worldShape(CATCH_UP_CODINGS), 13, 'catch-up-growing'), 4000, null);
    log(`live subscription, batches of 500 growing to 4,000 while behind, on the full generation: ${fullCatchUpGrowing.eventsPerSecond} codings/s`);
    const fullCatchUpWarm = await fullGenerationCatchUpRate(store, codings(worldShape(CATCH_UP_CODINGS), 17, 'catch-up-warm'), 4000, new WarmWorkingSet());
    log(`the same with the working set kept between batches (the projector's), on the full generation: ${fullCatchUpWarm.eventsPerSecond} codings/s`);

    const keys = Array.from({ length: 300 }, (_, index) => `bench-key-${index.toString().padStart(3, '0')}-xxxxxxxxxxxxxxxx`);
    const port = await freePort();
    // The latency runs spread over `keys`; the backlog probe between them has a key of its own.
    const idleKey = 'bench-idle-probe-xxxxxxxxxxxxxxxx';
    const appEnv = { DATABASE_URL: url, PORT: String(port), WIREWATCH_API_KEYS: [...keys, idleKey].map((key) => `${key}:viewer`).join(','), LOG_LEVEL: 'warn' };
    const api = startApp('api', appEnv);
    const projector = startApp('projector', appEnv);
    apps.push(api, projector);
    const apiUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${apiUrl}/health`, 120_000, api);
    await fetch(`${apiUrl}/api/v1/dyads`, { headers: { authorization: `Bearer ${keys[0]}` } });

    const dyadIds = sizes.dyadIds;
    const asOf = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const latency: LatencyFigure[] = [];
    const steady: SteadyLatencyFigure[] = [];
    // The list routes twice: as a browser asks (gzip, served from the cached compressed body) and without.
    const GZIP = { 'accept-encoding': 'gzip, deflate, br' };
    const idleProbe = `/api/v1/dyads/${dyadIds[0]}?asOf=${asOf}`;
    for (const [route, paths, headers] of [
      ['GET /api/v1/dyads (gzip)', () => '/api/v1/dyads', GZIP],
      ['GET /api/v1/dyads', () => '/api/v1/dyads', {}],
      ['GET /api/v1/dyads/{dyad}?asOf=', () => `/api/v1/dyads/${dyadIds[Math.floor(Math.random() * dyadIds.length)]}?asOf=${asOf}`, GZIP],
      ['GET /api/v1/mediation-offers (gzip)', () => '/api/v1/mediation-offers', GZIP],
      ['GET /api/v1/mediation-offers', () => '/api/v1/mediation-offers', {}],
    ] as const) {
      const settled = async (phase: string) => {
        const waited = await untilIdle(apiUrl, idleProbe, idleKey);
        if (waited > 1000) log(`waited ${(waited / 1000).toFixed(1)} s for the API to work off its backlog before ${route}, ${phase}`);
      };
      await settled('autocannon');
      const figure = await latencyAt(apiUrl, route, paths, keys, LATENCY_SECONDS, 200, headers);
      log(`${route}, autocannon: p50 ${figure.p50} ms, p99 ${figure.p99} ms (${figure.requests} requests, ${figure.non2xx} non-2xx)`);
      latency.push(figure);
      await settled('steady');
      const even = await steadyLatencyAt(apiUrl, route, paths, keys, LATENCY_SECONDS, 200, headers);
      log(`${route}, steady: p50 ${even.p50} ms, p99 ${even.p99} ms (${even.requests} requests at ${even.sentPerSecond}/s, ${even.non2xx} non-2xx)`);
      steady.push(even);
    }

    // Appended as ingest appends: with NOTIFY after commits, which wakes the projector's subscription.
    await untilIdle(apiUrl, idleProbe, idleKey);
    const notifyingStore = new PostgresEventStore(pool, { upcasters: wireReportUpcasters });
    const lag = await projectionLag(notifyingStore, apiUrl, keys, codings(shape, 7, 'lag'), LAG_RATE, LAG_SECONDS, LAG_WARM_UP_SECONDS);
    await notifyingStore.close();
    log(`projection lag at ${lag.codingsPerSecond} codings/s: first ${lag.warmUp.seconds} s p50 ${lag.warmUp.p50} ms, p99 ${lag.warmUp.p99} ms; then p50 ${lag.p50} ms, p99 ${lag.p99} ms`);

    const results = {
      ranAt: new Date().toISOString(),
      world: { reports: REPORTS, storedEvents: stored, storeSeconds, ...sizes, dyadIds: undefined },
      rebuild: { naiveOneTransactionPerEvent: naive, liveSubscriptionBatches500: batched, liveSubscriptionOnFullGeneration: fullCatchUp, liveSubscriptionGrowingBatchesOnFullGeneration: fullCatchUpGrowing, liveSubscriptionWarmWorkingSetOnFullGeneration: fullCatchUpWarm, replayOnCallingThread: callingThread, blueGreenRebuild: rebuild },
      apiLatencyAt200rps: latency,
      apiLatencySteady200rps: steady,
      projectionLag: lag,
    };
    printTable(results);
    const directory = join(process.cwd(), 'bench', 'results');
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'projections.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await Promise.allSettled(apps.map((app) => app.stop()));
    await store.close();
    await pool.end();
    if (!process.env.BENCH_KEEP_DATABASE) await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  }
}

async function worldSizes(pool: Pool) {
  const generation = (await pool.query(`SELECT active_generation FROM read_model_generations`)).rows[0].active_generation as number;
  const schema = `read_models_g${generation}`;
  const dyads = (await pool.query<{ dyad: string }>(`SELECT dyad FROM ${schema}.dyads`)).rows.map((row) => row.dyad);
  const { rows } = await pool.query(`
    SELECT (SELECT count(*) FROM (SELECT DISTINCT category, event->'source'->>'actor', coalesce(event->'target'->>'actor', (event->'parties')::text), occurred_on
                                  FROM ${schema}.contributions WHERE withdrawn_at IS NULL) incidents) AS incidents,
           (SELECT count(*) FROM ${schema}.contributions) AS contributions,
           (SELECT count(*) FROM ${schema}.offers) AS offers`);
  return { dyads: dyads.length, dyadIds: dyads, incidents: Number(rows[0].incidents), contributions: Number(rows[0].contributions), offers: Number(rows[0].offers) };
}

function printTable(results: any): void {
  const r = results.rebuild;
  const lag = results.projectionLag;
  const lines = [
    '',
    `world: ${results.world.storedEvents.toLocaleString('en-US')} stored events, ${results.world.dyads} dyads, ${results.world.incidents.toLocaleString('en-US')} incidents, ${results.world.offers} offers`,
    '',
    '| projection run | codings | seconds | codings/s | stored events/s |',
    '|---|---|---|---|---|',
    `| naive: one transaction per event (baseline) | ${r.naiveOneTransactionPerEvent.events} | ${r.naiveOneTransactionPerEvent.seconds.toFixed(1)} | ${r.naiveOneTransactionPerEvent.eventsPerSecond} | — |`,
    `| live subscription, batches of 500, on empty tables | ${r.liveSubscriptionBatches500.events} | ${r.liveSubscriptionBatches500.seconds.toFixed(1)} | ${r.liveSubscriptionBatches500.eventsPerSecond} | — |`,
    `| live subscription, batches of 500, on the full generation | ${r.liveSubscriptionOnFullGeneration.events} | ${r.liveSubscriptionOnFullGeneration.seconds.toFixed(1)} | ${r.liveSubscriptionOnFullGeneration.eventsPerSecond} | — |`,
    `| live subscription, batches of 500 growing to 4,000 while behind, on the full generation | ${r.liveSubscriptionGrowingBatchesOnFullGeneration.events} | ${r.liveSubscriptionGrowingBatchesOnFullGeneration.seconds.toFixed(1)} | ${r.liveSubscriptionGrowingBatchesOnFullGeneration.eventsPerSecond} | — |`,
    `| the same, keeping the working set between batches (the projector's), on the full generation | ${r.liveSubscriptionWarmWorkingSetOnFullGeneration.events} | ${r.liveSubscriptionWarmWorkingSetOnFullGeneration.seconds.toFixed(1)} | ${r.liveSubscriptionWarmWorkingSetOnFullGeneration.eventsPerSecond} | — |`,
    `| blue/green rebuild (replay in memory and write on a worker thread, catch up, switch) | ${r.blueGreenRebuild.events} | ${r.blueGreenRebuild.seconds.toFixed(1)} | ${r.blueGreenRebuild.eventsPerSecond} | ${r.blueGreenRebuild.storedEventsPerSecond} |`,
    '',
    '| while rebuilding, the process\'s event loop was held up | p99 ms | max ms |',
    '|---|---|---|',
    `| replay and write on the calling thread (baseline) | ${r.replayOnCallingThread.eventLoopDelay.p99Ms} | ${r.replayOnCallingThread.eventLoopDelay.maxMs} |`,
    `| blue/green rebuild, replay on a worker thread | ${r.blueGreenRebuild.eventLoopDelay.p99Ms} | ${r.blueGreenRebuild.eventLoopDelay.maxMs} |`,
    '',
    '| route at 200 req/s | autocannon (1-s bursts): requests | p50 ms | p99 ms | max ms | non-2xx | steady (loadtest, open loop): requests | p50 ms | p99 ms | max ms | non-2xx |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.apiLatencyAt200rps.map((l: LatencyFigure, index: number) => {
      const s: SteadyLatencyFigure = results.apiLatencySteady200rps[index];
      return `| ${l.route} | ${l.requests} | ${l.p50} | ${l.p99} | ${l.max} | ${l.non2xx} | ${s.requests} | ${s.p50} | ${s.p99} | ${s.max} | ${s.non2xx} |`;
    }),
    '',
    `projection lag (append → visible in GET /api/v1/dyads/{dyad}) at ${lag.codingsPerSecond} codings/s, steady: p50 ${lag.p50} ms, p99 ${lag.p99} ms, max ${lag.max} ms over ${lag.probes} probes (${lag.notVisibleWithin30s} not visible within 30 s)`,
    `  its first ${lag.warmUp.seconds} s, from an idle projector (not in the figures above): p50 ${lag.warmUp.p50} ms, p99 ${lag.warmUp.p99} ms, max ${lag.warmUp.max} ms over ${lag.warmUp.probes} probes (${lag.warmUp.notVisibleWithin30s} not visible within 30 s)`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:projections failed: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
