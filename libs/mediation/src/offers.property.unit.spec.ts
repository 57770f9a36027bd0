import fc from 'fast-check';
import { addDays, type CodedEventOverrides } from '@app/escalation';
import { offersAt } from './offers';
import { aMediation, anAcceptance, anOffer, aRejection, aReport, incidentsOfStory } from './testing/builders';

const actor = fc.constantFrom('IRN', 'PAK', 'AFG');
const mediator = fc.constantFrom('CHN', 'USA');
const date = fc.integer({ min: 0, max: 20 }).map((offset) => addDays('2024-01-10', offset));

const anEvent: fc.Arbitrary<CodedEventOverrides> = fc.oneof(
  fc.tuple(mediator, date, fc.boolean()).map(([m, d, three]) => anOffer(m, three ? ['AFG', 'IRN', 'PAK'] : ['IRN', 'PAK'], d)),
  fc.tuple(mediator, date).map(([m, d]) => aMediation(m, ['IRN', 'PAK'], d)),
  fc.tuple(actor, fc.oneof(mediator, actor), date).filter(([a, b]) => a !== b).map(([a, b, d]) => anAcceptance(a, b, d)),
  fc.tuple(actor, fc.oneof(mediator, actor), date).filter(([a, b]) => a !== b).map(([a, b, d]) => aRejection(a, b, d)),
);

const aStory = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 100 }), fc.array(anEvent, { minLength: 1, maxLength: 3 })).map(([hour, events]) =>
    aReport(new Date(Date.UTC(2024, 0, 10) + hour * 3_600_000).toISOString(), events),
  ),
  { maxLength: 8 },
);

describe('offersAt properties', () => {
  it('does not depend on the order of incidents', () => {
    fc.assert(
      fc.property(aStory, date, (story, day) => {
        const incidents = incidentsOfStory(story);
        expect(offersAt([...incidents].reverse(), { date: day })).toEqual(offersAt(incidents, { date: day }));
      }),
    );
  });

  it('applying the same reports twice changes nothing', () => {
    fc.assert(
      fc.property(aStory, (story) => {
        expect(offersAt(incidentsOfStory([...story, ...story]), { date: '2024-02-01' })).toEqual(offersAt(incidentsOfStory(story), { date: '2024-02-01' }));
      }),
    );
  });

  it('answering only some offers gives exactly those offers', () => {
    fc.assert(
      fc.property(aStory, fc.subarray(['CHN:IRN-PAK', 'USA:IRN-PAK', 'CHN:AFG-IRN-PAK', 'USA:AFG-IRN-PAK']), (story, ids) => {
        const incidents = incidentsOfStory(story);
        const only = new Set(ids);
        expect(offersAt(incidents, { date: '2024-02-01' }, only)).toEqual(offersAt(incidents, { date: '2024-02-01' }).filter((offer) => only.has(offer.offerId)));
      }),
    );
  });

  it('every response belongs to a party of its offer, at most one per party', () => {
    fc.assert(
      fc.property(aStory, (story) => {
        for (const offer of offersAt(incidentsOfStory(story), { date: '2024-02-01' })) {
          const parties = offer.responses.map((response) => response.party);
          expect(parties.every((party) => offer.parties.includes(party))).toBe(true);
          expect(new Set(parties).size).toBe(parties.length);
          expect(offer.firstReportedOn <= offer.lastReportedOn).toBe(true);
        }
      }),
    );
  });
});
