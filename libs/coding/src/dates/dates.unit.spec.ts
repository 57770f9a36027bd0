import { codeText } from '../testing/code-text';
import { addDays, localDateOf, weekday } from './calendar';
import { findDateExpressions } from './date-expressions';

describe('calendar', () => {
  it.each([
    ['2024-01-17T23:30:00+05:00', '2024-01-17'],
    ['2024-01-17T01:30:00-04:00', '2024-01-17'],
    ['2024-01-17T10:00:00Z', '2024-01-17'],
  ])('takes the local date of %s', (instant, date) => expect(localDateOf(instant)).toBe(date));

  it('knows weekdays and month ends', () => {
    expect(weekday('2024-01-16')).toBe(2);
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('date expressions', () => {
  const published = '2024-01-18';
  it.each([
    ['late Tuesday night', '2024-01-16'], ['on Thursday', '2024-01-18'], ['early on Wednesday', '2024-01-17'], ['On January 17', '2024-01-17'],
    ['on Jan. 16', '2024-01-16'], ['on 10 May 2023', '2023-05-10'], ['yesterday', '2024-01-17'], ['overnight', '2024-01-18'],
    ['last Thursday', '2024-01-11'], ['on December 28', '2023-12-28'],
  ])('%j → %s', (text, date) => {
    const found = findDateExpressions(text, published);
    expect(found[0]).toMatchObject({ kind: 'absolute', date });
  });
});

describe('incident dates in reports', () => {
  it.each([
    ['Thursday', 'Ethiopian jets struck Eritrean bases late on Tuesday night.', '2026-03-10'],
    ['Thursday', 'Ethiopian jets struck Eritrean bases overnight.', '2026-03-12'],
    ['Thursday', 'Ethiopian jets struck Eritrean bases before dawn.', '2026-03-12'],
    ['Thursday', 'On March 9, Ethiopian jets struck Eritrean bases.', '2026-03-09'],
    ['Thursday', 'Eritrea recalled its envoy on Wednesday, a day after Ethiopian jets struck Eritrean bases.', '2026-03-10'],
    ['Thursday', 'Eritrea shelled Ethiopian towns on Thursday, two days after Ethiopian jets struck Eritrean bases.', '2026-03-10'],
    ['Thursday', 'Ethiopian jets struck Eritrean bases.', '2026-03-12'],
  ])('published on %s: %j dates the Ethiopian strike %s', (_day, body, date) => {
    const strike = codeText(body, '2026-03-12T18:00:00+03:00').find((e) => e.category === 'STRIKE' && e.source.actor === 'ETH');
    expect(strike?.occurredOn).toBe(date);
  });

  it('uses the report\'s own offset, not UTC', () => {
    const [strike] = codeText('Thai jets bombed Cambodian positions overnight.', '2026-07-25T01:30:00+07:00');
    expect(strike.occurredOn).toBe('2026-07-25');
  });

  it('joins an undated restatement to the dated strike it restates', () => {
    const events = codeText('Azerbaijan shelled Armenian posts on Monday, killing two soldiers. Armenia said the shelling by Azerbaijan had killed three soldiers.', '2026-06-03T09:00:00+04:00');
    const strikes = events.filter((e) => e.category === 'STRIKE');
    expect(strikes).toHaveLength(1);
    expect(strikes[0].occurredOn).toBe('2026-06-01');
  });
});
