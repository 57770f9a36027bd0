import { Pool } from 'pg';
import {
  collectTopic,
  createTestDatabase,
  createTestTopics,
  eventually,
  startApp,
  type AppProcess,
  type CollectingConsumer,
  type TestDatabase,
  type TestTopics,
} from '@app/testing';
import {
  daysAgo,
  decodeAlert,
  dedupe,
  EXPECTED_ESCALATIONS,
  EXPECTED_MEDIATIONS,
  recordCodings,
  scriptedCrisis,
  type ReceivedAlert,
  type ScriptedReport,
} from '../libs/alert-relay/src/testing/scripted-crisis';

// SPEC §4: "a crash between the two delays an alert, never loses it". The projector (which runs the relay) is
// killed with SIGKILL at the worst moments; after a restart every alert arrives, duplicates carry the same alertId.
jest.setTimeout(600_000); // a loaded machine projects 1,200 codings slowly
const CODES = ['AFG', 'ARM', 'AZE', 'BGD', 'BRA', 'CHN', 'COD', 'EGY', 'ETH', 'FRA', 'GBR', 'IND', 'IRN', 'IRQ', 'ISR', 'JOR', 'KOR', 'LBN', 'MMR', 'NGA', 'PAK', 'PRK', 'RUS', 'RWA', 'SAU', 'SDN', 'SYR', 'TUR', 'UKR', 'USA'];

interface Run {
  database: TestDatabase;
  topics: TestTopics;
  pool: Pool;
  escalations: CollectingConsumer;
  mediations: CollectingConsumer;
  apps: AppProcess[];
  env: Record<string, string>;
}

async function setUp(label: string): Promise<Run> {
  const [database, topics] = await Promise.all([createTestDatabase(`ww_e2e_${label.replace(/-/g, '_')}`), createTestTopics(`e2e-${label}`)]);
  const [escalations, mediations] = await Promise.all([collectTopic(topics.escalationAlerts), collectTopic(topics.mediationAlerts)]);
  const pool = new Pool({ connectionString: database.url, max: 4 });
  return { database, topics, pool, escalations, mediations, apps: [], env: { ...topics.env, DATABASE_URL: database.url, LOG_LEVEL: 'log' } };
}

async function tearDown(run: Run | undefined): Promise<void> {
  if (!run) return;
  await Promise.allSettled([...run.apps.map((app) => app.stop()), run.escalations.stop(), run.mediations.stop()]);
  await run.pool.end();
  await run.database.drop();
}

function startProjector(run: Run, extra: Record<string, string> = {}): AppProcess {
  const app = startApp('projector', { ...run.env, ...extra });
  run.apps.push(app);
  return app;
}

const received = (run: Run): ReceivedAlert[] => [
  ...run.escalations.messages.map((message) => decodeAlert(run.topics.escalationAlerts, message)),
  ...run.mediations.messages.map((message) => decodeAlert(run.topics.mediationAlerts, message)),
];

async function waitForOutboxTable(pool: Pool): Promise<void> {
  await eventually(async () => {
    const { rows } = await pool.query(`SELECT to_regclass('alert_outbox') AS t`);
    if (!rows[0].t) throw new Error('migrations not run yet');
  }, 90_000);
}

async function outbox(pool: Pool): Promise<{ total: number; unsent: number; ids: string[] }> {
  const { rows } = await pool.query<{ alert_id: string; sent_at: Date | null }>(`SELECT alert_id, sent_at FROM alert_outbox ORDER BY sequence`);
  return { total: rows.length, unsent: rows.filter((row) => row.sent_at === null).length, ids: rows.map((row) => row.alert_id) };
}

/** Every copy of an alert is the same message: duplicates share alertId and payload. */
function expectDuplicatesIdentical(alerts: readonly ReceivedAlert[]): void {
  const byId = new Map<string, string>();
  for (const alert of alerts) {
    const body = JSON.stringify(alert.payload);
    expect(byId.get(alert.alertId) ?? body).toBe(body);
    byId.set(alert.alertId, body);
  }
}

