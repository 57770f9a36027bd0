import { Client, Pool } from 'pg';
import { createTestDatabase, eventually, type TestDatabase } from '@app/testing';
import { CommitNotifier, EVENTS_CHANNEL } from './notifications';

// Given a burst of commits, the notifier sends few NOTIFYs, spaced apart, and always one after the last commit.
describe('CommitNotifier', () => {
  let database: TestDatabase;
  let pool: Pool;
  let listener: Client;
  const received: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('ww_int_notify');
    pool = new Pool({ connectionString: database.url, max: 2 });
    listener = new Client({ connectionString: database.url });
    await listener.connect();
    listener.on('notification', (message) => {
      if (message.channel === EVENTS_CHANNEL) received.push(Date.now());
    });
    await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
  });

  afterAll(async () => {
    await listener?.end();
    await pool?.end();
    await database?.drop();
  });

  it('coalesces a burst into NOTIFYs at least the interval apart, the last one after the last signal', async () => {
    // When each NOTIFY is sent (the real query still runs): receipt times would also carry the listener's delays.
    const sent: number[] = [];
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    jest.spyOn(pool, 'query').mockImplementation(((...args: unknown[]) => {
      if (String(args[0]).includes('pg_notify')) sent.push(Date.now());
      return query(...args);
    }) as never);
    const notifier = new CommitNotifier(pool, true, 50);
    let local = 0;
    notifier.onLocalCommit(() => (local += 1));
    const burstStarted = Date.now();
    let lastSignal = 0;
    for (let signal = 0; signal < 40; signal += 1) {
      notifier.signal();
      lastSignal = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await notifier.drain();
    await eventually(() => expect(received[received.length - 1]).toBeGreaterThanOrEqual(lastSignal), 5_000, 20);
    expect(local).toBe(40);
    // ~200 ms of signals every 5 ms: one at once, then one per 50 ms, not one per signal.
    expect(received.length).toBeGreaterThanOrEqual(2);
    expect(received.length).toBeLessThanOrEqual(Math.ceil((lastSignal - burstStarted) / 50) + 2);
    expect(sent).toHaveLength(received.length);
    for (let index = 1; index < sent.length; index += 1) expect(sent[index] - sent[index - 1]).toBeGreaterThanOrEqual(45);
    jest.restoreAllMocks();
  });

  it('sends at once after a pause', async () => {
    received.length = 0;
    const notifier = new CommitNotifier(pool, true, 10_000);
    const signalled = Date.now();
    notifier.signal();
    await eventually(() => expect(received).toHaveLength(1), 5_000, 10);
    expect(received[0] - signalled).toBeLessThan(1_000);
    await notifier.drain();
  });
});
