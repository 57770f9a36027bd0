import { CheckpointConflictError, checkpointsEqual, compareAndSetCheckpoint, type BatchRange, type CatchUpSubscription, type StoredEvent } from './index';
import { HeldTransaction } from './testing/held-transaction';
import { anEvent, eventually, events, StoreFixture } from './testing/store-fixture';

describe('catch-up subscriptions (real PostgreSQL)', () => {
  let fixture: StoreFixture;
  const running: CatchUpSubscription[] = [];
  let subscriptionNumber = 0;

  beforeAll(async () => {
    fixture = await StoreFixture.create('ww_es_subscriptions', {}, 12);
    await fixture.pool.query('CREATE TABLE applied (event_id uuid NOT NULL, subscription_id text NOT NULL, PRIMARY KEY (subscription_id, event_id))');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((subscription) => subscription.stop()));
  });
  afterAll(() => fixture.close());

  const tagged = (id: string) => anEvent('Tagged', { id });
  const ids = (list: StoredEvent[]) => list.map((event) => (event.data as { id: string }).id);

  /** A subscription whose handler records each event in `applied` (a primary key, so twice would fail). */
  async function subscribe(options: { prefix: string; from?: 'beginning' | 'now'; pollIntervalMs?: number; id?: string; store?: typeof fixture.store }) {
    const delivered: StoredEvent[] = [];
    const errors: unknown[] = [];
    const subscriptionId = options.id ?? `sub-${(subscriptionNumber += 1)}`;
    const subscription = (options.store ?? fixture.store).subscribe({
      subscriptionId,
      from: options.from ?? 'beginning',
      batchSize: 10,
      filter: { streamPrefix: options.prefix },
      pollIntervalMs: options.pollIntervalMs ?? 50,
      retryBaseMs: 10,
      onError: (error) => errors.push(error),
      handler: async (batch, tx) => {
        for (const event of batch) {
          await tx.query('INSERT INTO applied (event_id, subscription_id) VALUES ($1, $2)', [event.eventId, subscriptionId]);
        }
        delivered.push(...batch);
      },
    });
    await subscription.start();
    running.push(subscription);
    return { subscription, delivered, errors, subscriptionId };
  }

  it('out of order: a running subscriber delivers both writers, in order, exactly once, after the slow one commits', async () => {
    const { store, pool } = fixture;
    const { delivered, subscription } = await subscribe({ prefix: 'ooo-' });
    const writerA = await HeldTransaction.begin(pool);
    const [a] = await writerA.append(store, [{ streamId: 'ooo-a', expected: 'no_stream', events: [tagged('A')] }]);
    const b = await store.append('ooo-b', 'no_stream', [tagged('B')]);
    expect(a.status === 'appended' && a.firstPosition < b.firstPosition).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(delivered).toEqual([]);

    await writerA.commit(store);
    await subscription.waitFor(b.checkpoint);
    expect(ids(delivered)).toEqual(['A', 'B']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ids(delivered)).toEqual(['A', 'B']);
  });

  it('starts from the beginning, from now, or from its stored checkpoint when it comes back', async () => {
    const { store } = fixture;
    await store.append('start-1', 'no_stream', [tagged('old-1'), tagged('old-2')]);
    await fixture.settle();
    const fromBeginning = await subscribe({ prefix: 'start-' });
    const fromNow = await subscribe({ prefix: 'start-', from: 'now' });
    const latest = await store.append('start-1', 2, [tagged('new-1')]);
    await fromBeginning.subscription.waitFor(latest.checkpoint);
    await fromNow.subscription.waitFor(latest.checkpoint);
    expect(ids(fromBeginning.delivered)).toEqual(['old-1', 'old-2', 'new-1']);
    expect(ids(fromNow.delivered)).toEqual(['new-1']);
    expect([...fromBeginning.errors, ...fromNow.errors]).toEqual([]);

    await fromNow.subscription.stop();
    const whileAway = await store.append('start-1', 3, [tagged('while-away')]);
    const back = await subscribe({ prefix: 'start-', from: 'now', id: fromNow.subscriptionId });
    await back.subscription.waitFor(whileAway.checkpoint);
    expect(ids(back.delivered)).toEqual(['while-away']);
  });

  it('is woken by NOTIFY when another process appends, long before its next poll', async () => {
    const other = fixture.anotherStore();
    const { delivered } = await subscribe({ prefix: 'notify-', pollIntervalMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await other.append('notify-1', 'no_stream', [tagged('N')]);
    await eventually(() => delivered.length === 1, 15_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    await other.close();
  });

  it('held back by a transaction open elsewhere when a notification woke it, it looks again soon instead of at its next poll', async () => {
    const other = fixture.anotherStore();
    const { delivered } = await subscribe({ prefix: 'held-', pollIntervalMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // An open transaction with an id, older than the append: readers stay below it, and its end notifies nobody.
    const elsewhere = await fixture.pool.connect();
    await elsewhere.query('BEGIN');
    await elsewhere.query('SELECT pg_current_xact_id()');
    await other.append('held-1', 'no_stream', [tagged('H')]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(delivered).toEqual([]);
    await elsewhere.query('ROLLBACK');
    elsewhere.release();
    const ended = Date.now();
    await eventually(() => delivered.length === 1, 15_000);
    expect(Date.now() - ended).toBeLessThan(5_000);
    await other.close();
  });

  it('rolls back the effects and the checkpoint together when the handler fails, then delivers again; only the commit is reported', async () => {
    const { store, pool } = fixture;
    let failures = 1;
    const seen: string[] = [];
    const handled: BatchRange[] = [];
    const committed: BatchRange[] = [];
    const subscription = store.subscribe({
      subscriptionId: 'failing-once',
      filter: { streamPrefix: 'fail-' },
      pollIntervalMs: 50,
      retryBaseMs: 10,
      handler: async (batch, tx, range) => {
        handled.push(range);
        for (const event of batch) await tx.query('INSERT INTO applied (event_id, subscription_id) VALUES ($1, $2)', [event.eventId, 'failing-once']);
        if (failures-- > 0) throw new Error('projection bug');
        seen.push(...ids(batch));
      },
      afterCommit: (range) => committed.push(range),
    });
    running.push(subscription);
    const last = await store.append('fail-1', 'no_stream', [tagged('F1'), tagged('F2')]);
    await subscription.start();
    await subscription.waitFor(last.checkpoint);
    expect(seen).toEqual(['F1', 'F2']);
    expect(handled).toHaveLength(2);
    expect(handled[1]).toEqual(handled[0]);
    // Batches whose events the filter all skipped (other tests' streams) are committed and reported too.
    expect(committed.filter((range) => checkpointsEqual(range.from, handled[1].from) && checkpointsEqual(range.to, handled[1].to))).toHaveLength(1);
    committed.slice(1).forEach((range, index) => expect(range.from).toEqual(committed[index].to));
    expect(committed.at(-1)!.to).toEqual(last.checkpoint);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM applied WHERE subscription_id = 'failing-once'`);
    expect(rows[0].n).toBe(2);
  });

  it('lets two instances share a subscription without applying any batch twice: the loser rolls back', async () => {
    const { store, pool } = fixture;
    for (let index = 0; index < 10; index += 1) await store.append(`pair-${index}`, 'no_stream', events(10, 'Tagged').map((_, n) => tagged(`${index}-${n}`)));
    const head = await store.headCheckpoint();
    const first = await subscribe({ prefix: 'pair-', id: 'shared' });
    const second = await subscribe({ prefix: 'pair-', id: 'shared', store: fixture.anotherStore() });
    await eventually(async () => {
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM applied WHERE subscription_id = 'shared'`);
      return rows[0].n === 100;
    }, 30_000);
    await Promise.all([first.subscription.waitFor(head).catch(() => undefined)]);
    const all = [...first.delivered, ...second.delivered];
    expect(new Set(all.map((event) => event.eventId)).size).toBe(all.length);
    expect(all).toHaveLength(100);
    for (const error of [...first.errors, ...second.errors]) expect(error).toBeInstanceOf(CheckpointConflictError);
  });

  it('an instance that lost the race answers waitFor once the checkpoint it reloads has reached the target', async () => {
    const { store } = fixture;
    for (let index = 0; index < 3; index += 1) await store.append(`lost-${index}`, 'no_stream', [tagged(`lost-${index}`)]);
    const head = await store.headCheckpoint();
    await fixture.settle();
    // The loser reads only once the winner has applied everything, so its first batch finds the checkpoint moved.
    const gated = fixture.anotherStore();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const readAll = gated.readAll.bind(gated);
    gated.readAll = (async (...args: Parameters<typeof readAll>) => {
      await gate;
      return readAll(...args);
    }) as typeof gated.readAll;
    const loser = await subscribe({ prefix: 'lost-', id: 'lost-race', store: gated, pollIntervalMs: 60_000 });
    const reached = loser.subscription.waitFor(head).then(() => 'reached');
    const winner = await subscribe({ prefix: 'lost-', id: 'lost-race' });
    await winner.subscription.waitFor(head);
    open();
    await eventually(() => loser.errors.length > 0, 10_000);
    expect(loser.errors[0]).toBeInstanceOf(CheckpointConflictError);
    let timer: NodeJS.Timeout | undefined;
    const stillWaiting = new Promise((resolve) => (timer = setTimeout(() => resolve('still waiting'), 5_000)));
    expect(await Promise.race([reached, stillWaiting])).toBe('reached');
    clearTimeout(timer);
    expect(loser.delivered).toEqual([]);
    expect(ids(winner.delivered)).toEqual(['lost-0', 'lost-1', 'lost-2']);
  });

  it('compare-and-set: of two transactions moving the same checkpoint, the second finds it moved', async () => {
    const { pool } = fixture;
    const start = { transactionId: 0n, position: 0n };
    await pool.query(`INSERT INTO subscription_checkpoints VALUES ('cas', '0', 0, now())`);
    const one = await HeldTransaction.begin(pool);
    const two = await pool.connect();
    await two.query('BEGIN');
    const client = (one as unknown as { client: import('pg').PoolClient }).client;
    expect(await compareAndSetCheckpoint(client, 'cas', start, { transactionId: 5n, position: 7n })).toBe(true);
    const second = compareAndSetCheckpoint(two, 'cas', start, { transactionId: 9n, position: 9n });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await one.commit();
    expect(await second).toBe(false);
    await two.query('ROLLBACK');
    two.release();
    const { rows } = await pool.query(`SELECT transaction_id::text AS t, global_position::int AS p FROM subscription_checkpoints WHERE subscription_id = 'cas'`);
    expect(rows[0]).toEqual({ t: '5', p: 7 });
  });

  it('catches up on a backlog in batches that double up to maxBatchSize, and hands over small ones again once caught up', async () => {
    const { store } = fixture;
    for (let start = 0; start < 200; start += 50) {
      await store.appendMany(Array.from({ length: 50 }, (_, n) => ({ streamId: `grow-${start + n}`, expected: 'no_stream' as const, events: [tagged(`g${start + n}`)] })));
    }
    const sizes: number[] = [];
    const subscription = store.subscribe({
      subscriptionId: `sub-${(subscriptionNumber += 1)}`,
      batchSize: 10,
      maxBatchSize: 64,
      filter: { streamPrefix: 'grow-' },
      pollIntervalMs: 50,
      handler: async (batch) => void sizes.push(batch.length),
    });
    await subscription.start();
    running.push(subscription);
    await subscription.waitFor(await store.headCheckpoint());
    // 10 + 20 + 40 + 64 + 64 = 198: then the last 2 events end the backlog.
    expect(sizes).toEqual([10, 20, 40, 64, 64, 2]);

    // Caught up, it starts small again: 25 events committed at once go as 10, then 15 (not as one batch of 25).
    await store.appendMany(Array.from({ length: 25 }, (_, n) => ({ streamId: `grow-later-${n}`, expected: 'no_stream' as const, events: [tagged(`later-${n}`)] })));
    await subscription.waitFor(await store.headCheckpoint());
    expect(sizes.slice(6)).toEqual([10, 15]);
  });

  it('refuses to start twice and stops cleanly', async () => {
    const { subscription } = await subscribe({ prefix: 'twice-' });
    await expect(subscription.start()).rejects.toMatchObject({ code: 'SUBSCRIPTION_STATE' });
    await subscription.stop();
  });
});
