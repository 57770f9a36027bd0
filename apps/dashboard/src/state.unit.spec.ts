import { endOfDay, formatClaims } from './format';
import { indexSeries } from './charts';
import { clockParams, formatHash, parseHash, type ViewState } from './state';

describe('view state in the URL hash', () => {
  const state = (patch: Partial<ViewState>): ViewState => ({
    view: 'board',
    dyad: null,
    asOf: null,
    knewThen: false,
    actor: null,
    minLevel: 0,
    status: null,
    large: false,
    ...patch,
  });

  it.each([
    state({}),
    state({ view: 'dyad', dyad: 'IRN-PAK', asOf: '2024-01-17', knewThen: true }),
    state({ view: 'mediation', status: 'OFFERED', actor: 'CHN', large: true }),
    state({ asOf: '2024-01-20', actor: 'PAK', minLevel: 3 }),
  ])('round-trips %o', (original) => {
    expect(parseHash(formatHash(original))).toEqual(original);
  });

  it('reads a link by hand and ignores what it cannot use', () => {
    expect(parseHash('#/dyad/irn-pak?asOf=2024-13-45&minLevel=9&actor=pakistan&knownAt=asOf')).toEqual(
      state({ view: 'dyad', dyad: 'IRN-PAK', minLevel: 5, knewThen: true }),
    );
    expect(parseHash('')).toEqual(state({}));
    expect(parseHash('#main')).toEqual(state({}));
  });

  it('asks the API for the end of the chosen day, and for the same record time "as we knew it then"', () => {
    expect(clockParams({ asOf: null, knewThen: true }, endOfDay)).toEqual({});
    expect(clockParams({ asOf: '2024-01-17', knewThen: false }, endOfDay)).toEqual({ asOf: '2024-01-17T23:59:59.999Z' });
    expect(clockParams({ asOf: '2024-01-17', knewThen: true }, endOfDay)).toEqual({ asOf: '2024-01-17T23:59:59.999Z', knownAt: '2024-01-17T23:59:59.999Z' });
  });
});

describe('what the dashboard computes for display', () => {
  it('lists casualty claims per claimant with their qualifiers', () => {
    expect(
      formatClaims([
        { count: 7, qualifier: 'at_least', claimedBy: 'IRN' },
        { count: 2, qualifier: 'exact', claimedBy: 'PAK' },
        { count: null, qualifier: 'unspecified', claimedBy: null },
      ]),
    ).toBe('≥7 per IRN; 2 per PAK; some per unattributed');
    expect(formatClaims([])).toBe('—');
  });

  it('decays the index by half every 7 days (SPEC §4)', () => {
    const strike = { category: 'STRIKE', source: 'IRN', target: 'PAK', parties: null, occurredOn: '2024-01-16', goldstein: -10, sources: ['a'], corroboration: 1, fatalities: [] };
    const day = Date.parse('2024-01-16T00:00:00Z') / 86_400_000;
    const series = indexSeries([strike], day - 1, day + 14);
    expect(series[0]).toBe(0);
    expect(series[1]).toBeCloseTo(10);
    expect(series[8]).toBeCloseTo(5);
    expect(series[15]).toBeCloseTo(2.5);
  });
});
