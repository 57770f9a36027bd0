import { contributionsOfCodings } from './report-ledger';
import { incidentsKnownAt } from './incidents';
import { aClaim, aCoding } from './testing/builders';

const strikeIrnPak = { category: 'STRIKE' as const, source: 'IRN', target: 'PAK', occurredOn: '2024-01-16' };

describe('incidents: merging reports and corroboration', () => {
  it('events of different reports with the same category, source, target and date are one incident', () => {
    const incidents = incidentsKnownAt(
      contributionsOfCodings([
        aCoding({ reportId: 'b', recordedAt: '2024-01-17T09:00:00Z', events: [{ ...strikeIrnPak, fatalities: [aClaim(2, 'PAK')] }] }),
        aCoding({ reportId: 'a', recordedAt: '2024-01-17T08:00:00Z', events: [{ ...strikeIrnPak, fatalities: [aClaim(3, 'PAK'), aClaim(0, 'IRN')] }] }),
        aCoding({ reportId: 'c', recordedAt: '2024-01-17T10:00:00Z', events: [{ ...strikeIrnPak, fatalities: [aClaim(null, 'PAK', 'unspecified'), aClaim(4, null, 'at_least')] }] }),
      ]),
    );
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      incidentId: 'STRIKE|IRN|PAK|2024-01-16',
      sources: ['a', 'b', 'c'],
      corroboration: 3,
      fatalities: [aClaim(0, 'IRN'), aClaim(3, 'PAK'), aClaim(4, null, 'at_least')],
      firstRecordedAt: '2024-01-17T08:00:00Z',
    });
    expect(incidents[0].reports.map((report) => report.reportId)).toEqual(['a', 'b', 'c']);
  });

  const distinct: Array<[string, object]> = [
    ['another date', { occurredOn: '2024-01-17' }],
    ['another target', { target: 'AFG' }],
    ['another source', { source: 'AFG' }],
    ['another category', { category: 'THREAT' }],
  ];
  it.each(distinct)('an event with %s is another incident', (_name, change) => {
    const incidents = incidentsKnownAt(
      contributionsOfCodings([aCoding({ reportId: 'a', events: [strikeIrnPak] }), aCoding({ reportId: 'b', events: [{ ...strikeIrnPak, ...change }] })]),
    );
    expect(incidents.map((incident) => incident.corroboration)).toEqual([1, 1]);
  });

  it('parties are compared as a set; the target is ignored where there are parties', () => {
    const incidents = incidentsKnownAt(
      contributionsOfCodings([
        aCoding({ reportId: 'a', events: [{ category: 'MEDIATION_OFFER', source: 'CHN', parties: ['IRN', 'PAK'], conditions: ['if both sides so wish'] }] }),
        aCoding({ reportId: 'b', events: [{ category: 'MEDIATION_OFFER', source: 'CHN', parties: ['PAK', 'IRN'], conditions: ['if both sides so wish', 'at their request'] }] }),
      ]),
    );
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ parties: ['IRN', 'PAK'], target: null, corroboration: 2, conditions: ['if both sides so wish', 'at their request'] });
  });

  it('one report saying it twice corroborates once', () => {
    const [incident] = incidentsKnownAt(contributionsOfCodings([aCoding({ reportId: 'a', events: [strikeIrnPak, { ...strikeIrnPak, fatalities: [aClaim(5, 'PAK')] }] })]));
    expect(incident).toMatchObject({ sources: ['a'], corroboration: 1, fatalities: [aClaim(5, 'PAK')] });
  });

  it('equal counts keep the firmer qualifier, whatever the order', () => {
    const claims = [aClaim(7, 'IRN', 'at_least'), aClaim(7, 'IRN', 'exact'), aClaim(7, 'IRN', 'approx')];
    for (const order of [claims, [...claims].reverse()]) {
      const codings = order.map((claim, i) => aCoding({ reportId: `r${i}`, events: [{ ...strikeIrnPak, fatalities: [claim] }] }));
      expect(incidentsKnownAt(contributionsOfCodings(codings))[0].fatalities).toEqual([aClaim(7, 'IRN', 'exact')]);
    }
  });

  it('the Goldstein value of an incident is the mean of its reports', () => {
    const threat = { category: 'THREAT' as const, source: 'PAK', target: 'IRN' };
    const [incident] = incidentsKnownAt(
      contributionsOfCodings([aCoding({ reportId: 'a', events: [{ ...threat, goldstein: -7 }] }), aCoding({ reportId: 'b', events: [{ ...threat, goldstein: -4.4 }] })]),
    );
    expect(incident.goldstein).toBeCloseTo(-5.7, 10);
  });
});
