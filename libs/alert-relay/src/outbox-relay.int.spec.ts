import { Pool } from 'pg';
import { migrateDatabase } from '@app/event-store';
import { readModelMigrations } from '@app/projections';
import { createTestDatabase, eventually, type TestDatabase } from '@app/testing';
import type { AlertPublisher } from './kafka-alert-publisher';
import { OutboxRelay } from './outbox-relay';
import type { PendingAlert } from './outbox-store';

// The relay against a real PostgreSQL outbox, with a publisher that records what it was given.
class RecordingPublisher implements AlertPublisher {
  readonly published: { relay: string; alert: PendingAlert }[];
  failuresLeft = 0;
  constructor(
    private readonly name: string,
    log: { relay: string; alert: PendingAlert }[],
  ) {
    this.published = log;
  }

  async publish(alerts: readonly PendingAlert[]): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('broker unavailable');
    }
    for (const alert of alerts) this.published.push({ relay: this.name, alert });
  }

  async close(): Promise<void> {}
}

const KEYS = Array.from({ length: 12 }, (_, index) => `K${index.toString().padStart(2, '0')}`);

async function addAlerts(pool: Pool, from: number, count: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, offset) => {
    const n = from + offset;
    const key = KEYS[n % KEYS.length];
    return { alertId: `a-${n}`, kind: n % 2 === 0 ? 'escalation' : 'mediation', key, payload: { alertId: `a-${n}`, n, reportId: `r-${n}`, trigger: { reportId: `r-${n}` } } };
  });
  await pool.query(
    `INSERT INTO alert_outbox (alert_id, kind, key, payload)
     SELECT a->>'alertId', a->>'kind', a->>'key', a->'payload' FROM json_array_elements($1::json) WITH ORDINALITY AS x(a, n) ORDER BY x.n`,
    [JSON.stringify(rows)],
  );
}

const unsent = async (pool: Pool) => Number((await pool.query(`SELECT count(*) AS n FROM alert_outbox WHERE sent_at IS NULL`)).rows[0].n);

/** Within each key, the n of the alerts as published must increase (outbox order). */
function expectOrderPerKey(log: readonly { alert: PendingAlert }[]): void {
  const last = new Map<string, number>();
  for (const { alert } of log) {
    const n = (alert.payload as { n: number }).n;
    expect(n).toBeGreaterThan(last.get(alert.key) ?? -1);
    last.set(alert.key, n);
  }
}

describe('OutboxRelay (PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: Pool;
  const relays: OutboxRelay[] = [];

  beforeEach(async () => {
    database = await createTestDatabase('ww_alert_relay');
    await migrateDatabase(database.url, readModelMigrations);
    pool = new Pool({ connectionString: database.url, max: 8 });
  });

  afterEach(async () => {
    await Promise.allSettled(relays.splice(0).map((relay) => relay.stop()));
    await pool.end();
    await database.drop();
  });

  const relay = (publisher: AlertPublisher, batchSize = 7) => {
    const created = new OutboxRelay(pool, publisher, { batchSize, pollMs: 50, standbyMs: 50, backoff: { initialMs: 10, maxMs: 50 } });
    relays.push(created);
    return created;
  };

  it('two relays at once: one leads, every alert is published once, in outbox order per key; the other takes over when it stops', async () => {
    const log: { relay: string; alert: PendingAlert }[] = [];
    const first = relay(new RecordingPublisher('first', log));
    const second = relay(new RecordingPublisher('second', log));
    first.start();
    second.start();
    for (let round = 0; round < 10; round += 1) {
      await addAlerts(pool, round * 30, 30);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await eventually(async () => {
      if ((await unsent(pool)) > 0) throw new Error('not drained');
    }, 30_000, 20);
    expect([first.isLeader, second.isLeader].filter(Boolean)).toHaveLength(1);
    expect(log.map(({ alert }) => alert.alertId).sort()).toEqual(Array.from({ length: 300 }, (_, n) => `a-${n}`).sort());
    expect(new Set(log.map((entry) => entry.relay)).size).toBe(1);
    expectOrderPerKey(log);

    const [leader, standby] = first.isLeader ? [first, second] : [second, first];
    await leader.stop();
    await addAlerts(pool, 300, 40);
    await eventually(async () => {
      if ((await unsent(pool)) > 0) throw new Error('standby did not take over');
    }, 30_000, 20);
    expect(standby.isLeader).toBe(true);
    expect(log).toHaveLength(340);
    expectOrderPerKey(log);
  });

  it('a leader whose lock session is cut stops leading; one relay leads again and nothing is published twice', async () => {
    const log: { relay: string; alert: PendingAlert }[] = [];
    const first = relay(new RecordingPublisher('first', log));
    const second = relay(new RecordingPublisher('second', log));
    first.start();
    second.start();
    await eventually(() => {
      if (!first.isLeader && !second.isLeader) throw new Error('no leader yet');
    }, 10_000, 20);
    // Only this test's database: other test files hold advisory locks of their own on the same server.
    const { rows } = await pool.query(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(rows).toHaveLength(1);
    await pool.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    await eventually(() => {
      if ([first.isLeader, second.isLeader].filter(Boolean).length !== 1) throw new Error('no single leader');
    }, 10_000, 20);
    await addAlerts(pool, 0, 50);
    await eventually(async () => {
      if ((await unsent(pool)) > 0) throw new Error('not drained');
    }, 10_000, 20);
    expect(log.map(({ alert }) => alert.alertId).sort()).toEqual(Array.from({ length: 50 }, (_, n) => `a-${n}`).sort());
    expectOrderPerKey(log);
  });

  it('while publishing fails, nothing is marked sent; it backs off and publishes once the publisher recovers', async () => {
    const log: { relay: string; alert: PendingAlert }[] = [];
    const publisher = new RecordingPublisher('only', log);
    publisher.failuresLeft = 5;
    await addAlerts(pool, 0, 20);
    relay(publisher, 50).start();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await unsent(pool)).toBe(20);
    await eventually(async () => {
      if ((await unsent(pool)) > 0) throw new Error('not drained');
    }, 10_000, 20);
    expect(publisher.failuresLeft).toBe(0);
    expect(log.map(({ alert }) => alert.alertId)).toEqual(Array.from({ length: 20 }, (_, n) => `a-${n}`));
  });

  it('is woken by the projector’s NOTIFY rather than waiting for its poll', async () => {
    const log: { relay: string; alert: PendingAlert }[] = [];
    const slow = new OutboxRelay(pool, new RecordingPublisher('slow-poll', log), { pollMs: 60_000 });
    relays.push(slow);
    slow.start();
    await eventually(() => {
      if (!slow.isLeader) throw new Error('not leading yet');
    }, 10_000, 20);
    await new Promise((resolve) => setTimeout(resolve, 200)); // asleep on its 60 s poll
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await addAlerts(client as unknown as Pool, 0, 3);
      await client.query(`SELECT pg_notify('wirewatch_read_models', '{"generation":1,"dyads":["K00"]}')`);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const started = Date.now();
    await eventually(() => {
      if (log.length < 3) throw new Error('not published');
    }, 5_000, 10);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
