import { Pool } from 'pg';
import { reportStreamId, type CodedEvent, type ReportCoded, type WireReport } from '@app/contracts';
import { migrateDatabase, PostgresEventStore, wireReportUpcasters } from '@app/event-store';
import { aWireReport, createTestDatabase, eventually, type TestDatabase } from '@app/testing';
import { replayMigrations } from '../replays-migration';
import { allVisible } from '../testing/all-visible';
import { RecodeBusyError, RecodeJobs } from './recode-jobs';
import type { RecodingCoder } from './recoding';

// Given stored reports, a re-coding requested as a job runs in the background, one at a time, and keeps its
// progress and tally in PostgreSQL for GET /api/v1/replays/{id}.
describe('RecodeJobs', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;

  const coderSaying = (version: string, actor: string, fails?: (report: WireReport) => boolean): RecodingCoder => ({
    version,
    isCodable: () => true,
    code: (report) => {
      if (fails?.(report)) throw new Error('the coder tripped');
      return [{ eventId: `${report.reportId}#${actor}`, reportId: report.reportId, category: 'THREAT', source: { actor }, target: { actor: 'IRN' } } as unknown as CodedEvent];
    },
  });
  const settled = (jobs: RecodeJobs, id: string) =>
    eventually(async () => {
      const view = await jobs.recodings.find(id);
      if (!view || view.status === 'running') throw new Error('still running');
      return view;
    }, 30_000, 20);

  beforeAll(async () => {
    database = await createTestDatabase('ww_int_recode_jobs');
    await migrateDatabase(database.url, replayMigrations);
    pool = new Pool({ connectionString: database.url, max: 6 });
    store = new PostgresEventStore(pool, { upcasters: wireReportUpcasters, notify: false });
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('re-codes every stored report in the background and records the tally, total and coder', async () => {
    const reports = [aWireReport(), aWireReport(), aWireReport()];
    for (const report of reports) {
      const coding: ReportCoded['data'] = { reportId: report.reportId, coderVersion: '1.0.0', events: [] };
      await store.append(reportStreamId(report.reportId), 'no_stream', [
        { type: 'WireReportReceived', data: { report, receivedVia: null } },
        { type: 'ReportCoded', data: coding },
      ]);
    }
    await allVisible(store);
    const jobs = new RecodeJobs(pool, store, coderSaying('2.0.0', 'PAK', (report) => report.reportId === reports[1].reportId));
    const { replayId } = await jobs.request({}, 'key-fingerprint');
    const view = await settled(jobs, replayId);
    expect(view).toMatchObject({ kind: 'recode', coderVersion: '2.0.0', status: 'succeeded', processed: 3, total: 3, recoded: 2, unchanged: 0, failed: 1, from: null, until: null, error: null });
    const versions = async (report: WireReport) =>
      (await store.readStream(reportStreamId(report.reportId))).filter((event) => event.type === 'ReportCoded').map((event) => (event.data as ReportCoded['data']).coderVersion);
    expect(await versions(reports[0])).toEqual(['1.0.0', '2.0.0']);
    expect(await versions(reports[1])).toEqual(['1.0.0']);

    const again = await jobs.request({ from: new Date('2999-01-01T00:00:00Z') }, null);
    expect(await settled(jobs, again.replayId)).toMatchObject({ status: 'succeeded', processed: 0, total: 0, from: '2999-01-01T00:00:00.000Z' });
  });

  it('refuses a second re-coding while one runs anywhere (its lock is held)', async () => {
    const holder = await pool.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtextextended('wirewatch.report-recode', 0))`);
      const jobs = new RecodeJobs(pool, store, coderSaying('3.0.0', 'IND'));
      await expect(jobs.request({}, null)).rejects.toBeInstanceOf(RecodeBusyError);
      expect(await jobs.failAbandoned()).toBe(0);
    } finally {
      await holder.query(`SELECT pg_advisory_unlock_all()`);
      holder.release();
    }
  });

  it('marks re-codings cut off by a crash as failed at the next start', async () => {
    await pool.query(`INSERT INTO report_recodings (recode_id, coder_version, status) VALUES ('00000000-0000-4000-8000-000000000002', '1.1.0', 'running')`);
    const jobs = new RecodeJobs(pool, store, coderSaying('3.0.0', 'IND'));
    expect(await jobs.failAbandoned()).toBe(1);
    expect(await jobs.recodings.find('00000000-0000-4000-8000-000000000002')).toMatchObject({ status: 'failed', error: expect.stringContaining('interrupted') });
  });
});
