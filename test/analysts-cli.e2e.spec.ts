import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { CODER_VERSION } from '@app/coding';
import { reportStreamId, type ReportCoded } from '@app/contracts';
import { migrateDatabase, PostgresEventStore, wireReportUpcasters } from '@app/event-store';
import { aWireReport, collectTopic, createTestDatabase, eventually, type TestDatabase } from '@app/testing';
import { allVisible } from '../libs/replay/src/testing/all-visible';

// `wirewatch replay` and `wirewatch recode` as an operator runs them: the built CLI against PostgreSQL and Kafka.
const CLI = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');

function wirewatch(args: string[], env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (status) => resolve({ status: status ?? 1, stdout, stderr }));
  });
}

describe('wirewatch replay and recode', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let env: Record<string, string>;
  const reports = [
    aWireReport({ body: 'ISLAMABAD, Jan 18 (Test Wire) - Pakistan struck militant hideouts in Iran on Thursday, killing nine people, Iran said.' }),
    aWireReport(),
    aWireReport({ language: 'fr', body: "L'Inde accuse le Pakistan." }),
  ];

  beforeAll(async () => {
    database = await createTestDatabase('ww_e2e_cli');
    await migrateDatabase(database.url);
    env = { DATABASE_URL: database.url };
    pool = new Pool({ connectionString: database.url });
    pool.on('error', () => undefined); // an idle connection cut by the server is replaced on the next query
    store = new PostgresEventStore(pool, { upcasters: wireReportUpcasters, notify: false });
    for (const report of reports) {
      await store.append(reportStreamId(report.reportId), 'no_stream', [
        { type: 'WireReportReceived', data: { report, receivedVia: null } },
        { type: 'ReportCoded', data: { reportId: report.reportId, coderVersion: 'retired-0.1', events: [] } },
      ]);
    }
  });

  beforeEach(() => allVisible(store));

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const codings = async (reportId: string) =>
    (await store.readStream(reportStreamId(reportId))).filter((event) => event.type === 'ReportCoded').map((event) => event.data as ReportCoded['data']);

  it('recode appends a coding by the current coder to every report, keeps the old one, and changes nothing on a re-run', async () => {
    const run = await wirewatch(['recode'], env);
    expect(run.stderr).not.toMatch(/^wirewatch:/m);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('3 recoded, 0 unchanged');

    for (const report of reports) {
      expect((await codings(report.reportId)).map((coding) => coding.coderVersion)).toEqual(['retired-0.1', CODER_VERSION]);
    }
    expect((await codings(reports[2].reportId))[1]).toMatchObject({ skipped: 'unsupported_language', events: [] });

    const again = await wirewatch(['recode'], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('0 recoded, 3 unchanged');
  });

  it('recode takes only reports received in the range', async () => {
    const run = await wirewatch(['recode', '--from', '2999-01-01T00:00:00Z'], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('examined 0 reports');
  });

  it('replay republishes the selection to the topic, with a summary', async () => {
    const topic = `replay.e2e-cli-${Date.now().toString(36)}`;
    const run = await wirewatch(['replay', '--topic', topic, '--types', 'WireReportReceived'], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^replayed 3 events to replay\.e2e-cli-/);
    const consumer = await collectTopic(topic);
    try {
      const messages = await eventually(() => {
        if (consumer.messages.length < 3) throw new Error(`${consumer.messages.length} of 3`);
        return consumer.messages;
      }, 60_000);
      expect(messages.map((message) => message.key!.toString())).toEqual(reports.map((report) => reportStreamId(report.reportId)));
      expect(messages.map((message) => JSON.parse(message.value!.toString()).type)).toEqual(['WireReportReceived', 'WireReportReceived', 'WireReportReceived']);
    } finally {
      await consumer.stop();
    }
  });

  it.each([
    [['replay', '--topic', 'wire-reports.v1']],
    [['replay', '--topic', 'replay.ok', '--from', 'yesterday']],
    [['replay']],
    [['recode', '--until', 'soon']],
  ])('exits 2 with one line on stderr for bad usage: %p', async (args) => {
    const run = await wirewatch(args, env);
    expect({ status: run.status, stderr: run.stderr }).toMatchObject({ status: 2 });
    expect(run.stderr.trim().split('\n').length).toBeGreaterThanOrEqual(1);
  });
});
