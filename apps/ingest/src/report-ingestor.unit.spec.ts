import type { CodedEvent, WireReport } from '@app/contracts';
import { aWireReport } from '@app/testing';
import { canonicalJson } from './canonical-json';
import { ReportCoder, ReportIngestor, type IncomingMessage } from './report-ingestor';
import { ReportRepository, type ReportToStore, type StoreOutcome } from './report-repository';

/** The repository's contract in memory: one report per id, compared by content. */
class InMemoryReports extends ReportRepository {
  readonly stored = new Map<string, ReportToStore>();
  async storeMany(items: readonly ReportToStore[]): Promise<StoreOutcome[]> {
    return items.map((item) => {
      const existing = this.stored.get(item.report.reportId);
      if (!existing) {
        this.stored.set(item.report.reportId, item);
        return { outcome: 'stored' };
      }
      return canonicalJson(existing.report) === canonicalJson(item.report) ? { outcome: 'duplicate' } : { outcome: 'conflicting_duplicate', storedAt: 'earlier' };
    });
  }
}

const oneEventCoder: ReportCoder = {
  version: '9.9.9',
  isCodable: (report) => (report.language ?? 'en') === 'en',
  code: (report) => [{ eventId: `e-${report.reportId}` } as CodedEvent],
};

let offset = 0;
const message = (value: unknown): IncomingMessage => ({
  key: null,
  value: Buffer.isBuffer(value) ? value : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  coordinates: { topic: 't', partition: 0, offset: String(offset++) },
});

describe('ReportIngestor', () => {
  let reports: InMemoryReports;
  let ingestor: ReportIngestor;
  beforeEach(() => {
    reports = new InMemoryReports();
    ingestor = new ReportIngestor(reports, oneEventCoder);
  });

  it('answers per message, in order, storing valid reports with their coding', async () => {
    const a = aWireReport();
    const b = aWireReport({ language: 'fr' });
    const results = await ingestor.ingestBatch([message(a), message('not json'), message(b)]);
    expect(results).toEqual([
      { outcome: 'stored', reportId: a.reportId, codedEvents: 1 },
      { outcome: 'rejected', code: 'not_json', message: expect.any(String) },
      { outcome: 'stored', reportId: b.reportId, codedEvents: 0 },
    ]);
    expect(reports.stored.get(a.reportId)!.coding).toEqual({ reportId: a.reportId, coderVersion: '9.9.9', events: [{ eventId: `e-${a.reportId}` }] });
    expect(reports.stored.get(b.reportId)!.coding).toMatchObject({ events: [], skipped: 'unsupported_language' });
  });

  it('judges a report repeated within one batch against its first occurrence', async () => {
    const a = aWireReport();
    const results = await ingestor.ingestBatch([message(a), message({ ...a }), message({ ...a, body: 'other words' })]);
    expect(results.map((result) => (result.outcome === 'rejected' ? result.code : result.outcome))).toEqual(['stored', 'duplicate', 'conflicting_duplicate']);
    expect(reports.stored.size).toBe(1);
  });

  it('refuses the same id with other content in a later batch, and accepts the same content as a duplicate', async () => {
    const a = aWireReport();
    await ingestor.ingestBatch([message(a)]);
    const [same, changed] = await ingestor.ingestBatch([message(a), message({ ...a, headline: 'changed' })]);
    expect(same.outcome).toBe('duplicate');
    expect(changed).toMatchObject({ outcome: 'rejected', code: 'conflicting_duplicate', reportId: a.reportId });
  });

  it('stores a report uncoded when the coder fails, losing nothing', async () => {
    const failingCoder: ReportCoder = {
      version: oneEventCoder.version,
      isCodable: () => true,
      code: () => {
        throw new Error('boom');
      },
    };
    const failing = new ReportIngestor(reports, failingCoder);
    const report: WireReport = aWireReport();
    expect(await failing.ingest(message(report))).toMatchObject({ outcome: 'stored', codedEvents: 0 });
    expect(reports.stored.get(report.reportId)!.coding).toMatchObject({ skipped: 'coder_error' });
  });

  it('carries supersedes into the coding', async () => {
    const report = aWireReport({ supersedes: 'earlier-report-1' });
    await ingestor.ingest(message(report));
    expect(reports.stored.get(report.reportId)!.coding.supersedes).toBe('earlier-report-1');
  });
});