function expectScriptedAlerts(run: Run): void {
  const unique = dedupe(received(run));
  const dyad = unique.filter((alert) => alert.topic === run.topics.escalationAlerts);
  const offer = unique.filter((alert) => alert.topic === run.topics.mediationAlerts);
  expect(dyad.map(({ payload }) => ({ fromLevel: payload.fromLevel, toLevel: payload.toLevel }))).toEqual(EXPECTED_ESCALATIONS);
  expect(offer.map(({ payload }) => ({ status: payload.status, previousStatus: payload.previousStatus }))).toEqual(EXPECTED_MEDIATIONS);
}

describe('alerts survive a SIGKILL of the relay between the database commit and the Kafka publish', () => {
  let run: Run;
  afterEach(() => tearDown(run));

  it('killed after Kafka acknowledged a batch but before it was marked sent: re-sent with the same alertIds', async () => {
    run = await setUp('crash-after-send');
    // Codings first, so that all six alerts are committed to the outbox before the relay's first send.
    const first = startProjector(run, { ALERT_RELAY_CRASH_AFTER_SEND: '1', ALERT_RELAY_BATCH_SIZE: '2' });
    await waitForOutboxTable(run.pool);
    await recordCodings(run.pool, scriptedCrisis('after-send'));
    await eventually(async () => {
      if (!first.exited) throw new Error('relay not crashed yet');
    }, 60_000);
    expect(first.exitCode).toBeNull(); // ended by a signal
    expect(first.output()).toMatch(/fault injection: ALERT_RELAY_CRASH_AFTER_SEND/);
    const afterCrash = await outbox(run.pool);
    expect(afterCrash.unsent).toBe(afterCrash.total); // acknowledged by Kafka, never marked
    // Acknowledged before the crash, so it reaches the test's consumer, which may still be fetching it.
    await eventually(() => {
      if (received(run).length === 0) throw new Error('the batch sent before the crash has not been consumed yet');
    }, 30_000);

    startProjector(run);
    await eventually(async () => {
      if (dedupe(received(run)).length < 6) throw new Error(`${dedupe(received(run)).length}/6 alerts`);
      if ((await outbox(run.pool)).unsent > 0) throw new Error('outbox not drained');
    }, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));

    const all = received(run);
    expect(new Set(all.map((alert) => alert.alertId))).toEqual(new Set((await outbox(run.pool)).ids));
    expect(all.length).toBeGreaterThan(6); // the batch sent before the crash came again…
    expectDuplicatesIdentical(all); // …as the very same alerts
    expectScriptedAlerts(run);
    process.stdout.write(`[alerts-crash] after-send: ${all.length} messages for 6 alerts\n`);
  });

  it('killed with rows committed but before the Kafka send: nothing lost, nothing duplicated', async () => {
    run = await setUp('crash-before-send');
    const first = startProjector(run, { ALERT_RELAY_CRASH_BEFORE_SEND: '1' });
    await waitForOutboxTable(run.pool);
    await recordCodings(run.pool, scriptedCrisis('before-send'));
    await eventually(async () => {
      if (!first.exited) throw new Error('relay not crashed yet');
    }, 60_000);
    expect(received(run)).toHaveLength(0);
    expect((await outbox(run.pool)).unsent).toBeGreaterThan(0);

    startProjector(run);
    await eventually(async () => {
      if ((await outbox(run.pool)).unsent > 0 || (await outbox(run.pool)).total < 6) throw new Error('outbox not drained');
      if (received(run).length < 6) throw new Error(`${received(run).length}/6 alerts`);
    }, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(received(run)).toHaveLength(6);
    expectScriptedAlerts(run);
  });

  it('the projector killed mid-projection under load: after a restart every dyad has exactly 0→2→3→4, in order', async () => {
    run = await setUp('crash-mid-projection');
    const pairs: [string, string][] = [];
    for (let i = 0; i < CODES.length && pairs.length < 400; i += 1) for (let j = i + 1; j < CODES.length && pairs.length < 400; j += 1) pairs.push([CODES[i], CODES[j]]);
    const codings: ScriptedReport[] = pairs.flatMap(([a, b]) => [
      { reportId: `load-${a}-${b}-threat`, events: [{ category: 'THREAT', source: a, target: b, occurredOn: daysAgo(6) }] },
      { reportId: `load-${a}-${b}-strike-1`, events: [{ category: 'STRIKE', source: a, target: b, occurredOn: daysAgo(5) }] },
      { reportId: `load-${a}-${b}-strike-2`, events: [{ category: 'STRIKE', source: b, target: a, occurredOn: daysAgo(4) }] },
    ]);
    // Interleaved so that each batch of the projection moves many dyads one step.
    const interleaved = [0, 1, 2].flatMap((step) => codings.filter((_, index) => index % 3 === step));
    const migrator = startProjector(run);
    await waitForOutboxTable(run.pool);
    await migrator.stop();
    await recordCodings(run.pool, interleaved);

    const victim = startProjector(run, { ALERT_RELAY_BATCH_SIZE: '20' });
    const killedAt = await eventually(async () => {
      const state = await outbox(run.pool);
      if (state.total === 0) throw new Error(`nothing projected yet:\n${victim.output().slice(-3000)}`);
      return state;
    }, 180_000, 5);
    await victim.stop('SIGKILL');
    const atKill = await outbox(run.pool);
    const { rows: checkpoint } = await run.pool.query(`SELECT global_position FROM subscription_checkpoints WHERE subscription_id = 'read-models:g1'`);
    process.stdout.write(
      `[alerts-crash] killed with ${atKill.total}/${pairs.length * 3} alerts in the outbox (${atKill.unsent} unsent), checkpoint ${checkpoint[0]?.global_position}; first seen ${killedAt.total}\n`,
    );
    expect(atKill.total).toBeLessThan(pairs.length * 3); // really mid-projection

    // Then the relay killed mid-stream: some batches acknowledged and marked, the rest not.
    const second = startProjector(run, { ALERT_RELAY_BATCH_SIZE: '20' });
    const midStream = await eventually(async () => {
      const state = await outbox(run.pool);
      if (state.total - state.unsent < 100) throw new Error('relay has not sent enough yet');
      return state;
    }, 180_000, 5);
    await second.stop('SIGKILL');
    process.stdout.write(`[alerts-crash] relay killed mid-stream with ${midStream.total - midStream.unsent}/${midStream.total} marked sent\n`);

    startProjector(run);
    await eventually(async () => {
      const state = await outbox(run.pool);
      if (state.total < pairs.length * 3 || state.unsent > 0) throw new Error(`outbox ${state.total - state.unsent}/${pairs.length * 3} sent`);
      if (dedupe(received(run)).length < pairs.length * 3) throw new Error(`${dedupe(received(run)).length} alerts received`);
    }, 240_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));

    const all = received(run);
    expectDuplicatesIdentical(all);
    expect(new Set(all.map((alert) => alert.alertId))).toEqual(new Set((await outbox(run.pool)).ids));
    const byDyad = new Map<string, { fromLevel: number; toLevel: number }[]>();
    for (const alert of dedupe(all)) byDyad.set(alert.key, [...(byDyad.get(alert.key) ?? []), { fromLevel: alert.payload.fromLevel, toLevel: alert.payload.toLevel }]);
    expect(byDyad.size).toBe(pairs.length);
    for (const [, changes] of byDyad) expect(changes).toEqual(EXPECTED_ESCALATIONS);
    process.stdout.write(`[alerts-crash] mid-projection: ${all.length} messages for ${pairs.length * 3} alerts\n`);
  });
});
