import { aClaim, aCeasefire, aLadderIncident, aStrike } from './testing/builders';
import { levelAt } from './ladder';
import type { LadderIncident } from './levels';

const at = (date: string) => ({ date });

describe('levelAt: the escalation ladder (SPEC §4)', () => {
  const cases: Array<[string, LadderIncident[], string | { date: string }, number]> = [
    // the rungs
    ['no incidents → CALM', [], at('2024-01-20'), 0],
    ['an appeal, an offer, talks → CALM', [aLadderIncident('APPEAL_FOR_RESTRAINT', 'CHN', null, '2024-01-18'), aLadderIncident('TALKS', 'IRN', null, '2024-01-18')], at('2024-01-20'), 0],
    ['an ACCUSATION → DIPLOMATIC_FRICTION', [aLadderIncident('ACCUSATION', 'PAK', 'IRN', '2024-01-17')], at('2024-01-20'), 1],
    ['a CONDEMNATION → DIPLOMATIC_FRICTION', [aLadderIncident('CONDEMNATION', 'PAK', 'IRN', '2024-01-17')], at('2024-01-20'), 1],
    ['a THREAT → COERCIVE_THREATS', [aLadderIncident('THREAT', 'PAK', 'IRN', '2024-01-17')], at('2024-01-20'), 2],
    ['a DIPLOMATIC_SANCTION → COERCIVE_THREATS', [aLadderIncident('DIPLOMATIC_SANCTION', 'PAK', 'IRN', '2024-01-17')], at('2024-01-20'), 2],
    ['one STRIKE → USE_OF_FORCE', [aStrike('IRN', 'PAK', '2024-01-16')], at('2024-01-20'), 3],
    ['two STRIKEs the same way → USE_OF_FORCE', [aStrike('IRN', 'PAK', '2024-01-16'), aStrike('IRN', 'PAK', '2024-01-17')], at('2024-01-20'), 3],
    // the 30-day window of whole dates
    ['a STRIKE on the window’s 30th date (T − 29) counts', [aStrike('IRN', 'PAK', '2024-01-01')], at('2024-01-30'), 3],
    ['a STRIKE on T − 30 is out of the window', [aStrike('IRN', 'PAK', '2023-12-31')], at('2024-01-30'), 0],
    ['a STRIKE dated T counts', [aStrike('IRN', 'PAK', '2024-01-30')], at('2024-01-30'), 3],
    ['a STRIKE dated after T does not count', [aStrike('IRN', 'PAK', '2024-01-31')], at('2024-01-30'), 0],
    // the 14-day exchange
    ['a STRIKE each way 14 days apart → EXCHANGE_OF_FIRE', [aStrike('IRN', 'PAK', '2024-01-01'), aStrike('PAK', 'IRN', '2024-01-15')], at('2024-01-20'), 4],
    ['a STRIKE each way 15 days apart → USE_OF_FORCE', [aStrike('IRN', 'PAK', '2024-01-01'), aStrike('PAK', 'IRN', '2024-01-16')], at('2024-01-20'), 3],
    ['answer before the strike, 14 days apart → EXCHANGE_OF_FIRE', [aStrike('PAK', 'IRN', '2024-01-01'), aStrike('IRN', 'PAK', '2024-01-15')], at('2024-01-20'), 4],
    ['a STRIKE each way the same day → EXCHANGE_OF_FIRE', [aStrike('PAK', 'IRN', '2024-01-16'), aStrike('IRN', 'PAK', '2024-01-16')], at('2024-01-20'), 4],
    ['exchange whose first strike left the window → USE_OF_FORCE', [aStrike('IRN', 'PAK', '2024-01-01'), aStrike('PAK', 'IRN', '2024-01-10')], at('2024-01-31'), 3],
    // armed conflict: strike days
    ['STRIKEs on 4 distinct days → USE_OF_FORCE', ['01', '03', '05', '07'].map((d) => aStrike('IRN', 'PAK', `2024-01-${d}`)), at('2024-01-20'), 3],
    ['STRIKEs on 5 distinct days → ARMED_CONFLICT', ['01', '03', '05', '07', '09'].map((d) => aStrike('IRN', 'PAK', `2024-01-${d}`)), at('2024-01-20'), 5],
    ['6 STRIKEs on 4 distinct days → USE_OF_FORCE', ['01', '01', '03', '05', '07', '07'].map((d) => aStrike('IRN', 'PAK', `2024-01-${d}`)), at('2024-01-20'), 3],
    ['5 strike days both ways → ARMED_CONFLICT', [aStrike('IRN', 'PAK', '2024-01-01'), aStrike('PAK', 'IRN', '2024-01-02'), aStrike('IRN', 'PAK', '2024-01-03'), aStrike('PAK', 'IRN', '2024-01-04'), aStrike('IRN', 'PAK', '2024-01-05')], at('2024-01-20'), 5],
    ['5 strike days, one out of the window → USE_OF_FORCE', ['01', '03', '05', '07', '09'].map((d) => aStrike('IRN', 'PAK', `2024-01-${d}`)), at('2024-01-31'), 3],
    // armed conflict: fatalities at the largest claim
    ['99 fatalities → USE_OF_FORCE', [aStrike('IRN', 'PAK', '2024-01-16', 99)], at('2024-01-20'), 3],
    ['100 fatalities → ARMED_CONFLICT', [aStrike('IRN', 'PAK', '2024-01-16', 100)], at('2024-01-20'), 5],
    ['60 + 40 over two STRIKEs → ARMED_CONFLICT', [aStrike('IRN', 'PAK', '2024-01-16', 60), aStrike('IRN', 'PAK', '2024-01-17', 40)], at('2024-01-20'), 5],
    ['two claimants, 30 and 99: the largest, not the sum → USE_OF_FORCE', [aStrike('IRN', 'PAK', '2024-01-16', [aClaim(30, 'IRN'), aClaim(99, 'PAK')])], at('2024-01-20'), 3],
    ['two claimants, 7 and 100 → ARMED_CONFLICT', [aStrike('IRN', 'PAK', '2024-01-16', [aClaim(7, 'IRN', 'at_least'), aClaim(100, 'PAK', 'approx')])], at('2024-01-20'), 5],
    ['unspecified counts add nothing', [aStrike('IRN', 'PAK', '2024-01-16', [aClaim(null, 'PAK', 'unspecified')])], at('2024-01-20'), 3],
    ['fatalities of a THREAT do not count toward 100', [aStrike('IRN', 'PAK', '2024-01-16', 50), aLadderIncident('THREAT', 'PAK', 'IRN', '2024-01-16', 60)], at('2024-01-20'), 3],
    ['100 fatalities with one of the strikes out of the window → USE_OF_FORCE', [aStrike('IRN', 'PAK', '2023-12-20', 60), aStrike('IRN', 'PAK', '2024-01-17', 40)], at('2024-01-20'), 3],
    // the ceasefire cap
    ['ceasefire the same day as the last STRIKE: no cap', [aStrike('IRN', 'PAK', '2024-01-10'), aStrike('PAK', 'IRN', '2024-01-12'), aCeasefire('2024-01-12')], at('2024-01-20'), 4],
    ['ceasefire the day after the last STRIKE caps at 2', [aStrike('IRN', 'PAK', '2024-01-10'), aStrike('PAK', 'IRN', '2024-01-12'), aCeasefire('2024-01-13')], at('2024-01-20'), 2],
    ['ceasefire caps ARMED_CONFLICT at 2', [...['01', '03', '05', '07', '09'].map((d) => aStrike('IRN', 'PAK', `2024-01-${d}`)), aCeasefire('2024-01-10')], at('2024-01-20'), 2],
    ['ceasefire caps a lone STRIKE at 2', [aStrike('IRN', 'PAK', '2024-01-10'), aCeasefire('2024-01-11')], at('2024-01-20'), 2],
    ['a STRIKE after the ceasefire lifts the cap', [aStrike('IRN', 'PAK', '2024-01-10'), aCeasefire('2024-01-11'), aStrike('PAK', 'IRN', '2024-01-15')], at('2024-01-20'), 4],
    ['a ceasefire dated after T does not cap at T', [aStrike('IRN', 'PAK', '2024-01-10'), aCeasefire('2024-01-21')], at('2024-01-20'), 3],
    ['a ceasefire does not lower friction', [aLadderIncident('THREAT', 'PAK', 'IRN', '2024-01-09'), aCeasefire('2024-01-11')], at('2024-01-20'), 2],
    ['a ceasefire before any STRIKE does not cap it', [aCeasefire('2024-01-05'), aStrike('IRN', 'PAK', '2024-01-10')], at('2024-01-20'), 3],
    // T with an offset: its date in its own offset
    ['T 23:30 at −05:00 is still the 16th: a STRIKE on the 17th is later', [aStrike('IRN', 'PAK', '2024-01-17')], '2024-01-16T23:30:00-05:00', 0],
    ['T 00:30 at +05:00 is the 17th (the 16th in UTC): the STRIKE counts', [aStrike('IRN', 'PAK', '2024-01-17')], '2024-01-17T00:30:00+05:00', 3],
    ['T in UTC: its UTC date', [aStrike('IRN', 'PAK', '2024-01-17')], '2024-01-17T00:00:00Z', 3],
    ['T 23:59 at −10:00 keeps T − 29 in the window', [aStrike('IRN', 'PAK', '2024-01-01')], '2024-01-30T23:59:00-10:00', 3],
    ['T 00:01 at +14:00 on the next date drops it', [aStrike('IRN', 'PAK', '2024-01-01')], '2024-01-31T00:01:00+14:00', 0],
    ['T 24:00 is the next date', [aStrike('IRN', 'PAK', '2024-01-01')], '2024-01-30T24:00:00Z', 0],
  ];

  it.each(cases)('%s', (_name, incidents, time, expected) => {
    expect(levelAt(incidents, time).level).toBe(expected);
  });

  it('names the level', () => {
    const names = [[], [aLadderIncident('ACCUSATION', 'PAK', 'IRN', '2024-01-17')], [aLadderIncident('THREAT', 'PAK', 'IRN', '2024-01-17')], [aStrike('IRN', 'PAK', '2024-01-16')], [aStrike('IRN', 'PAK', '2024-01-16'), aStrike('PAK', 'IRN', '2024-01-18')], [aStrike('IRN', 'PAK', '2024-01-16', 100)]].map(
      (incidents) => levelAt(incidents, at('2024-01-20')).levelName,
    );
    expect(names).toEqual(['CALM', 'DIPLOMATIC_FRICTION', 'COERCIVE_THREATS', 'USE_OF_FORCE', 'EXCHANGE_OF_FIRE', 'ARMED_CONFLICT']);
  });

  it('reports the window, the last incident date, the window fatalities and incident count', () => {
    const reading = levelAt([aStrike('IRN', 'PAK', '2023-12-01', 50), aStrike('IRN', 'PAK', '2024-01-16', [aClaim(2, 'PAK'), aClaim(5, 'IRN')]), aStrike('PAK', 'IRN', '2024-01-18', 7), aStrike('PAK', 'IRN', '2024-02-01', 9)], at('2024-01-20'));
    expect(reading).toMatchObject({ at: '2024-01-20', window: { from: '2023-12-22', to: '2024-01-20' }, lastIncidentOn: '2024-01-18', fatalities: 12, incidents: 2 });
  });

  it('rejects a T that is neither a date nor an instant with an offset', () => {
    expect(() => levelAt([], '2024-01-20T10:00:00')).toThrow(expect.objectContaining({ code: 'INVALID_EVALUATION_TIME' }));
    expect(() => levelAt([], at('2024-02-30'))).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
  });
});

