/**
 * `npm run bench:ingest`: Wirewatch's ingest end to end (Kafka → validated, coded, stored, offsets committed),
 * with 1 and 2 instances, against — in the same run, on the same broker and PostgreSQL — a bare kafkajs
 * consumer of the same messages, Emmett's per-report append (16 writers) and the bare multi-row INSERT ceiling.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Pool } from 'pg';
import { migrateDatabase } from '@app/event-store';
import { ensureTopics, WIREWATCH_TOPICS, withTopicName } from '@app/local-stack';
import { createTestDatabase, startApp, freePort, waitForHttp, type AppProcess, type TestDatabase } from '@app/testing';
import { EmmettProcess } from '../store/emmett-process';
import { BARE_TABLE_SQL, bareCalls } from '../store/wirewatch-candidate';
import { measureRate, WORKLOADS } from '../store/workloads';
import { generatedReport } from './generated-reports';
import { committedMessages, followProgress, type ProgressRun } from './ingest-progress';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 200_000);
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const runId = Date.now().toString(36);
const kafka = new Kafka({ clientId: 'bench-ingest', brokers, logLevel: logLevel.NOTHING });

async function publish(topic: string): Promise<number> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  let bytes = 0;
  for (let start = 0; start < REPORTS; start += 1000) {
    const messages = Array.from({ length: Math.min(1000, REPORTS - start) }, (_, offset) => {
      const report = generatedReport(start + offset, runId);
      const value = JSON.stringify(report);
      bytes += value.length;
      return { key: report.reportId as string, value };
    });
    await producer.send({ topic, acks: -1, messages });
  }
  await producer.disconnect();
  return bytes / REPORTS;
}

async function bareConsumer(topic: string): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-bare-${runId}`, maxBytesPerPartition: 3 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let firstAt = 0;
  const done = new Promise<number>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        if (firstAt === 0) firstAt = Date.now();
        seen += batch.messages.length;
        if (seen >= REPORTS) resolve(Date.now());
      },
    });
  });
  const finishedAt = await done;
  await consumer.disconnect();
  return REPORTS / ((finishedAt - firstAt) / 1000);
}

async function wirewatchIngest(topic: string, instances: number): Promise<ProgressRun> {
  const database = await createTestDatabase(`ww_bench_ingest${instances}`);
  await migrateDatabase(database.url);
  const groupId = `bench-ingest-${instances}-${runId}`;
  const apps: { app: AppProcess; port: number }[] = [];
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Progress is followed from before the first instance starts, so a fast first instance is not missed.
    const following = followProgress(
      REPORTS,
      () => committedMessages(admin, groupId, topic),
      () => apps.map(({ app }) => app.pid).filter((pid): pid is number => pid !== undefined),
      60 * 60_000,
    );
    for (let index = 0; index < instances; index += 1) {
      const port = await freePort();
      const app = startApp('ingest', { DATABASE_URL: database.url, WIRE_REPORTS_TOPIC: topic, INGEST_GROUP_ID: groupId, INGEST_METRICS_PORT: String(port) });
      apps.push({ app, port });
    }
    await Promise.all(apps.map(({ app, port }) => waitForHttp(`http://127.0.0.1:${port}/health`, 60_000, app)));
    return await following;
  } finally {
    await admin.disconnect();
    await Promise.all(apps.map(({ app }) => app.stop()));
    await database.drop();
  }
}

async function emmettReportsPerSecond(database: TestDatabase): Promise<number> {
  const emmett = await EmmettProcess.start(database.url);
  try {
    const workload = WORKLOADS.find((candidate) => candidate.id === 'report16')!;
    return (await emmett.run(workload, `ingest${runId}`, { warmupMs: 2000, measureMs: 10_000 })) / 2;
  } finally {
    await emmett.stop();
  }
}

async function bareInsertReportsPerSecond(database: TestDatabase): Promise<number> {
  const pool = new Pool({ connectionString: database.url, max: 8 });
  try {
    await pool.query(BARE_TABLE_SQL);
    const workload = WORKLOADS.find((candidate) => candidate.id === 'ingest')!;
    return (await measureRate(workload.writers, bareCalls(pool, workload, `ceiling${runId}`), { warmupMs: 2000, measureMs: 10_000 })) / 2;
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const topic = `wire-reports.bench.${runId}`;
  await ensureTopics(brokers, [withTopicName(WIREWATCH_TOPICS.wireReports, topic)]);
  process.stdout.write(`publishing ${REPORTS} reports to ${topic} …\n`);
  const averageBytes = await publish(topic);

  process.stdout.write('bare kafkajs consumer …\n');
  const bare = await bareConsumer(topic);
  process.stdout.write('Wirewatch ingest, 1 instance …\n');
  const one = await wirewatchIngest(topic, 1);
  process.stdout.write('Wirewatch ingest, 2 instances …\n');
  const two = await wirewatchIngest(topic, 2);

  const baselines = await createTestDatabase('ww_bench_baselines');
  process.stdout.write('Emmett appendToStream, 1 report per call, 16 writers …\n');
  const emmett = await emmettReportsPerSecond(baselines);
  process.stdout.write('bare multi-row INSERT ceiling, 100 reports per transaction, 4 writers …\n');
  const ceiling = await bareInsertReportsPerSecond(baselines);
  await baselines.drop();

  const rows = [
    { candidate: 'bare kafkajs consumer (no-op)', reportsPerSecond: bare },
    { candidate: 'bare multi-row INSERT ceiling (no Kafka, no coding)', reportsPerSecond: ceiling },
    { candidate: 'Emmett appendToStream, 1 report/call ×16 (no Kafka, no coding)', reportsPerSecond: emmett },
    { candidate: 'Wirewatch ingest, 1 instance', reportsPerSecond: one.steadyRate, run: one },
    { candidate: 'Wirewatch ingest, 2 instances', reportsPerSecond: two.steadyRate, run: two },
  ];
  const table = [
    `| candidate | reports/s | events/s | × Emmett | of ceiling | of bare consumer | peak RSS MiB (1st half / 2nd half) |`,
    `|---|---|---|---|---|---|---|`,
    ...rows.map((row) =>
      [
        row.candidate,
        row.reportsPerSecond.toFixed(0),
        (row.reportsPerSecond * 2).toFixed(0),
        (row.reportsPerSecond / emmett).toFixed(2),
        `${((row.reportsPerSecond / ceiling) * 100).toFixed(0)} %`,
        `${((row.reportsPerSecond / bare) * 100).toFixed(1)} %`,
        row.run ? `${row.run.peakRssMiB.toFixed(0)} (${row.run.rssHalves[0].toFixed(0)} / ${row.run.rssHalves[1].toFixed(0)})` : '',
      ].join(' | ').replace(/^/, '| ').concat(' |'),
    ),
  ].join('\n');
  process.stdout.write(`\n${REPORTS} reports of ~${averageBytes.toFixed(0)} bytes, 6 partitions\n${table}\n`);
  const resultsDir = join(process.cwd(), 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, 'ingest.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), reports: REPORTS, averageBytes, rows }, null, 2)}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:ingest failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
