import { decodeCursor, encodeCursor } from './cursor';

describe('page cursors', () => {
  it('round-trips a composite checkpoint, including 64-bit values', () => {
    for (const checkpoint of [
      { transactionId: 0n, position: 0n },
      { transactionId: 742n, position: 1_000_001n },
      { transactionId: 2n ** 63n - 1n, position: 2n ** 63n - 1n },
    ]) {
      expect(decodeCursor(encodeCursor(checkpoint))).toEqual(checkpoint);
    }
  });

  it('is opaque: URL-safe text that does not show the positions', () => {
    const cursor = encodeCursor({ transactionId: 742n, position: 1234n });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('1234');
  });

  it.each([
    [''],
    ['742.1234'],
    ['not a cursor'],
    [Buffer.from('c1:abc.def').toString('base64url')],
    [Buffer.from('c2:1.2').toString('base64url')],
    [Buffer.from('c1:1.2.3').toString('base64url')],
    [Buffer.from(`c1:${2n ** 63n}.1`).toString('base64url')],
    ['x'.repeat(200)],
  ])('rejects %p', (cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});
