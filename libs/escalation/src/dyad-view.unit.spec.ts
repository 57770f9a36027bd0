import fc from 'fast-check';
import { currentLevel, dyadChangeAlert, dyadViewAt, triggerFor } from './dyad-view';
import { incidentsKnownAt } from './incidents';
import { levelAt } from './ladder';
import { contributionsOfCodings } from './report-ledger';
import { aClaim, aCodedEvent, aCoding, aLadderIncident, aStrike } from './testing/builders';
import { addDays } from './calendar';

// SPEC's opening example: Iran strikes Pakistan on Tuesday, Pakistan threatens on Wednesday and strikes back
// on Thursday; China appeals for restraint and offers to mediate.
const story = [
  aCoding({
    reportId: 'app-0031',
    recordedAt: '2024-01-17T06:00:00Z',
    events: [
      { category: 'STRIKE', source: 'IRN', target: 'PAK', occurredOn: '2024-01-16', fatalities: [aClaim(2, 'PAK')] },
      { category: 'THREAT', source: 'PAK', target: 'IRN', occurredOn: '2024-01-17' },
    ],
  }),
  aCoding({
    reportId: 'app-0042',
    recordedAt: '2024-01-18T07:00:00Z',
    events: [
      { category: 'STRIKE', source: 'PAK', target: 'IRN', occurredOn: '2024-01-18', fatalities: [aClaim(7, 'IRN', 'at_least')] },
      { category: 'CONDEMNATION', source: 'PAK', target: 'IRN', occurredOn: '2024-01-17' },
      { category: 'APPEAL_FOR_RESTRAINT', source: 'CHN', parties: ['IRN', 'PAK'], occurredOn: '2024-01-18' },
      { category: 'MEDIATION_OFFER', source: 'CHN', parties: ['IRN', 'PAK'], occurredOn: '2024-01-18', conditions: ['if both sides so wish'] },
      { category: 'STRIKE', source: 'IRN', target: 'PAK', occurredOn: '2024-01-16', fatalities: [aClaim(2, 'PAK')] },
    ],
  }),
];

describe('dyadViewAt: the SPEC example', () => {
  const incidents = incidentsKnownAt(contributionsOfCodings(story));

  it('IRN-PAK stands at EXCHANGE_OF_FIRE with its history, incidents and fatalities', () => {
    const view = dyadViewAt('IRN-PAK', incidents, '2024-01-18T12:00:00+05:00');
    expect(view).toMatchObject({
      dyad: 'IRN-PAK',
      actors: ['IRN', 'PAK'],
      level: 4,
      levelName: 'EXCHANGE_OF_FIRE',
      since: '2024-01-18',
      lastIncidentOn: '2024-01-18',
      fatalities: 9,
      incidentCount: 6,
      levelHistory: [
        { at: '2024-01-16', level: 3, levelName: 'USE_OF_FORCE' },
        { at: '2024-01-18', level: 4, levelName: 'EXCHANGE_OF_FIRE' },
      ],
    });
    expect(view.incidents.find((incident) => incident.incidentId === 'STRIKE|IRN|PAK|2024-01-16')).toMatchObject({ sources: ['app-0031', 'app-0042'], corroboration: 2 });
  });

  it('the third party makes no dyad', () => {
    expect(dyadViewAt('CHN-IRN', incidents, { date: '2024-01-18' })).toMatchObject({ level: 0, incidentCount: 0, lastIncidentOn: null });
  });

  it('known before the second report: USE_OF_FORCE, with the threat', () => {
    const earlier = incidentsKnownAt(contributionsOfCodings(story), '2024-01-17T12:00:00Z');
    expect(dyadViewAt('IRN-PAK', earlier, { date: '2024-01-18' })).toMatchObject({ level: 3, incidentCount: 2 });
  });
});

describe('the alert a report causes', () => {
  it('picks the weightiest event of the report in the dyad as its trigger', () => {
    const events = story[1].data.events;
    expect(triggerFor(events, 'IRN-PAK', 'app-0042')).toEqual({ eventId: 'app-0042#0', reportId: 'app-0042', category: 'STRIKE' });
    expect(triggerFor([], 'IRN-PAK', 'app-0042')).toBeNull();
    expect(triggerFor([aCodedEvent({ eventId: 'x', category: 'THREAT', source: 'AFG', target: 'PAK' })], 'IRN-PAK', 'r')).toMatchObject({ eventId: 'x' });
  });

  it('alerts when the current level changes, not otherwise', () => {
    const before = [aStrike('IRN', 'PAK', '2024-01-16')];
    const after = [...before, aStrike('PAK', 'IRN', '2024-01-18')];
    const trigger = { eventId: 'e', reportId: 'r', category: 'STRIKE' as const };
    expect(dyadChangeAlert({ dyad: 'IRN-PAK', before, after, at: '2024-01-18T12:00:00Z', trigger, emittedAt: '2024-01-18T12:00:01Z' })).toMatchObject({ fromLevel: 3, toLevel: 4, at: '2024-01-18T12:00:00Z' });
    expect(dyadChangeAlert({ dyad: 'IRN-PAK', before, after: [...before, aStrike('IRN', 'PAK', '2024-01-17')], at: { date: '2024-01-18' }, trigger, emittedAt: 'now' })).toBeNull();
  });
});

describe('currentLevel', () => {
  it('agrees with levelAt', () => {
    const anIncident = fc
      .record({ category: fc.constantFrom('STRIKE' as const, 'THREAT' as const, 'ACCUSATION' as const, 'CEASEFIRE' as const), way: fc.boolean(), offset: fc.integer({ min: 0, max: 60 }), dead: fc.integer({ min: 0, max: 60 }) })
      .map(({ category, way, offset, dead }) => aLadderIncident(category, way ? 'IRN' : 'PAK', category === 'CEASEFIRE' ? null : way ? 'PAK' : 'IRN', addDays('2024-01-01', offset), dead));
    fc.assert(
      fc.property(fc.array(anIncident, { maxLength: 20 }), fc.integer({ min: 0, max: 70 }), (incidents, offset) => {
        const at = { date: addDays('2024-01-01', offset) };
        expect(currentLevel(incidents, at)).toBe(levelAt(incidents, at).level);
      }),
    );
  });
});
