import { eventually } from '@app/testing';
import { anEvent, events, StoreFixture } from './testing/store-fixture';

describe('appendMany: many streams in one transaction (real PostgreSQL)', () => {
  let fixture: StoreFixture;

  beforeAll(async () => {
    fixture = await StoreFixture.create('ww_es_append_many');
  });
  afterAll(() => fixture.close());

  it('answers per stream, in input order: appended, duplicate, conflict — one bad stream fails no other', async () => {
    const { store } = fixture;
    await store.append('m-existing', 'no_stream', events(2));
    await store.append('m-keyed', 'no_stream', events(2), { idempotencyKey: 'key-1' });

    const results = await store.appendMany([
      { streamId: 'm-new', expected: 'no_stream', events: events(2) },
      { streamId: 'm-keyed', expected: 'no_stream', events: events(2), idempotencyKey: 'key-1' },
      { streamId: 'm-existing', expected: 'no_stream', events: events(1) },
      { streamId: 'm-existing-2', expected: 5, events: events(1) },
    ]);
    expect(results.map((result) => result.status)).toEqual(['appended', 'duplicate', 'conflict', 'conflict']);
    expect(results[0]).toMatchObject({ streamId: 'm-new', firstVersion: 1, lastVersion: 2 });
    expect(results[1]).toMatchObject({ streamId: 'm-keyed', idempotencyKey: 'key-1', firstVersion: 1, lastVersion: 2 });
    expect(results[2]).toEqual({ status: 'conflict', streamId: 'm-existing', expected: 'no_stream', actualVersion: 2 });
    expect(results[3]).toEqual({ status: 'conflict', streamId: 'm-existing-2', expected: 5, actualVersion: 0 });

    expect(await store.readStream('m-new')).toHaveLength(2);
    expect(await store.readStream('m-keyed')).toHaveLength(2);
    expect(await store.readStream('m-existing')).toHaveLength(2);
  });

  it('mixes every kind of expectation in one call', async () => {
    const { store } = fixture;
    await store.append('k-exact', 'no_stream', events(3));
    await store.append('k-exists', 'no_stream', events(1));
    await store.append('k-any', 'no_stream', events(1));
    const results = await store.appendMany([
      { streamId: 'k-exact', expected: 3, events: [anEvent()] },
      { streamId: 'k-exists', expected: 'stream_exists', events: [anEvent()] },
      { streamId: 'k-any', expected: 'any', events: [anEvent(), anEvent()] },
      { streamId: 'k-any-new', expected: 'any', events: [anEvent()] },
      { streamId: 'k-fresh', expected: 'no_stream', events: [anEvent()], idempotencyKey: 'k-fresh' },
    ]);
    expect(results.map((result) => [result.status, 'lastVersion' in result ? result.lastVersion : null])).toEqual([
      ['appended', 4],
      ['appended', 2],
      ['appended', 3],
      ['appended', 1],
      ['appended', 1],
    ]);
    const transactionIds = new Set(results.map((result) => ('transactionId' in result ? result.transactionId : null)));
    expect(transactionIds.size).toBe(1);
  });

  it('commits all the accepted streams at once: a reader sees none of them or all of them', async () => {
    const { store } = fixture;
    const appends = Array.from({ length: 50 }, (_, index) => ({
      streamId: `batch-${index}`,
      expected: 'no_stream' as const,
      events: events(2, 'BatchEvent'),
      idempotencyKey: `batch-${index}`,
    }));
    const results = await store.appendMany(appends);
    expect(results.every((result) => result.status === 'appended')).toBe(true);
    // Readers see a transaction once no older one is open anywhere on the server (other test files run
    // beside this one), so poll: every page seen holds none of the batch or all of it.
    const sizes: number[] = [];
    const page = await eventually(async () => {
      const current = await store.readAll(undefined, 1000, { types: ['BatchEvent'] });
      sizes.push(current.events.length);
      if (current.events.length === 0) throw new Error('not visible yet');
      return current;
    }, 60_000, 50);
    expect(sizes.every((size) => size === 0 || size === 100)).toBe(true);
    expect(page.events).toHaveLength(100);
    expect(page.events.map((event) => event.streamId)).toEqual(appends.flatMap((append) => [append.streamId, append.streamId]));
  });

  it('answers an empty list with an empty list', async () => {
    expect(await fixture.store.appendMany([])).toEqual([]);
  });
});
