import { toAppendResults, type AppendRow } from './append-results';
import type { StreamAppend } from './types';

const row = (streamIndex: number, status: AppendRow['status'], version: number, position: number, streamId = 's'): AppendRow => ({
  stream_index: String(streamIndex),
  status,
  stream_id: streamId,
  first_version: String(version),
  last_version: String(version),
  transaction_id: '77',
  first_position: String(position),
  last_position: String(position),
});

describe('append results', () => {
  const appends: StreamAppend[] = [
    { streamId: 'a', expected: 'any', events: [] },
    { streamId: 'b', expected: 'any', events: [], idempotencyKey: 'key-b' },
    { streamId: 'c', expected: 3, events: [] },
  ];

  it('fold one row per stored event into one range per stream, in input order, leaving conflicts open', () => {
    const results = toAppendResults(appends, [
      row(1, 'appended', 5, 12, 'a'),
      row(1, 'appended', 4, 11, 'a'),
      row(1, 'appended', 6, 13, 'a'),
      { ...row(2, 'duplicate', 1, 3, 'b'), last_version: '2', last_position: '4' },
    ]);
    expect(results[0]).toEqual({
      status: 'appended',
      streamId: 'a',
      firstVersion: 4,
      lastVersion: 6,
      firstPosition: 11n,
      lastPosition: 13n,
      transactionId: 77n,
      checkpoint: { transactionId: 77n, position: 13n },
      nextExpectedVersion: 6,
    });
    expect(results[1]).toMatchObject({ status: 'duplicate', idempotencyKey: 'key-b', firstVersion: 1, lastVersion: 2, lastPosition: 4n });
    expect(results[2]).toBeUndefined();
  });
});
