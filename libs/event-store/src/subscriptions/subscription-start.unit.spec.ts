import { BEGINNING } from '../checkpoint';
import { initialCheckpoint, retryDelay } from './subscription-start';

describe('where a new subscription starts', () => {
  const head = { transactionId: 40n, position: 7n };

  it('from the beginning, from the visible head, or from a given checkpoint', () => {
    expect(initialCheckpoint('beginning', head)).toEqual(BEGINNING);
    expect(initialCheckpoint('now', head)).toEqual(head);
    expect(initialCheckpoint({ transactionId: 3n, position: 1n }, head)).toEqual({ transactionId: 3n, position: 1n });
  });
});

describe('retry delays', () => {
  it('double from the base up to the cap, and are zero before any failure', () => {
    expect([0, 1, 2, 3, 4, 10, 1000].map((failures) => retryDelay(failures, 100, 1000))).toEqual([0, 100, 200, 400, 800, 1000, 1000]);
  });
});