describe('levelAt: the decayed index', () => {
  const cases: Array<[string, LadderIncident[], string, number]> = [
    ['a STRIKE on T counts 10', [aStrike('IRN', 'PAK', '2024-01-20')], '2024-01-20', 10],
    ['a STRIKE 7 days before T counts 5', [aStrike('IRN', 'PAK', '2024-01-13')], '2024-01-20', 5],
    ['a STRIKE 14 days before T counts 2.5', [aStrike('IRN', 'PAK', '2024-01-06')], '2024-01-20', 2.5],
    ['a THREAT 3 days before T counts 7 × 2^(−3/7)', [aLadderIncident('THREAT', 'PAK', 'IRN', '2024-01-17')], '2024-01-20', 7 * Math.pow(2, -3 / 7)],
    ['an offer lowers the index', [aStrike('IRN', 'PAK', '2024-01-20'), aLadderIncident('MEDIATION_OFFER', 'CHN', null, '2024-01-20')], '2024-01-20', 5],
    ['incidents beyond the window still count, decayed', [aStrike('IRN', 'PAK', '2023-12-11')], '2024-01-20', 10 * Math.pow(2, -40 / 7)],
    ['incidents after T do not count', [aStrike('IRN', 'PAK', '2024-01-21')], '2024-01-20', 0],
  ];
  it.each(cases)('%s', (_name, incidents, date, expected) => {
    expect(levelAt(incidents, at(date)).index).toBeCloseTo(expected, 10);
  });
});

