import { incidentsOfDyad } from './dyads';
import { incidentsKnownAt } from './incidents';
import { levelAt } from './ladder';
import { applyCoding, contributionsOfCodings, contributionsOfReport, reportCodingRecorded, type ReportState } from './report-ledger';
import { aClaim, aCoding } from './testing/builders';

const strike = (occurredOn: string, source = 'IRN', target = 'PAK', dead = 2) => ({ category: 'STRIKE' as const, source, target, occurredOn, fatalities: [aClaim(dead, target)] });

describe('supersedes', () => {
  const original = aCoding({ reportId: 'r1', recordedAt: '2024-01-17T08:00:00Z', events: [strike('2024-01-16', 'IRN', 'PAK', 2)] });
  const correction = aCoding({ reportId: 'r2', recordedAt: '2024-01-17T12:00:00Z', supersedes: 'r1', events: [strike('2024-01-16', 'IRN', 'PAK', 9)] });
  const rows = contributionsOfCodings([original, correction]);

  it('withdraws the earlier report: its figures no longer count', () => {
    expect(incidentsKnownAt(rows)).toEqual([expect.objectContaining({ sources: ['r2'], corroboration: 1, fatalities: [aClaim(9, 'PAK')] })]);
  });

  it('from the superseding report’s record time on, not before', () => {
    expect(incidentsKnownAt(rows, '2024-01-17T11:59:59Z')).toEqual([expect.objectContaining({ sources: ['r1'], fatalities: [aClaim(2, 'PAK')] })]);
    expect(incidentsKnownAt(rows, '2024-01-17T12:00:00Z')).toEqual([expect.objectContaining({ sources: ['r2'] })]);
    expect(incidentsKnownAt(rows, '2024-01-17T07:59:59Z')).toEqual([]);
  });

  it('a correction that drops an incident removes it and lowers the level', () => {
    const retraction = aCoding({ reportId: 'r2', recordedAt: '2024-01-17T12:00:00Z', supersedes: 'r1', events: [{ category: 'ACCUSATION', source: 'PAK', target: 'IRN' }] });
    const rowsAfter = contributionsOfCodings([original, retraction]);
    expect(levelAt(incidentsKnownAt(rowsAfter), { date: '2024-01-20' }).level).toBe(1);
    expect(levelAt(incidentsKnownAt(rowsAfter, '2024-01-17T09:00:00+00:00'), { date: '2024-01-20' }).level).toBe(3);
  });

  it('a correction recorded before the report it supersedes withdraws it from the start', () => {
    const early = aCoding({ reportId: 'r2', recordedAt: '2024-01-17T06:00:00Z', supersedes: 'r1', events: [] });
    expect(contributionsOfCodings([original, early])).toEqual([]);
  });

  it('a withdrawn report stays withdrawn when it is coded again', () => {
    const recoded = aCoding({ reportId: 'r1', recordedAt: '2024-02-01T00:00:00Z', coderVersion: 'coder-2', events: [strike('2024-01-16')] });
    const incidents = incidentsKnownAt(contributionsOfCodings([original, correction, recoded]));
    expect(incidents.flatMap((incident) => incident.sources)).toEqual(['r2']);
  });

  it('chains: r3 supersedes r2 which superseded r1', () => {
    const third = aCoding({ reportId: 'r3', recordedAt: '2024-01-18T00:00:00Z', supersedes: 'r2', events: [strike('2024-01-16', 'IRN', 'PAK', 11)] });
    const chain = contributionsOfCodings([third, original, correction]);
    expect(incidentsKnownAt(chain)[0].sources).toEqual(['r3']);
    expect(incidentsKnownAt(chain, '2024-01-17T13:00:00Z')[0].sources).toEqual(['r2']);
  });
});

describe('re-coding: only the newest coding of a report counts', () => {
  const first = aCoding({ reportId: 'r1', recordedAt: '2024-01-17T08:00:00Z', coderVersion: 'coder-1', events: [strike('2024-01-16'), { category: 'THREAT', source: 'PAK', target: 'IRN', occurredOn: '2024-01-17' }] });
  const second = aCoding({ reportId: 'r1', recordedAt: '2024-03-01T00:00:00Z', coderVersion: 'coder-2', events: [strike('2024-01-16', 'IRN', 'PAK', 3)] });
  const rows = contributionsOfCodings([second, first]);

  it('now: the newer coding replaces the older', () => {
    expect(incidentsKnownAt(rows).map((incident) => [incident.incidentId, incident.fatalities])).toEqual([['STRIKE|IRN|PAK|2024-01-16', [aClaim(3, 'PAK')]]]);
  });

  it('known before the re-coding: the older coding', () => {
    expect(incidentsKnownAt(rows, '2024-02-29T23:59:59Z').map((incident) => incident.incidentId)).toEqual(['STRIKE|IRN|PAK|2024-01-16', 'THREAT|PAK|IRN|2024-01-17']);
  });

  it('applying the same coding twice changes nothing', () => {
    expect(contributionsOfCodings([first, second, first, second])).toEqual(rows);
  });
});

