import { aClaim, aCoding, contributionsOfCodings, incidentsKnownAt, levelAt } from '@app/escalation';
import { offersAt } from '@app/mediation';
import { applyCoding } from './apply-coding';
import type { RecordedCoding } from './coding-diff';
import { diffCoding } from './coding-diff';
import { ladderIncidentsOf, levelOn } from './dyad-evaluation';
import { ALL_DATES } from './offer-evaluation';
import { offersTouchedBy } from './offer-scope';
import { ReadModelState } from './read-model-state';
import { isCurrent, toContributionRow, type ContributionRow } from './rows';
import { randomHistory, SMALL_WORLD } from '../testing/random-history';

const clock = () => '2030-01-01T00:00:00.000Z';

function recorded(overrides: Parameters<typeof aCoding>[0]): RecordedCoding {
  const { data } = aCoding(overrides);
  return { coded: { reportId: data.reportId, coderVersion: data.coderVersion, events: data.events, supersedes: data.supersedes }, recordedAt: data.recordedAt };
}

const strike = (source: string, target: string, occurredOn: string, dead = 0) => ({ category: 'STRIKE' as const, source, target, occurredOn, fatalities: dead ? [aClaim(dead, target)] : [] });

describe('applyCoding (in memory)', () => {
  it('given a strike each way, when applied, then the dyad reaches EXCHANGE_OF_FIRE with one alert per change', () => {
    const state = new ReadModelState();
    applyCoding(state, recorded({ reportId: 'r1', recordedAt: '2024-01-17T00:00:00.000Z', events: [strike('IRN', 'PAK', '2024-01-16', 2)] }), clock);
    applyCoding(state, recorded({ reportId: 'r2', recordedAt: '2024-01-19T00:00:00.000Z', events: [strike('PAK', 'IRN', '2024-01-18', 7)] }), clock);
    const changes = state.takeChanges();
    expect(state.dyads.get('IRN-PAK')).toMatchObject({ alertLevel: 4, evaluatedOn: '2024-01-18' });
    expect(changes.alerts.map((alert) => [alert.key, (alert.payload as any).fromLevel, (alert.payload as any).toLevel])).toEqual([
      ['IRN-PAK', 0, 3],
      ['IRN-PAK', 3, 4],
    ]);
  });

  it('given a coding already applied, when applied again, then nothing changes', () => {
    const state = new ReadModelState();
    const coding = recorded({ reportId: 'r1', events: [strike('IRN', 'PAK', '2024-01-16')] });
    applyCoding(state, coding, clock);
    state.takeChanges();
    applyCoding(state, coding, clock);
    const changes = state.takeChanges();
    expect([changes.reports.size, changes.contributionUpserts.size, changes.dyads.size, changes.alerts.length]).toEqual([0, 0, 0, 0]);
  });

  it('given a correction, when applied, then the superseded rows are withdrawn at its record time and the level falls', () => {
    const state = new ReadModelState();
    applyCoding(state, recorded({ reportId: 'r1', recordedAt: '2024-01-17T00:00:00.000Z', events: [strike('IRN', 'PAK', '2024-01-16')] }), clock);
    applyCoding(state, recorded({ reportId: 'r2', recordedAt: '2024-01-18T00:00:00.000Z', supersedes: 'r1', events: [{ category: 'THREAT', source: 'IRN', target: 'PAK', occurredOn: '2024-01-16' }] }), clock);
    const changes = state.takeChanges();
    const withdrawn = [...changes.contributionUpserts.values()].find((row) => row.contribution.reportId === 'r1');
    expect(withdrawn?.contribution.withdrawnAt).toBe('2024-01-18T00:00:00.000Z');
    expect(state.dyads.get('IRN-PAK')?.alertLevel).toBe(2);
  });

  it('reports the touched dyads and offer rows of a coding without changing the state it reads', () => {
    const diff = diffCoding(() => undefined, recorded({ reportId: 'r1', events: [strike('IRN', 'PAK', '2024-01-16'), { category: 'MEDIATION_OFFER', source: 'CHN', parties: ['IRN', 'PAK'] }] }));
    expect([...diff.touchedDyads.keys()]).toEqual(['IRN-PAK']);
    expect(diff.touchedMediation).toHaveLength(1);
  });
});

