import fc from 'fast-check';
import { addDays } from './calendar';
import { incidentsKnownAt } from './incidents';
import { contributionsOfCodings, type ReportCodingRecorded } from './report-ledger';
import { aClaim, aCoding } from './testing/builders';

const reportIds = ['r0', 'r1', 'r2', 'r3'];

const aRandomCoding: fc.Arbitrary<ReportCodingRecorded> = fc
  .record({
    reportId: fc.constantFrom(...reportIds),
    hour: fc.integer({ min: 0, max: 200 }),
    version: fc.constantFrom('coder-1', 'coder-2'),
    supersedes: fc.option(fc.constantFrom(...reportIds), { nil: undefined }),
    events: fc.array(
      fc.record({ day: fc.integer({ min: 0, max: 3 }), way: fc.boolean(), dead: fc.integer({ min: 0, max: 9 }), category: fc.constantFrom('STRIKE' as const, 'THREAT' as const) }),
      { maxLength: 3 },
    ),
  })
  .map(({ reportId, hour, version, supersedes, events }) =>
    aCoding({
      reportId,
      recordedAt: new Date(Date.UTC(2024, 0, 20) + hour * 3_600_000).toISOString(),
      coderVersion: version,
      supersedes,
      events: events.map((event, i) => ({
        eventId: `${reportId}-${version}-${hour}-${i}`,
        category: event.category,
        source: event.way ? 'IRN' : 'PAK',
        target: event.way ? 'PAK' : 'IRN',
        occurredOn: addDays('2024-01-16', event.day),
        fatalities: [aClaim(event.dead, 'PAK')],
      })),
    }),
  );

const knownAtTimes = ['2024-01-19T00:00:00Z', '2024-01-21T00:00:00Z', '2024-01-25T12:00:00Z', '2024-02-01T00:00:00Z', undefined];

describe('report ledger properties', () => {
  it('the incidents do not depend on the order codings are applied in, at any knownAt', () => {
    fc.assert(
      fc.property(fc.array(aRandomCoding, { maxLength: 8 }), (codings) => {
        const forwards = contributionsOfCodings(codings);
        const backwards = contributionsOfCodings([...codings].reverse());
        for (const knownAt of knownAtTimes) expect(incidentsKnownAt(backwards, knownAt)).toEqual(incidentsKnownAt(forwards, knownAt));
      }),
    );
  });

  it('applying the same coding twice is the same as once', () => {
    fc.assert(
      fc.property(fc.array(aRandomCoding, { maxLength: 8 }), (codings) => {
        const sortRows = (rows: ReturnType<typeof contributionsOfCodings>) => [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
        expect(sortRows(contributionsOfCodings([...codings, ...codings]))).toEqual(sortRows(contributionsOfCodings(codings)));
      }),
    );
  });

  it('at any knownAt, each report contributes at most its newest coding recorded by then', () => {
    fc.assert(
      fc.property(fc.array(aRandomCoding, { maxLength: 8 }), fc.constantFrom(...knownAtTimes), (codings, knownAt) => {
        const incidents = incidentsKnownAt(contributionsOfCodings(codings), knownAt);
        for (const incident of incidents) {
          for (const report of incident.reports) {
            const newer = codings.filter(
              (coding) => coding.data.reportId === report.reportId && Date.parse(coding.data.recordedAt) > Date.parse(report.recordedAt) && (knownAt === undefined || Date.parse(coding.data.recordedAt) <= Date.parse(knownAt)),
            );
            expect(newer).toEqual([]);
          }
        }
      }),
    );
  });
});
