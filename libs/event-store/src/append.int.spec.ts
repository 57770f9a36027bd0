import { ConcurrencyError, InvalidAppendError, type ExpectedVersion } from './index';
import { anEvent, events, StoreFixture } from './testing/store-fixture';

describe('append (real PostgreSQL)', () => {
  let fixture: StoreFixture;
  let streamNumber = 0;
  const newStream = (): string => `order-${(streamNumber += 1)}`;

  beforeAll(async () => {
    fixture = await StoreFixture.create('ww_es_append');
  });
  afterAll(() => fixture.close());

  async function streamAt(version: number): Promise<string> {
    const streamId = newStream();
    if (version > 0) await fixture.store.append(streamId, 'no_stream', events(version));
    return streamId;
  }

  describe.each<[string, ExpectedVersion, number, boolean]>([
    ['no_stream on a new stream', 'no_stream', 0, true],
    ['no_stream on an existing stream', 'no_stream', 2, false],
    ['0 on a new stream', 0, 0, true],
    ['0 on an existing stream', 0, 1, false],
    ['the current version', 3, 3, true],
    ['a stale version', 2, 3, false],
    ['a version ahead', 4, 3, false],
    ['a version on a new stream', 1, 0, false],
    ['stream_exists on an existing stream', 'stream_exists', 1, true],
    ['stream_exists on a new stream', 'stream_exists', 0, false],
    ['any on a new stream', 'any', 0, true],
    ['any on an existing stream', 'any', 2, true],
  ])('expected %s', (_, expected, actualVersion, succeeds) => {
    it(succeeds ? 'appends after the current version' : 'throws a ConcurrencyError naming stream, expected and actual', async () => {
      const streamId = await streamAt(actualVersion);
      const attempt = fixture.store.append(streamId, expected, [anEvent('Added'), anEvent('Added')]);
      if (succeeds) {
        const result = await attempt;
        expect(result).toMatchObject({ status: 'appended', streamId, firstVersion: actualVersion + 1, lastVersion: actualVersion + 2 });
        expect(result.nextExpectedVersion).toBe(actualVersion + 2);
        expect((await fixture.store.readStream(streamId)).map((event) => event.streamVersion)).toEqual(
          Array.from({ length: actualVersion + 2 }, (__, index) => index + 1),
        );
      } else {
        const error = await attempt.catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId, expected, actualVersion });
        expect((error as Error).message).toContain(streamId);
        expect(await fixture.store.readStream(streamId)).toHaveLength(actualVersion);
      }
    });
  });

  it('stores id, type, schema version, data, metadata and the database time, and reads them back', async () => {
    const streamId = newStream();
    const metadata = {
      correlationId: 'corr-1',
      causationId: 'cause-1',
      kafka: { topic: 'wire-reports.v1', partition: 2, offset: '17' },
      operator: 'night shift',
    };
    const eventId = '6f1c1d1e-0000-4000-8000-000000000001';
    const before = (await fixture.pool.query('SELECT now() AS now')).rows[0].now as Date;
    await fixture.store.append(streamId, 'no_stream', [{ type: 'Placed', data: { total: 12.5, items: ['a'] }, metadata, eventId, schemaVersion: 3 }]);
    const [stored] = await fixture.store.readStream(streamId);
    expect(stored).toMatchObject({ type: 'Placed', data: { total: 12.5, items: ['a'] }, metadata, eventId, schemaVersion: 3, streamId, streamVersion: 1 });
    expect(typeof stored.globalPosition).toBe('bigint');
    expect(typeof stored.transactionId).toBe('bigint');
    expect(stored.recordedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);
  });

  it('reads a stream from a version, and answers null for the info of a stream never written', async () => {
    const streamId = newStream();
    await fixture.store.append(streamId, 'no_stream', events(5));
    expect((await fixture.store.readStream(streamId, 4)).map((event) => event.streamVersion)).toEqual([4, 5]);
    expect(await fixture.store.readStream('never-written')).toEqual([]);
    expect(await fixture.store.streamInfo('never-written')).toBeNull();
    const info = await fixture.store.streamInfo(streamId);
    expect(info).toMatchObject({ streamId, version: 5 });
    expect(info!.createdAt).toBeInstanceOf(Date);
  });

  it('gives all events of one append one transaction and consecutive positions', async () => {
    const streamId = newStream();
    const result = await fixture.store.append(streamId, 'no_stream', events(3));
    const stored = await fixture.store.readStream(streamId);
    expect(new Set(stored.map((event) => event.transactionId))).toEqual(new Set([result.transactionId]));
    expect(stored.map((event) => event.globalPosition)).toEqual([result.firstPosition, result.firstPosition + 1n, result.lastPosition]);
    expect(result.checkpoint).toEqual({ transactionId: result.transactionId, position: result.lastPosition });
  });

  it.each([
    ['no events', { events: [] }, /no events/],
    ['an event without a type', { events: [{ type: '', data: {} }] }, /no type/],
    ['an event without data', { events: [{ type: 'X', data: undefined }] }, /no data/],
    ['a negative expected version', { expected: -1 }, /≥ 0/],
    ['a fractional expected version', { expected: 1.5 }, /whole number/],
    ['an unknown expectation', { expected: 'maybe' }, /Unknown expected/],
    ['an empty stream id', { streamId: '' }, /stream id/],
    ['an empty idempotency key', { idempotencyKey: '' }, /idempotency key/],
  ])('rejects %s with an InvalidAppendError, writing nothing', async (_, override, message) => {
    const append = { streamId: newStream(), expected: 'any', events: [anEvent()], ...override } as never;
    const error = await fixture.store.appendMany([append]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidAppendError);
    expect(error).toMatchObject({ code: 'INVALID_APPEND' });
    expect((error as Error).message).toMatch(message);
  });

  it('rejects one append naming a stream or an idempotency key twice', async () => {
    const streamId = newStream();
    await expect(
      fixture.store.appendMany([
        { streamId, expected: 'any', events: [anEvent()] },
        { streamId, expected: 'any', events: [anEvent()] },
      ]),
    ).rejects.toThrow(/appears twice/);
    await expect(
      fixture.store.appendMany([
        { streamId: newStream(), expected: 'any', events: [anEvent()], idempotencyKey: 'same' },
        { streamId: newStream(), expected: 'any', events: [anEvent()], idempotencyKey: 'same' },
      ]),
    ).rejects.toThrow(/appears twice/);
    expect(await fixture.store.streamInfo(streamId)).toBeNull();
  });
});
