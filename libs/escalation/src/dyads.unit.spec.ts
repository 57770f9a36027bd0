import type { Category } from '@app/contracts';
import { dyadActors, dyadId, dyadsOf, dyadsOfEvent, isDyadId } from './dyads';
import { aCodedEvent } from './testing/builders';

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
