import type { Category } from '@app/contracts';
import { incidentsKnownAt } from './incidents';
import { levelAt } from './ladder';
import { contributionsOfCodings } from './report-ledger';
import { dyadActors, dyadId, dyadsOf, dyadsOfEvent, incidentsByDyad, incidentsOfDyad, isDyadId } from './dyads';
import { aCodedEvent, aCoding } from './testing/builders';

describe('dyads', () => {
  it('a dyad id is the two codes sorted and joined by "-"', () => {
    expect(dyadId('PAK', 'IRN')).toBe('IRN-PAK');
    expect(dyadId('IRN', 'PAK')).toBe('IRN-PAK');
    expect(dyadActors('IRN-PAK')).toEqual(['IRN', 'PAK']);
  });

  it.each(['PAK-IRN', 'IRN-IRN', 'irn-pak', 'IRN_PAK', 'IR-PAK', 'IRN-PAK-CHN'])('"%s" is not a dyad id', (text) => {
    expect(isDyadId(text)).toBe(false);
    expect(() => dyadActors(text)).toThrow(expect.objectContaining({ code: 'INVALID_DYAD' }));
  });

  const cases: Array<[Category, Partial<{ target: string; parties: string[] }>, string[]]> = [
    ['STRIKE', { target: 'IRN' }, ['IRN-PAK']],
    ['THREAT', { target: 'IRN' }, ['IRN-PAK']],
    ['DIPLOMATIC_SANCTION', { target: 'IRN' }, ['IRN-PAK']],
    ['ACCUSATION', { target: 'IRN' }, ['IRN-PAK']],
    ['CONDEMNATION', { target: 'IRN' }, ['IRN-PAK']],
    ['APPEAL_FOR_RESTRAINT', { parties: ['IRN', 'PAK'] }, ['IRN-PAK']],
    ['MEDIATION_OFFER', { parties: ['IRN', 'PAK'] }, ['IRN-PAK']],
    ['MEDIATION', { parties: ['AFG', 'IRN', 'PAK'] }, ['AFG-IRN', 'AFG-PAK', 'IRN-PAK']],
    ['TALKS', { parties: ['IRN', 'PAK'] }, ['IRN-PAK']],
    ['CEASEFIRE', { parties: ['IRN', 'PAK'] }, ['IRN-PAK']],
    ['MEDIATION_ACCEPTED', { target: 'CHN' }, []],
    ['MEDIATION_REJECTED', { target: 'IRN' }, []],
  ];
  it.each(cases)('%s by PAK (or CHN for third-party categories) %j → %j', (category, shape, expected) => {
    const thirdParty = ['APPEAL_FOR_RESTRAINT', 'MEDIATION_OFFER', 'MEDIATION'].includes(category);
    const source = thirdParty ? 'CHN' : 'PAK';
    const event = aCodedEvent({ category, source, ...shape });
    expect(dyadsOfEvent(event)).toEqual(expected);
  });

  it('an event without a target or with the same actor on both sides makes no dyad', () => {
    expect(dyadsOf({ category: 'STRIKE', source: 'PAK', target: null, parties: null })).toEqual([]);
    expect(dyadsOf({ category: 'STRIKE', source: 'PAK', target: 'PAK', parties: null })).toEqual([]);
  });
});

describe('incidents by dyad', () => {
  const incidents = incidentsKnownAt(
    contributionsOfCodings([
      aCoding({
        reportId: 'r1',
        events: [
          { category: 'STRIKE', source: 'IRN', target: 'PAK', occurredOn: '2024-01-10' },
          { category: 'CEASEFIRE', source: 'AFG', parties: ['AFG', 'IRN', 'PAK'], occurredOn: '2024-01-12' },
          { category: 'MEDIATION_OFFER', source: 'CHN', parties: ['IRN', 'PAK'], occurredOn: '2024-01-11' },
          { category: 'MEDIATION_REJECTED', source: 'PAK', target: 'CHN', occurredOn: '2024-01-11' },
        ],
      }),
    ]),
  );

  it('files each incident under every dyad it belongs to, never a third party’s', () => {
    const byDyad = incidentsByDyad(incidents);
    expect([...byDyad.keys()].sort()).toEqual(['AFG-IRN', 'AFG-PAK', 'IRN-PAK']);
    expect(byDyad.get('IRN-PAK')!.map((incident) => incident.category).sort()).toEqual(['CEASEFIRE', 'MEDIATION_OFFER', 'STRIKE']);
  });

  it('a ceasefire among three parties caps each of their dyads', () => {
    expect(levelAt(incidentsOfDyad(incidents, 'IRN-PAK'), { date: '2024-01-20' }).level).toBe(2);
  });
});
