import fc from 'fast-check';
import { addDays } from './calendar';
import { levelAt, standingAt } from './ladder';
import type { LadderIncident } from './levels';
import { aClaim, aLadderIncident } from './testing/builders';
import type { Category } from '@app/contracts';

const START = '2024-01-01';
const T = { date: '2024-03-15' };

const anyCategory = fc.constantFrom<Category>('STRIKE', 'STRIKE', 'THREAT', 'DIPLOMATIC_SANCTION', 'ACCUSATION', 'CONDEMNATION', 'CEASEFIRE', 'TALKS', 'MEDIATION_OFFER');
const direction = fc.constantFrom<[string, string]>(['IRN', 'PAK'], ['PAK', 'IRN']);

const anIncident = (categories: fc.Arbitrary<Category>) =>
  fc.record({ category: categories, way: direction, offset: fc.integer({ min: 0, max: 90 }), dead: fc.option(fc.integer({ min: 0, max: 60 })) }).map(
    ({ category, way, offset, dead }): LadderIncident =>
      aLadderIncident(category, way[0], category === 'CEASEFIRE' || category === 'TALKS' || category === 'MEDIATION_OFFER' ? null : way[1], addDays(START, offset), dead === null ? [] : [aClaim(dead, way[1])]),
  );

const incidents = fc.array(anIncident(anyCategory), { maxLength: 25 });
const withoutCeasefires = fc.array(anIncident(fc.constantFrom<Category>('STRIKE', 'THREAT', 'ACCUSATION', 'TALKS')), { maxLength: 20 });
const aStrikeIncident = anIncident(fc.constant<Category>('STRIKE'));

describe('levelAt properties', () => {
  it('does not depend on the order incidents are given in', () => {
    fc.assert(
      fc.property(incidents, fc.integer(), (list, seed) => {
        const shuffled = [...list].sort((a, b) => ((hash(a, seed) - hash(b, seed)) || 0));
        const [x, y] = [levelAt(list, T), levelAt(shuffled, T)];
        expect({ ...y, index: 0 }).toEqual({ ...x, index: 0 });
        expect(y.index).toBeCloseTo(x.index, 9);
      }),
    );
  });

  it('never falls when a STRIKE is added, absent ceasefires', () => {
    fc.assert(
      fc.property(withoutCeasefires, aStrikeIncident, (list, strike) => {
        expect(levelAt([...list, strike], T).level).toBeGreaterThanOrEqual(levelAt(list, T).level);
      }),
    );
  });

  it('level history agrees with a day-by-day evaluation', () => {
    fc.assert(
      fc.property(incidents, (list) => {
        const { levelHistory } = levelAt(list, T);
        for (let offset = 0; offset <= 74; offset++) {
          const day = addDays(START, offset);
          const fromHistory = [...levelHistory].reverse().find((change) => change.at <= day)?.level ?? 0;
          expect(levelAt(list, { date: day }).level).toBe(fromHistory);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the current level is the last entry of the history, since its date', () => {
    fc.assert(
      fc.property(incidents, (list) => {
        const reading = levelAt(list, T);
        const last = reading.levelHistory[reading.levelHistory.length - 1];
        expect(reading.level).toBe(last?.level ?? 0);
        expect(reading.since).toBe(last?.at ?? null);
      }),
    );
  });

  it('the standing without history is the reading without history, at any date', () => {
    fc.assert(
      fc.property(incidents, fc.integer({ min: -5, max: 130 }), (list, offset) => {
        const at = { date: addDays(START, offset) };
        const { levelHistory, ...reading } = levelAt(list, at);
        expect(standingAt(list, at)).toEqual(reading);
        expect(levelHistory.length > 0 || reading.since === null).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});


function hash(incident: LadderIncident, seed: number): number {
  let h = seed | 0;
  for (const ch of JSON.stringify(incident)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h;
}