describe('two clocks: asOf (valid time) and knownAt (record time)', () => {
  // IRN strikes PAK on 16 Jan (recorded 17 Jan). PAK's strike back on 18 Jan is only recorded on 5 Feb.
  const rows = contributionsOfCodings([
    aCoding({ reportId: 'r1', recordedAt: '2024-01-17T08:00:00Z', events: [strike('2024-01-16', 'IRN', 'PAK')] }),
    aCoding({ reportId: 'late', recordedAt: '2024-02-05T08:00:00Z', events: [strike('2024-01-18', 'PAK', 'IRN')] }),
  ]);
  const levelOf = (asOf: string, knownAt?: string) => levelAt(incidentsOfDyad(incidentsKnownAt(rows, knownAt), 'IRN-PAK'), { date: asOf }).level;

  it('a report recorded late changes asOf answers for past T', () => {
    expect(levelOf('2024-01-20')).toBe(4);
  });

  it('but not knownAt answers for times before it was recorded', () => {
    expect(levelOf('2024-01-20', '2024-01-20T12:00:00Z')).toBe(3);
    expect(levelOf('2024-01-20', '2024-02-05T07:59:59Z')).toBe(3);
    expect(levelOf('2024-01-20', '2024-02-05T08:00:00Z')).toBe(4);
  });

  it('asOf before the incidents: nothing had happened, whatever is known', () => {
    expect(levelOf('2024-01-15')).toBe(0);
  });

  it('knownAt compares instants, not strings: offsets are honoured', () => {
    expect(levelOf('2024-01-20', '2024-02-05T09:30:00+01:30')).toBe(4);
    expect(levelOf('2024-01-20', '2024-02-05T09:29:59+01:30')).toBe(3);
  });
});

describe('codings that say nothing', () => {
  const good = aCoding({ reportId: 'r1', recordedAt: '2024-01-17T08:00:00Z', events: [strike('2024-01-16')] });

  it('a coder error does not withdraw the earlier coding', () => {
    const failed = { ...aCoding({ reportId: 'r1', recordedAt: '2024-02-01T00:00:00Z', coderVersion: 'coder-2', events: [] }) };
    failed.data.skipped = 'coder_error';
    expect(incidentsKnownAt(contributionsOfCodings([good, failed]))).toHaveLength(1);
  });

  it('a newer coding that finds nothing (e.g. an unsupported language) does', () => {
    const nothing = aCoding({ reportId: 'r1', recordedAt: '2024-02-01T00:00:00Z', coderVersion: 'coder-2', events: [] });
    nothing.data.skipped = 'unsupported_language';
    expect(incidentsKnownAt(contributionsOfCodings([good, nothing]))).toHaveLength(0);
  });

  it('reportCodingRecorded turns a stored ReportCoded into a fact', () => {
    const fact = reportCodingRecorded({ type: 'ReportCoded', data: { reportId: 'r9', coderVersion: 'c', events: [], supersedes: 'r8' } }, '2024-01-01T00:00:00Z');
    expect(fact).toEqual({ type: 'ReportCodingRecorded', data: { reportId: 'r9', recordedAt: '2024-01-01T00:00:00Z', coderVersion: 'c', events: [], supersedes: 'r8' } });
  });
});

describe('applyCoding: the projector’s step', () => {
  it('returns the new state of the coded report and of the report it supersedes', () => {
    const states = new Map<string, ReportState>();
    const apply = (coding: ReturnType<typeof aCoding>) => applyCoding(coding, (id) => states.get(id)).forEach((state) => states.set(state.reportId, state));
    apply(aCoding({ reportId: 'r1', recordedAt: '2024-01-17T08:00:00Z', events: [strike('2024-01-16')] }));
    const touched = applyCoding(aCoding({ reportId: 'r2', recordedAt: '2024-01-17T12:00:00Z', supersedes: 'r1', events: [strike('2024-01-16', 'IRN', 'PAK', 9)] }), (id) => states.get(id));
    expect(touched.map((state) => [state.reportId, state.supersededAt])).toEqual([['r2', null], ['r1', '2024-01-17T12:00:00Z']]);
    expect(contributionsOfReport(touched[1]).map((row) => row.withdrawnAt)).toEqual(['2024-01-17T12:00:00Z']);
  });
});
