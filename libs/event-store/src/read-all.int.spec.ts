import { BEGINNING, checkpointOf, compareCheckpoints, decodeCheckpoint, encodeCheckpoint, type StoredEvent } from './index';
import { HeldTransaction } from './testing/held-transaction';
import { anEvent, events, StoreFixture } from './testing/store-fixture';

describe('readAll: gap-safe global order (real PostgreSQL)', () => {
  let fixture: StoreFixture;

  beforeAll(async () => {
    fixture = await StoreFixture.create('ww_es_read_all');
  });
  afterAll(() => fixture.close());

  const ids = (list: StoredEvent[]) => list.map((event) => event.data as { id: string }).map((data) => data.id);
  const tagged = (id: string) => anEvent('Tagged', { id });

  it('pages through everything in (transaction, position) order with cursors that survive encoding', async () => {
    const { store } = fixture;
    for (let index = 0; index < 7; index += 1) await store.append(`page-${index % 3}`, 'any', [tagged(`p${index}`)]);
    await fixture.settle();
    const seen: StoredEvent[] = [];
    let cursor = encodeCheckpoint(BEGINNING);
    for (;;) {
      const page = await store.readAll(decodeCheckpoint(cursor)!, 3, { streamPrefix: 'page-' });
      seen.push(...page.events);
      cursor = encodeCheckpoint(page.checkpoint);
      if (page.isEnd) break;
    }
    expect(ids(seen)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    const order = seen.map(checkpointOf);
    expect([...order].sort(compareCheckpoints)).toEqual(order);
  });

  it('filters by types, stream, stream prefix and recorded time', async () => {
    const { store, pool } = fixture;
    await store.append('filter-a', 'no_stream', [anEvent('Red', { id: 'r1' }), anEvent('Blue', { id: 'b1' })]);
    await store.append('filter-b', 'no_stream', [anEvent('Red', { id: 'r2' })]);
    await store.append('other-c', 'no_stream', [anEvent('Red', { id: 'r3' })]);
    await pool.query(`UPDATE events SET recorded_at = '2024-01-01T00:00:00Z' WHERE stream_id = 'filter-b'`);
    await fixture.settle();

    const read = async (filter: object) => ids((await store.readAll(BEGINNING, 100, filter)).events);
    expect(await read({ types: ['Red'], streamPrefix: 'filter-' })).toEqual(['r1', 'r2']);
    expect(await read({ streamId: 'filter-a' })).toEqual(['r1', 'b1']);
    expect(await read({ types: ['Blue', 'Red'], streamPrefix: 'other-' })).toEqual(['r3']);
    expect(await read({ streamPrefix: 'filter-', from: new Date('2023-12-31'), until: new Date('2024-01-02') })).toEqual(['r2']);
    expect(await read({ streamPrefix: 'filter-', from: new Date('2025-01-01') })).toEqual(['r1', 'b1']);
  });

  it('moves a filtered reader past the events its filter skipped, up to the head it could see', async () => {
    const { store } = fixture;
    await store.append('skip-1', 'no_stream', [anEvent('Wanted', { id: 'w1' })]);
    const last = await store.append('skip-2', 'no_stream', [anEvent('Unwanted', { id: 'u1' })]);
    await fixture.settle();
    const page = await store.readAll(BEGINNING, 100, { types: ['Wanted'] });
    expect(ids(page.events)).toContain('w1');
    expect(page.checkpoint).toEqual(last.checkpoint);
    expect(await store.readAll(page.checkpoint, 100, { types: ['Wanted'] })).toMatchObject({ events: [], checkpoint: last.checkpoint, isEnd: true });
  });

  it('out of order: an event committed later with a smaller position is read first, once, after its writer commits', async () => {
    const { store, pool } = fixture;
    const start = await store.headCheckpoint();
    const writerA = await HeldTransaction.begin(pool);
    const [a] = await writerA.append(store, [{ streamId: 'race-a', expected: 'no_stream', events: [tagged('A')] }]);
    const b = await store.append('race-b', 'no_stream', [tagged('B')]);
    expect(a.status === 'appended' && a.firstPosition < b.firstPosition).toBe(true);

    const whileOpen = await store.readAll(start, 100, { streamPrefix: 'race-' });
    expect(whileOpen.events).toEqual([]);
    expect(whileOpen.checkpoint).toEqual(start);
    const horizon = await store.horizon();
    expect(horizon.heldBackEvents).toBeGreaterThanOrEqual(1);
    expect(horizon.oldestOpenTransactionMs).not.toBeNull();

    await writerA.commit();
    await fixture.settle();
    const afterCommit = await store.readAll(start, 100, { streamPrefix: 'race-' });
    expect(ids(afterCommit.events)).toEqual(['A', 'B']);
    expect((await store.readAll(afterCommit.checkpoint, 100, { streamPrefix: 'race-' })).events).toEqual([]);
  });

  it('orders by transaction, not by position: a transaction that began first sorts first whatever its positions', async () => {
    const { store, pool } = fixture;
    const start = await store.headCheckpoint();
    const writerA = await HeldTransaction.begin(pool);
    const transactionA = await writerA.takeTransactionId();
    const b = await store.append('txorder-b', 'no_stream', [tagged('B')]);
    const [a] = await writerA.append(store, [{ streamId: 'txorder-a', expected: 'no_stream', events: [tagged('A')] }]);
    expect(a.status === 'appended' && a.firstPosition > b.firstPosition && transactionA < b.transactionId).toBe(true);
    expect((await store.readAll(start, 100, { streamPrefix: 'txorder-' })).events).toEqual([]);
    await writerA.commit();
    await fixture.settle();
    expect(ids((await store.readAll(start, 100, { streamPrefix: 'txorder-' })).events)).toEqual(['A', 'B']);
  });

  it('never shows a rolled-back append, and the positions it took leave no hole readers wait for', async () => {
    const { store, pool } = fixture;
    const start = await store.headCheckpoint();
    const writer = await HeldTransaction.begin(pool);
    await writer.append(store, [{ streamId: 'rolled', expected: 'no_stream', events: events(3) }]);
    await store.append('kept', 'no_stream', [tagged('K')]);
    await writer.rollback();
    await fixture.settle();
    const page = await store.readAll(start, 100);
    expect(page.events.map((event) => event.streamId)).toEqual(['kept']);
    expect(await store.streamInfo('rolled')).toBeNull();
  });

  it('keeps each stream in version order within the global order when writers race for a new stream', async () => {
    const { store, pool } = fixture;
    for (let round = 0; round < 40; round += 1) {
      await Promise.all(Array.from({ length: 8 }, (_, writer) => store.append(`racing-${round}`, 'any', [tagged(`${writer}`)])));
    }
    const { rows } = await pool.query(`
      SELECT stream_id FROM events WHERE stream_id LIKE 'racing-%' GROUP BY stream_id
      HAVING array_agg(stream_version ORDER BY transaction_id, global_position) <> array_agg(stream_version ORDER BY stream_version)`);
    expect(rows).toEqual([]);
  });

  it('refuses, as a serialization failure to retry, an append by a transaction older than the stream\'s last writer', async () => {
    const { store, pool } = fixture;
    await store.append('older-writer', 'no_stream', [tagged('first')]);
    const older = await HeldTransaction.begin(pool);
    await older.takeTransactionId();
    await store.append('older-writer', 'any', [tagged('newer')]);
    const error = await older.append(store, [{ streamId: 'older-writer', expected: 'any', events: [tagged('older')] }]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: '40001' });
    await older.rollback();
    expect(await store.streamInfo('older-writer')).toMatchObject({ version: 2 });
  });
});

