import { addDays, compareInstants, daysBetween, evaluationDate, isValidDate } from './calendar';

describe('calendar', () => {
  it.each([
    [{ date: '2024-02-29' }, '2024-02-29'],
    ['2024-01-16', '2024-01-16'],
    ['2024-01-16T23:30:00-05:00', '2024-01-16'],
    ['2024-01-17T00:30:00+05:00', '2024-01-17'],
    ['2024-01-17T04:59:59.999Z', '2024-01-17'],
    ['2024-01-17T00:30+0530', '2024-01-17'],
    ['2024-12-31T24:00:00+01:00', '2025-01-01'],
  ])('the evaluation date of %j is %s', (time, date) => {
    expect(evaluationDate(time)).toBe(date);
  });

  it.each(['2024-01-16T10:00:00', '2024-13-01', '2023-02-29', '2024-01-16T25:00:00Z', 'yesterday', '2024-01-16T24:30:00Z'])('rejects %s', (text) => {
    expect(() => evaluationDate(text)).toThrow();
  });

  it('date arithmetic crosses months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2023-12-31', '2024-01-30')).toBe(30);
    expect(isValidDate('2024-02-30')).toBe(false);
  });

  it('instants are compared as moments, whatever their offsets', () => {
    expect(compareInstants('2024-01-17T00:30:00+05:00', '2024-01-16T19:30:00Z')).toBe(0);
    expect(compareInstants('2024-01-17T00:30:00+05:00', '2024-01-16T19:00:00Z')).toBeGreaterThan(0);
  });
});
