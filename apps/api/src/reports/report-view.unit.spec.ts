import { reportViewFrom } from './report-view';

const report = { reportId: 'r-1', source: 'Wire', publishedAt: '2025-05-07T09:00:00+05:30', body: 'b' };
const received = {
  type: 'WireReportReceived',
  data: { report, receivedVia: null },
  metadata: { kafka: { topic: 't', partition: 2, offset: '17' } },
  recordedAt: new Date('2025-05-07T04:00:00Z'),
};
const coding = (coderVersion: string, events: unknown[], at: string, skipped?: string) => ({
  type: 'ReportCoded',
  data: { reportId: 'r-1', coderVersion, events, ...(skipped ? { skipped } : {}) },
  metadata: {},
  recordedAt: new Date(at),
});

describe('reportViewFrom', () => {
  it('is null for a stream without a received report', () => {
    expect(reportViewFrom([])).toBeNull();
  });

  it('shows a received report not yet coded as received', () => {
    expect(reportViewFrom([received])).toMatchObject({ status: 'received', coderVersion: null, codedEvents: [], codings: [] });
  });

  it('uses the newest coding and keeps every earlier one', () => {
    const view = reportViewFrom([
      received,
      coding('1.0.0', [{ eventId: 'old' }], '2025-05-07T04:00:01Z'),
      coding('1.1.0', [{ eventId: 'new' }], '2025-06-01T00:00:00Z'),
    ]);
    expect(view).toMatchObject({
      status: 'coded',
      coderVersion: '1.1.0',
      codedEvents: [{ eventId: 'new' }],
      receivedFrom: { topic: 't', partition: 2, offset: '17' },
      receivedAt: '2025-05-07T04:00:00.000Z',
    });
    expect(view!.codings.map((c) => c.coderVersion)).toEqual(['1.0.0', '1.1.0']);
  });

  it('marks a report the coder skipped as uncoded, with the reason', () => {
    const view = reportViewFrom([received, coding('1.0.0', [], '2025-05-07T04:00:01Z', 'unsupported_language')]);
    expect(view).toMatchObject({ status: 'uncoded', statusReason: 'unsupported_language' });
  });
});
