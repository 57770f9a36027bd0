import type { StreamAppendResult } from './index';
import { events, StoreFixture } from './testing/store-fixture';

describe('idempotent appends (real PostgreSQL)', () => {
  let fixture: StoreFixture;

  beforeAll(async () => {
    fixture = await StoreFixture.create('ww_es_idempotency', {}, 12);
  });
  afterAll(() => fixture.close());

  it('answers a stored key with the original positions and stores nothing more', async () => {
    const { store } = fixture;
    const first = await store.append('report-a', 'no_stream', events(2), { idempotencyKey: 'report:a' });
    const again = await store.append('report-a', 'no_stream', events(2), { idempotencyKey: 'report:a' });
    expect(again).toEqual({ ...first, status: 'duplicate', idempotencyKey: 'report:a' });
    const anyAgain = await store.append('report-a', 'any', events(1), { idempotencyKey: 'report:a' });
    expect(anyAgain.status).toBe('duplicate');
    expect(await store.readStream('report-a')).toHaveLength(2);
  });

  it('lets the caller read what was stored under a key, to tell a redelivery from a conflicting one', async () => {
    const { store } = fixture;
    await store.append('report-b', 'no_stream', [{ type: 'WireReportReceived', data: { report: { body: 'first' } } }], {
      idempotencyKey: 'report:b',
    });
    const stored = await store.readByIdempotencyKey('report:b');
    expect(stored).toMatchObject({ idempotencyKey: 'report:b', range: { streamId: 'report-b', firstVersion: 1, lastVersion: 1 } });
    expect(stored!.events.map((event) => event.data)).toEqual([{ report: { body: 'first' } }]);
    expect(await store.readByIdempotencyKey('never')).toBeNull();
    expect([...(await store.readIdempotent(['report:b', 'never'])).keys()]).toEqual(['report:b']);
  });

  const concurrently = <T>(count: number, attempt: (index: number) => Promise<T>): Promise<T[]> =>
    Promise.all(Array.from({ length: count }, (_, index) => attempt(index)));

  function expectLandedOnce(results: StreamAppendResult[]): void {
    expect(results.filter((result) => result.status === 'appended')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'duplicate')).toHaveLength(results.length - 1);
    const positions = new Set(results.map((result) => ('firstPosition' in result ? result.firstPosition : null)));
    expect(positions.size).toBe(1);
  }

  it.each(['no_stream', 'any'] as const)(
    'lands the same key from 8 connections at once exactly once (expected %s), round after round',
    async (expected) => {
      const { store } = fixture;
      for (let round = 0; round < 10; round += 1) {
        const key = `${expected}-${round}`;
        const results = await concurrently(8, () =>
          store.appendMany([{ streamId: `report-${key}`, expected, events: events(2), idempotencyKey: key }]),
        );
        expectLandedOnce(results.map(([result]) => result));
        expect(await store.readStream(`report-${key}`)).toHaveLength(2);
      }
    },
  );

  it('lands a key sent to 8 different streams at once in one stream only', async () => {
    const { store } = fixture;
    for (let round = 0; round < 5; round += 1) {
      const key = `scattered-${round}`;
      const results = await concurrently(8, (index) =>
        store.append(`scattered-${round}-${index}`, 'any', events(1), { idempotencyKey: key }),
      );
      expectLandedOnce(results);
      const { rows } = await fixture.pool.query(`SELECT count(*)::int AS n FROM events WHERE stream_id LIKE $1`, [`scattered-${round}-%`]);
      expect(rows[0].n).toBe(1);
    }
  });

  it('lands overlapping multi-stream batches from 8 connections once per key', async () => {
    const { store } = fixture;
    const batch = (writer: number) =>
      Array.from({ length: 20 }, (_, index) => {
        const report = (writer * 7 + index) % 30;
        return { streamId: `overlap-${report}`, expected: 'no_stream' as const, events: events(2), idempotencyKey: `overlap:${report}` };
      });
    const results = (await concurrently(8, (writer) => store.appendMany(batch(writer)))).flat();
    expect(results.some((result) => result.status === 'conflict')).toBe(false);
    const { rows } = await fixture.pool.query(
      `SELECT stream_id, count(*)::int AS n FROM events WHERE stream_id LIKE 'overlap-%' GROUP BY stream_id`,
    );
    expect(rows.every((row: { n: number }) => row.n === 2)).toBe(true);
    const keys = new Set(results.filter((result) => result.status === 'appended').map((result) => result.streamId));
    expect(keys.size).toBe(rows.length);
  });
});