describe('levelAt: level history and since', () => {
  const story = [
    aLadderIncident('THREAT', 'PAK', 'IRN', '2024-01-01'),
    aStrike('IRN', 'PAK', '2024-01-05'),
    aStrike('PAK', 'IRN', '2024-01-10'),
    aCeasefire('2024-01-12'),
  ];

  it('lists each date the level changed, including the days incidents leave the window', () => {
    expect(levelAt(story, at('2024-03-01')).levelHistory).toEqual([
      { at: '2024-01-01', level: 2, levelName: 'COERCIVE_THREATS' },
      { at: '2024-01-05', level: 3, levelName: 'USE_OF_FORCE' },
      { at: '2024-01-10', level: 4, levelName: 'EXCHANGE_OF_FIRE' },
      { at: '2024-01-12', level: 2, levelName: 'COERCIVE_THREATS' },
      { at: '2024-02-09', level: 0, levelName: 'CALM' },
    ]);
  });

  it('stops at T and gives since as the start of the current level', () => {
    const reading = levelAt(story, at('2024-01-11'));
    expect(reading.levelHistory.map((change) => change.at)).toEqual(['2024-01-01', '2024-01-05', '2024-01-10']);
    expect(reading.since).toBe('2024-01-10');
    expect(levelAt(story, at('2024-02-08'))).toMatchObject({ level: 2, since: '2024-01-12' });
    expect(levelAt(story, at('2024-02-09'))).toMatchObject({ level: 0, since: '2024-02-09' });
  });

  it('a level that merely persists records no change', () => {
    const reading = levelAt([aStrike('IRN', 'PAK', '2024-01-01'), aStrike('IRN', 'PAK', '2024-01-20')], at('2024-02-10'));
    expect(reading.levelHistory).toEqual([{ at: '2024-01-01', level: 3, levelName: 'USE_OF_FORCE' }]);
  });

  it('since is null for a dyad that has been calm throughout', () => {
    expect(levelAt([aLadderIncident('TALKS', 'IRN', null, '2024-01-01')], at('2024-01-20'))).toMatchObject({ level: 0, since: null, levelHistory: [] });
  });
});
