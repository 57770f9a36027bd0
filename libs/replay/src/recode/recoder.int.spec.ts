import { Pool } from 'pg';
import { reportStreamId, type CodedEvent, type ReportCoded, type WireReport } from '@app/contracts';
import { migrateDatabase, PostgresEventStore, wireReportUpcasters } from '@app/event-store';
import { aWireReport, createTestDatabase, eventually, type TestDatabase } from '@app/testing';
import { allVisible } from '../testing/all-visible';
import { recodeReports } from './recoder';
import type { RecodingCoder } from './recoding';

// Given stored reports coded by an older coder, when re-coding with a newer one, then each report gains a new
// ReportCoded and keeps the old one.
describe('recodeReports', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;

  const threat = (report: WireReport, actor: string) =>
    ({ eventId: `${report.reportId}#${actor}`, reportId: report.reportId, category: 'THREAT', source: { actor }, target: { actor: 'IRN' } }) as unknown as CodedEvent;
  const coderSaying = (version: string, actor: string): RecodingCoder => ({ version, isCodable: (report) => (report.language ?? 'en') === 'en', code: (report) => [threat(report, actor)] });
  const codings = async (reportId: string) =>
    (await store.readStream(reportStreamId(reportId))).filter((event) => event.type === 'ReportCoded').map((event) => event.data as ReportCoded['data']);

  const storeReport = async (report: WireReport, coding: ReportCoded['data']) =>
    store.append(reportStreamId(report.reportId), 'no_stream', [
      { type: 'WireReportReceived', data: { report, receivedVia: null } },
      { type: 'ReportCoded', data: coding },
    ]);

  beforeAll(async () => {
    database = await createTestDatabase('ww_int_recode');
    await migrateDatabase(database.url);
    pool = new Pool({ connectionString: database.url });
    store = new PostgresEventStore(pool, { upcasters: wireReportUpcasters, notify: false });
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('appends a new coding where the coder changed, keeps the old, and is idempotent on a re-run', async () => {
    const reports = [aWireReport(), aWireReport(), aWireReport({ language: 'fr' })];
    const old = coderSaying('1.0.0', 'PAK');
    for (const report of reports) {
      await storeReport(report, { reportId: report.reportId, coderVersion: '1.0.0', events: old.isCodable(report) ? old.code(report) : [], ...(old.isCodable(report) ? {} : { skipped: 'unsupported_language' as const }) });
    }
    await allVisible(store);
    const newer = coderSaying('1.1.0', 'IND');
    // A reader may briefly see less than was committed (see allVisible): run until every report was examined;
    // re-coding is idempotent, so the runs add up to one.
    const progress: number[] = [];
    const tally = await eventually(async () => {
      const run = await recodeReports(store, newer, { onProgress: (current) => progress.push(current.examined) });
      if (run.examined < 3) throw new Error(`examined ${run.examined} of 3`);
      return run;
    }, 30_000, 100);
    expect(tally.examined).toBe(3);
    expect(progress.slice(-3)).toEqual([1, 2, 3]);
    for (const report of reports) expect((await codings(report.reportId)).map((coding) => coding.coderVersion)).toEqual(['1.0.0', '1.1.0']);

    const first = await codings(reports[0].reportId);
    expect(first.map((coding) => coding.coderVersion)).toEqual(['1.0.0', '1.1.0']);
    expect(first[0].events[0].source.actor).toBe('PAK');
    expect(first[1].events[0].source.actor).toBe('IND');
    expect((await codings(reports[2].reportId))[1]).toMatchObject({ coderVersion: '1.1.0', skipped: 'unsupported_language', events: [] });

    const again = await eventually(async () => {
      const run = await recodeReports(store, newer);
      if (run.examined < 3) throw new Error(`examined ${run.examined} of 3`);
      return run;
    }, 30_000, 100);
    expect(again).toEqual({ examined: 3, recoded: 0, unchanged: 3, failed: 0 });
    expect(await codings(reports[0].reportId)).toHaveLength(2);
  });

  it('re-codes only reports received in [from, until)', async () => {
    const early = aWireReport();
    await storeReport(early, { reportId: early.reportId, coderVersion: '1.1.0', events: [] });
    const { rows } = await pool.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const late = aWireReport();
    await storeReport(late, { reportId: late.reportId, coderVersion: '1.1.0', events: [] });
    await allVisible(store);

    await eventually(async () => {
      const run = await recodeReports(store, coderSaying('1.2.0', 'CHN'), { from: rows[0].now });
      if (run.examined < 1) throw new Error('the late report was not examined yet');
      expect(run.examined).toBe(1);
    }, 30_000, 100);
    expect(await codings(early.reportId)).toHaveLength(1);
    expect((await codings(late.reportId)).map((coding) => coding.coderVersion)).toEqual(['1.1.0', '1.2.0']);
  });
});
