import { Pool } from 'pg';
import { migrateDatabase, PostgresEventStore, wireReportUpcasters } from '@app/event-store';
import { aWireReport, createTestDatabase, type TestDatabase } from '@app/testing';
import type { ReportCoded } from '@app/contracts';
import { EventStoreReportRepository } from './event-store-report-repository';

describe('EventStoreReportRepository (real PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let repository: EventStoreReportRepository;
  const from = { topic: 'wire-reports.v1', partition: 3, offset: '42' };
  const codingOf = (reportId: string): ReportCoded['data'] => ({ reportId, coderVersion: '1.0.0', events: [] });

  beforeAll(async () => {
    database = await createTestDatabase('ww_int_reports');
    await migrateDatabase(database.url);
    pool = new Pool({ connectionString: database.url });
    store = new PostgresEventStore(pool, { upcasters: wireReportUpcasters });
    repository = new EventStoreReportRepository(store);
  });

  afterAll(async () => {
    await store.close();
    await pool.end();
    await database.drop();
  });

  it('stores a report and its coding as the first two events of its stream, with where it came from', async () => {
    const report = aWireReport();
    expect(await repository.store(report, codingOf(report.reportId), from)).toEqual({ outcome: 'stored' });

    const events = await store.readStream(`report-${report.reportId}`);
    expect(events.map((event) => [event.type, event.streamVersion])).toEqual([
      ['WireReportReceived', 1],
      ['ReportCoded', 2],
    ]);
    expect(events[0].data).toEqual({ report, receivedVia: from });
    expect(events[0].metadata).toMatchObject({ correlationId: report.reportId, kafka: from });
  });

  it('answers duplicate for the same report again, storing nothing more', async () => {
    const report = aWireReport();
    await repository.store(report, codingOf(report.reportId), from);
    const again = await repository.store({ ...report }, codingOf(report.reportId), { ...from, offset: '43' });
    expect(again).toEqual({ outcome: 'duplicate' });
    expect(await store.readStream(`report-${report.reportId}`)).toHaveLength(2);
  });

  it('answers conflicting_duplicate for the same id with other content, keeping the first', async () => {
    const report = aWireReport();
    await repository.store(report, codingOf(report.reportId), from);
    const changed = { ...report, body: `${report.body} (updated)` };
    expect(await repository.store(changed, codingOf(report.reportId), from)).toEqual({
      outcome: 'conflicting_duplicate',
      storedAt: expect.any(String),
    });
    const events = await store.readStream(`report-${report.reportId}`);
    expect((events[0].data as { report: { body: string } }).report.body).toBe(report.body);
  });

  it('stores a report once when eight deliveries race', async () => {
    const report = aWireReport();
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => repository.store(report, codingOf(report.reportId), from)));
    expect(outcomes.filter((outcome) => outcome.outcome === 'stored')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.outcome === 'duplicate')).toHaveLength(7);
    expect(await store.readStream(`report-${report.reportId}`)).toHaveLength(2);
  });
});
