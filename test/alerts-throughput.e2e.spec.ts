import { Pool } from 'pg';
import { collectTopic, createTestDatabase, createTestTopics, eventually, startApp, type AppProcess, type CollectingConsumer, type TestDatabase, type TestTopics } from '@app/testing';

// How fast the relay drains a backlog to the real broker: 20,000 outbox rows over 500 keys, committed at once.
const ALERTS = 20_000;

describe('alert relay throughput', () => {
  let database: TestDatabase;
  let topics: TestTopics;
  let pool: Pool;
  let projector: AppProcess;
  let escalations: CollectingConsumer;

  beforeAll(async () => {
    [database, topics] = await Promise.all([createTestDatabase('ww_e2e_alerts_tp'), createTestTopics('e2e-alerts-tp')]);
    pool = new Pool({ connectionString: database.url, max: 4 });
    escalations = await collectTopic(topics.escalationAlerts);
  });

  afterAll(async () => {
    await Promise.allSettled([projector?.stop(), escalations?.stop()]);
    await pool?.end();
    await database?.drop();
  });

  it(`drains ${ALERTS} alerts, in order per key`, async () => {
    projector = startApp('projector', { ...topics.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' });
    await eventually(async () => {
      if (!(await pool.query(`SELECT to_regclass('alert_outbox') AS t`)).rows[0].t) throw new Error('migrations not run yet');
    }, 90_000);
    await pool.query(
      `INSERT INTO alert_outbox (alert_id, kind, key, payload)
       SELECT 'tp-' || n, 'escalation', 'K' || (n % 500), jsonb_build_object('alertId', 'tp-' || n, 'n', n, 'padding', repeat('x', 300))
       FROM generate_series(1, $1) AS n ORDER BY n`,
      [ALERTS],
    );
    const started = Date.now();
    await eventually(async () => {
      const { rows } = await pool.query(`SELECT count(*) AS n FROM alert_outbox WHERE sent_at IS NULL`);
      if (Number(rows[0].n) > 0) throw new Error(`${rows[0].n} unsent`);
    }, 120_000, 50);
    const seconds = (Date.now() - started) / 1000;
    await eventually(() => {
      if (escalations.messages.length < ALERTS) throw new Error(`${escalations.messages.length} consumed`);
    }, 60_000);
    const last = new Map<string, number>();
    for (const message of escalations.messages) {
      const { n } = JSON.parse(message.value!.toString()) as { n: number };
      const key = message.key!.toString();
      expect(n).toBeGreaterThan(last.get(key) ?? 0);
      last.set(key, n);
    }
    process.stdout.write(`[alerts-throughput] ${ALERTS} alerts (~350 B) relayed in ${seconds.toFixed(2)} s: ${Math.round(ALERTS / seconds)} alerts/s\n`);
  });
});
