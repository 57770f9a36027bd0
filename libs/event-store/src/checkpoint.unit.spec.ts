import {
  BEGINNING,
  checkpointOf,
  checkpointsEqual,
  compareCheckpoints,
  decodeCheckpoint,
  encodeCheckpoint,
  isAfter,
  laterCheckpoint,
} from './checkpoint';

const at = (transactionId: bigint, position: bigint) => ({ transactionId, position });

describe('checkpoints', () => {
  it('order by transaction first, then by position', () => {
    expect(compareCheckpoints(at(5n, 900n), at(6n, 1n))).toBe(-1);
    expect(compareCheckpoints(at(6n, 1n), at(5n, 900n))).toBe(1);
    expect(compareCheckpoints(at(6n, 1n), at(6n, 2n))).toBe(-1);
    expect(compareCheckpoints(at(6n, 2n), at(6n, 2n))).toBe(0);
  });

  it('put the beginning before everything', () => {
    expect(isAfter(at(1n, 1n), BEGINNING)).toBe(true);
    expect(isAfter(BEGINNING, BEGINNING)).toBe(false);
  });

  it('pick the later of two and tell equal ones', () => {
    expect(laterCheckpoint(at(7n, 1n), at(6n, 99n))).toEqual(at(7n, 1n));
    expect(laterCheckpoint(at(6n, 1n), at(6n, 99n))).toEqual(at(6n, 99n));
    expect(checkpointsEqual(at(3n, 4n), at(3n, 4n))).toBe(true);
    expect(checkpointsEqual(at(3n, 4n), at(4n, 3n))).toBe(false);
  });

  it('come from an event', () => {
    expect(checkpointOf({ transactionId: 9n, globalPosition: 12n })).toEqual(at(9n, 12n));
  });

  it('round-trip through a cursor, beyond the range of a JavaScript number', () => {
    const big = at(18446744073709551615n, 9223372036854775807n);
    expect(encodeCheckpoint(big)).toBe('18446744073709551615.9223372036854775807');
    expect(decodeCheckpoint(encodeCheckpoint(big))).toEqual(big);
    expect(decodeCheckpoint('0.0')).toEqual(BEGINNING);
  });

  it.each(['', 'abc', '1', '1.', '.1', '-1.2', '1.2.3', '1.2 ', '123456789012345678901.1'])('rejects %p as a cursor', (cursor) => {
    expect(decodeCheckpoint(cursor)).toBeNull();
  });
});
