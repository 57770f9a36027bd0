import fc from 'fast-check';
import { compareCheckpoints, checkpointOf, ConcurrencyError, type CatchUpSubscription, type ExpectedVersion, type StoredEvent } from './index';
import { HeldTransaction } from './testing/held-transaction';
import { StoreFixture } from './testing/store-fixture';

interface Write {
  stream: number;
  count: number;
  expectation: 'any' | 'read_version' | 'no_stream';
  holdMs: number;
  rollback: boolean;
}

const aWrite: fc.Arbitrary<Write> = fc.record({
  stream: fc.integer({ min: 0, max: 2 }),
  count: fc.integer({ min: 1, max: 3 }),
  expectation: fc.constantFrom('any', 'read_version', 'no_stream'),
  holdMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
  rollback: fc.boolean(),
});

const aScenario = fc.record({
  writers: fc.array(fc.array(aWrite, { minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 4 }),
  batchSize: fc.integer({ min: 1, max: 7 }),
  lateSubscriberAfterMs: fc.integer({ min: 0, max: 60 }),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('random interleavings of concurrent writers and subscribers (real PostgreSQL, fast-check)', () => {
  let fixture: StoreFixture;
  let run = 0;

  beforeAll(async () => {
    fixture = await StoreFixture.create('ww_es_property', {}, 16);
  });
  afterAll(() => fixture.close());

  async function write(prefix: string, writer: Write): Promise<void> {
    const { store, pool } = fixture;
    const streamId = `${prefix}${writer.stream}`;
    let expected: ExpectedVersion = writer.expectation === 'read_version' ? 0 : writer.expectation;
    if (writer.expectation === 'read_version') expected = (await store.streamInfo(streamId))?.version ?? 0;
    const events = Array.from({ length: writer.count }, (_, n) => ({ type: 'Written', data: { n } }));
    if (writer.holdMs === 0 && !writer.rollback) {
      await store.append(streamId, expected, events).catch((error: unknown) => {
        if (!(error instanceof ConcurrencyError)) throw error;
      });
      return;
    }
    const held = await HeldTransaction.begin(pool);
    try {
      await held.append(store, [{ streamId, expected, events }]);
    } catch (error) {
      await held.rollback();
      // A transaction older than the stream's last writer must start again (the store's own appends retry).
      if ((error as { code?: string }).code === '40001') return write(prefix, writer);
      throw error;
    }
    await sleep(writer.holdMs);
    if (writer.rollback) await held.rollback();
    else await held.commit(store);
  }

  function subscribe(prefix: string, name: string, batchSize: number, delivered: StoredEvent[]): CatchUpSubscription {
    return fixture.store.subscribe({
      subscriptionId: `${prefix}${name}`,
      batchSize,
      filter: { streamPrefix: prefix },
      pollIntervalMs: 20,
      listen: false,
      handler: async (batch) => void delivered.push(...batch),
    });
  }

  function expectExactlyTheStoredEvents(delivered: StoredEvent[], stored: { event_id: string }[]): void {
    expect(delivered.map((event) => event.eventId)).toEqual(stored.map((row) => row.event_id));
    const order = delivered.map(checkpointOf);
    expect([...order].sort(compareCheckpoints)).toEqual(order);
    const versions = new Map<string, number[]>();
    for (const event of delivered) versions.set(event.streamId, [...(versions.get(event.streamId) ?? []), event.streamVersion]);
    for (const list of versions.values()) expect(list).toEqual(list.map((_, index) => index + 1));
  }

  it('never loses, duplicates or reorders an event, and leaves no version gaps', async () => {
    await fc.assert(
      fc.asyncProperty(aScenario, async ({ writers, batchSize, lateSubscriberAfterMs }) => {
        const prefix = `run${(run += 1)}-`;
        const early: StoredEvent[] = [];
        const late: StoredEvent[] = [];
        const first = subscribe(prefix, 'early', batchSize, early);
        await first.start();
        const second = subscribe(prefix, 'late', Math.max(1, 8 - batchSize), late);
        const lateStart = sleep(lateSubscriberAfterMs).then(() => second.start());
        await Promise.all(writers.map(async (writes) => {
          for (const writer of writes) await write(prefix, writer);
        }));
        await lateStart;
        const head = await fixture.store.headCheckpoint();
        await Promise.all([first.waitFor(head), second.waitFor(head)]);
        await Promise.all([first.stop(), second.stop()]);

        const { rows } = await fixture.pool.query(
          `SELECT event_id FROM events WHERE starts_with(stream_id, $1) ORDER BY transaction_id, global_position`,
          [prefix],
        );
        expectExactlyTheStoredEvents(early, rows);
        expectExactlyTheStoredEvents(late, rows);
      }),
      { numRuns: 60, interruptAfterTimeLimit: 45_000 },
    );
  });
});
