import fc from 'fast-check';
import type { WireReport } from '@app/contracts';
import { code } from './code';
import { incidentKey } from './events/merge';

const STATES = ['Ethiopia', 'Eritrea', 'Armenia', 'Azerbaijan', 'Thailand', 'Cambodia', 'Rwanda', 'Kenya', 'Qatar', 'Turkey'];
const VERBS = ['shelled', 'struck', 'bombed', 'attacked', 'condemned', 'accused', 'warned', 'urged', 'recalled its envoy from', 'held talks with'];
const TAILS = ['on Tuesday.', 'late on Monday, killing 12 soldiers.', 'overnight.', 'of serious consequences.', 'to show restraint.', 'on Jan. 3.', '.'];

const sentence = fc.tuple(fc.constantFrom(...STATES), fc.constantFrom(...VERBS), fc.constantFrom(...STATES), fc.constantFrom(...TAILS)).map(([a, verb, b, tail]) => `${a} ${verb} ${b} ${tail}`);
const report = fc.record({
  sentences: fc.array(sentence, { minLength: 1, maxLength: 6 }),
  day: fc.integer({ min: 1, max: 28 }),
  offset: fc.constantFrom('+03:00', '-04:00', 'Z', '+05:30'),
}).map(({ sentences, day, offset }): WireReport => ({
  reportId: `prop-${day}`, source: 'Prop Wire', publishedAt: `2026-03-${String(day).padStart(2, '0')}T23:30:00${offset}`, body: sentences.join(' '),
}));

describe('coder properties', () => {
  it('is deterministic', () => {
    fc.assert(fc.property(report, (r) => expect(code(r)).toEqual(code({ ...r }))));
  });

  it('merges: no two events of a report share an incident key, and ids are unique', () => {
    fc.assert(fc.property(report, (r) => {
      const events = code(r);
      const keys = events.map((e) => incidentKey(e, e.occurredOn));
      expect(new Set(keys).size).toBe(keys.length);
      expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    }));
  });

  it('produces well-formed events', () => {
    fc.assert(fc.property(report, (r) => {
      for (const event of code(r)) {
        expect(event.confidence).toBeGreaterThanOrEqual(0);
        expect(event.confidence).toBeLessThanOrEqual(1);
        expect(event.occurredOn <= r.publishedAt.slice(0, 10)).toBe(true);
        expect(event.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        if (event.parties) {
          expect(event.parties).toEqual([...event.parties].sort());
          expect(event.parties.length).toBeGreaterThanOrEqual(2);
          expect(event.target).toBeUndefined();
        } else {
          expect(event.target?.actor).not.toBe(event.source.actor);
        }
        const claimants = event.fatalities.map((c) => c.claimedBy);
        expect(new Set(claimants).size).toBe(claimants.length);
      }
    }));
  });

  it('codes nothing in a language other than English', () => {
    fc.assert(fc.property(report, fc.constantFrom('fr', 'ar', 'ur', 'de'), (r, language) => expect(code({ ...r, language })).toEqual([])));
  });

  it('gives the same incident the same id in every run', () => {
    const r: WireReport = { reportId: 'fixed', source: 's', publishedAt: '2026-03-12T10:00:00+03:00', body: 'Eritrea shelled Ethiopian positions on Tuesday.' };
    expect(code(r)[0].eventId).toBe(code(r)[0].eventId);
    expect(code({ ...r, reportId: 'other' })[0].eventId).not.toBe(code(r)[0].eventId);
  });
});