describe('ladderIncidentsOf', () => {
  it('merges contributions into the incidents the ladder reads exactly as incidentsKnownAt does', () => {
    const rows = contributionsOfCodings([
      aCoding({ reportId: 'a', events: [strike('IRN', 'PAK', '2024-01-16', 2), { category: 'THREAT', source: 'PAK', target: 'IRN', occurredOn: '2024-01-17' }] }),
      aCoding({ reportId: 'b', recordedAt: '2024-01-19T00:00:00Z', events: [strike('IRN', 'PAK', '2024-01-16', 9), strike('PAK', 'IRN', '2024-01-18', 120)] }),
    ]);
    const light = ladderIncidentsOf(rows);
    const full = incidentsKnownAt(rows);
    expect(light.map(({ key, ...rest }) => [key, rest])).toEqual(full.map((incident) => [incident.incidentId, { category: incident.category, source: incident.source, target: incident.target, occurredOn: incident.occurredOn, goldstein: incident.goldstein, fatalities: incident.fatalities }]));
    expect(levelOn(light, '2024-01-20')).toBe(levelAt(full, { date: '2024-01-20' }).level);
  });
});

describe('offersTouchedBy', () => {
  const offerRow = toContributionRow(contributionsOfCodings([aCoding({ reportId: 'o', events: [{ category: 'MEDIATION_OFFER', source: 'CHN', parties: ['IRN', 'PAK'] }] })])[0]);
  const answerRow = toContributionRow(contributionsOfCodings([aCoding({ reportId: 'x', events: [{ category: 'MEDIATION_ACCEPTED', source: 'PAK', target: 'CHN' }] })])[0]);
  const known = [{ offerId: 'CHN:IRN-PAK', mediator: 'CHN', parties: ['IRN', 'PAK'] }, { offerId: 'CHN:IND-NPL', mediator: 'CHN', parties: ['IND', 'NPL'] }];

  it('an offer row touches its own offer', () => {
    expect([...offersTouchedBy([offerRow], () => []).keys()]).toEqual(['CHN:IRN-PAK']);
  });

  it("an answer touches the mediator's offers to the answering party, not the mediator's other offers", () => {
    expect([...offersTouchedBy([answerRow], (actor) => known.filter((offer) => offer.parties.includes(actor) || offer.mediator === actor)).keys()]).toEqual(['CHN:IRN-PAK']);
  });
});

describe('ReadModelState.currentMediationIncidentsFor', () => {
  it.each([1, 2, 3, 4])('gives offersAt the same offers as every current mediation incident merged afresh, after every coding of random history %i', (seed) => {
    const state = new ReadModelState();
    const written = new Map<string, ContributionRow>();
    // Few days, so that reports often corroborate an incident that a later correction withdraws from; six states,
    // so that mediators and answers come from outside an offer as well as from inside it.
    const crowded = { ...SMALL_WORLD, actors: ['IRN', 'PAK', 'QAT', 'TUR', 'EGY', 'USA'], days: 4 };
    let compared = 0;
    randomHistory(seed, 300, crowded).forEach((spec, index) => {
      const coderVersion = spec.coderVersion ?? 'coder-1';
      const events = (spec.events ?? [{}]).map((event, position) => ({ eventId: `${spec.reportId}#${coderVersion}#${position}`, ...event }));
      applyCoding(state, recorded({ ...spec, coderVersion, events, recordedAt: new Date(Date.UTC(2024, 3, 1) + index * 60_000).toISOString() }), clock);
      const changes = state.takeChanges();
      for (const id of changes.contributionDeletes) written.delete(id);
      for (const [id, row] of changes.contributionUpserts) written.set(id, row);
      const everyIncident = incidentsKnownAt([...written.values()].filter((row) => isCurrent(row) && row.mediation).map((row) => row.contribution));
      const offers = offersAt(everyIncident, ALL_DATES);
      for (const [index, offer] of offers.entries()) {
        const wanted = [offer, offers[(index + 1) % offers.length]];
        const ids = new Set(wanted.map((one) => one.offerId));
        const keys = wanted.map(({ offerId, mediator, parties }) => ({ offerId, mediator, parties }));
        expect(offersAt(state.currentMediationIncidentsFor(keys), ALL_DATES, ids)).toEqual(offersAt(everyIncident, ALL_DATES, ids));
        compared += 1;
      }
    });
    expect(compared).toBeGreaterThan(100);
  });
});
