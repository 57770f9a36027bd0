import { normalizeExpected, satisfiesExpected, toAppendParameters, validateAppends } from './append-plan';
import { InvalidAppendError } from './errors';
import type { ExpectedVersion, StreamAppend } from './types';

describe('expected versions', () => {
  it('normalize to a kind and a version; 0 means the stream does not exist yet', () => {
    expect(normalizeExpected(0)).toEqual({ kind: 'no_stream', version: 0 });
    expect(normalizeExpected(7)).toEqual({ kind: 'exact', version: 7 });
    expect(normalizeExpected('no_stream')).toEqual({ kind: 'no_stream', version: 0 });
    expect(normalizeExpected('stream_exists')).toEqual({ kind: 'stream_exists', version: 0 });
    expect(normalizeExpected('any')).toEqual({ kind: 'any', version: 0 });
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2, 'later'])('reject %p', (expected) => {
    expect(() => normalizeExpected(expected as ExpectedVersion)).toThrow(InvalidAppendError);
  });

  it.each<[ExpectedVersion, number, boolean]>([
    ['any', 0, true],
    ['any', 4, true],
    ['no_stream', 0, true],
    ['no_stream', 1, false],
    [0, 0, true],
    [0, 2, false],
    ['stream_exists', 0, false],
    ['stream_exists', 3, true],
    [3, 3, true],
    [3, 2, false],
    [3, 4, false],
  ])('expected %p against actual version %p holds: %p', (expected, actual, holds) => {
    expect(satisfiesExpected(expected, actual)).toBe(holds);
  });
});

describe('append parameters', () => {
  const appends: StreamAppend[] = [
    { streamId: 'a', expected: 2, events: [{ type: 'X', data: { n: 1 } }, { type: 'Y', data: { n: 2 }, metadata: { correlationId: 'c' } }] },
    { streamId: 'b', expected: 'no_stream', events: [{ type: 'X', data: null, schemaVersion: 4, eventId: 'given-id' }], idempotencyKey: 'k' },
  ];

  it('lay events out as columns, each pointing at its stream and its place in it', () => {
    let id = 0;
    const params = toAppendParameters(appends, (type) => (type === 'Y' ? 2 : 1), () => `id-${(id += 1)}`);
    expect(params).toEqual({
      streamIds: ['a', 'b'],
      expectedKinds: ['exact', 'no_stream'],
      expectedVersions: [2, 0],
      eventCounts: [2, 1],
      idempotencyKeys: [null, 'k'],
      eventStreamIndexes: [1, 1, 2],
      eventOffsets: [1, 2, 1],
      eventIds: ['id-1', 'id-2', 'given-id'],
      eventTypes: ['X', 'Y', 'X'],
      schemaVersions: [1, 2, 4],
      data: '[{"n":1},{"n":2},null]',
      metadata: '[{},{"correlationId":"c"},{}]',
    });
  });

  it.each<[string, StreamAppend[], RegExp]>([
    ['an empty stream id', [{ streamId: '', expected: 'any', events: [{ type: 'X', data: 1 }] }], /stream id/],
    ['no events', [{ streamId: 'a', expected: 'any', events: [] }], /no events/],
    ['an untyped event', [{ streamId: 'a', expected: 'any', events: [{ type: '', data: 1 }] }], /no type/],
    ['an event without data', [{ streamId: 'a', expected: 'any', events: [{ type: 'X', data: undefined }] }], /no data/],
    ['an empty key', [{ streamId: 'a', expected: 'any', events: [{ type: 'X', data: 1 }], idempotencyKey: '' }], /must not be empty/],
    [
      'a stream twice',
      [
        { streamId: 'a', expected: 'any', events: [{ type: 'X', data: 1 }] },
        { streamId: 'a', expected: 'any', events: [{ type: 'X', data: 1 }] },
      ],
      /appears twice/,
    ],
    [
      'a key twice',
      [
        { streamId: 'a', expected: 'any', events: [{ type: 'X', data: 1 }], idempotencyKey: 'k' },
        { streamId: 'b', expected: 'any', events: [{ type: 'X', data: 1 }], idempotencyKey: 'k' },
      ],
      /appears twice/,
    ],
  ])('refuse %s', (_, invalid, message) => {
    expect(() => validateAppends(invalid)).toThrow(message);
  });
});
