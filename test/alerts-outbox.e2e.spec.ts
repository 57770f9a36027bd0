import { Pool } from 'pg';
import type { Producer } from 'kafkajs';
import {
  aWireReport,
  collectTopic,
  connectedProducer,
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
  decodeAlert,
  EXPECTED_ESCALATIONS,
  EXPECTED_MEDIATIONS,
  recordCodings,
  scriptedCrisis,
  type ReceivedAlert,
} from '../libs/alert-relay/src/testing/scripted-crisis';

// SPEC §4 Alerts, §2 alert topics: a scripted crisis goes through the projector's outbox and relay to Kafka,
// where a real kafkajs consumer reads exactly the expected alerts, in order per key.
describe('alerts from the outbox to Kafka', () => {
  let database: TestDatabase;
  let topics: TestTopics;
  let pool: Pool;
  let projector: AppProcess;
  let escalations: CollectingConsumer;
  let mediations: CollectingConsumer;

  beforeAll(async () => {
    [database, topics] = await Promise.all([createTestDatabase('ww_e2e_alerts'), createTestTopics('e2e-alerts')]);
    pool = new Pool({ connectionString: database.url, max: 4 });
    projector = startApp('projector', { ...topics.env, DATABASE_URL: database.url, LOG_LEVEL: 'log' });
    [escalations, mediations] = await Promise.all([collectTopic(topics.escalationAlerts), collectTopic(topics.mediationAlerts)]);
    await eventually(async () => {
      const { rows } = await pool.query(`SELECT to_regclass('alert_outbox') AS t`);
      if (!rows[0].t) throw new Error('migrations not run yet');
    }, 90_000);
  });

  afterAll(async () => {
    await Promise.allSettled([projector?.stop(), escalations?.stop(), mediations?.stop()]);
    await pool?.end();
    await database?.drop();
  });

  const received = (): ReceivedAlert[] => [
    ...escalations.messages.map((message) => decodeAlert(topics.escalationAlerts, message)),
    ...mediations.messages.map((message) => decodeAlert(topics.mediationAlerts, message)),
  ];

  it('publishes 0→2→3→4 for the dyad and OFFERED → PARTIALLY_ACCEPTED → ACCEPTED for the offer, in order per key, exactly once', async () => {
    const started = Date.now();
    for (const report of scriptedCrisis('crisis')) await recordCodings(pool, [report]);

    await eventually(async () => {
      if (escalations.messages.length < 3 || mediations.messages.length < 3) {
        throw new Error(`received ${escalations.messages.length} escalation and ${mediations.messages.length} mediation alerts`);
      }
    }, 60_000);
    const deliveredMs = Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 3000)); // anything extra would arrive by now

    const dyad = received().filter((alert) => alert.topic === topics.escalationAlerts);
    expect(dyad.map((alert) => alert.key)).toEqual(['IRN-PAK', 'IRN-PAK', 'IRN-PAK']);
    expect(dyad.map(({ payload }) => ({ fromLevel: payload.fromLevel, toLevel: payload.toLevel }))).toEqual(EXPECTED_ESCALATIONS);
    expect(dyad[2].payload).toMatchObject({
      dyad: 'IRN-PAK',
      actors: ['IRN', 'PAK'],
      fromName: 'USE_OF_FORCE',
      toName: 'EXCHANGE_OF_FIRE',
      trigger: { reportId: 'crisis-strike-2', category: 'STRIKE' },
    });

    const offer = received().filter((alert) => alert.topic === topics.mediationAlerts);
    expect(offer.map((alert) => alert.key)).toEqual(['CHN:IRN-PAK', 'CHN:IRN-PAK', 'CHN:IRN-PAK']);
    expect(offer.map(({ payload }) => ({ status: payload.status, previousStatus: payload.previousStatus }))).toEqual(EXPECTED_MEDIATIONS);
    expect(offer[0].payload).toMatchObject({ offerId: 'CHN:IRN-PAK', mediator: 'CHN', parties: ['IRN', 'PAK'], conditions: ['if both sides so wish'], reportId: 'crisis-offer' });

    // Every Kafka message carries its alertId and correlation id (the report) in headers; ids are unique.
    const ids = received().map((alert) => alert.alertId);
    expect(new Set(ids).size).toBe(6);
    for (const message of [...escalations.messages, ...mediations.messages]) {
      expect(message.headers?.['x-alert-id']?.toString()).toBe(JSON.parse(message.value!.toString()).alertId);
      expect(message.headers?.['x-correlation-id']?.toString()).toMatch(/^crisis-/);
    }

    // The outbox agrees: six rows, all marked sent, in the order they were published.
    const { rows } = await pool.query(`SELECT alert_id, sent_at FROM alert_outbox ORDER BY sequence`);
    expect(rows.map((row) => row.alert_id).sort()).toEqual([...ids].sort());
    expect(rows.every((row) => row.sent_at !== null)).toBe(true);

    // Structured logs follow the report to its alert.
    expect(projector.output()).toMatch(/"msg":"alert published".*"correlationId":"crisis-strike-2"/);
    const { rows: lag } = await pool.query(`SELECT max(extract(epoch FROM sent_at - created_at) * 1000)::int AS ms FROM alert_outbox`);
    process.stdout.write(`[alerts] six alerts consumed ${deliveredMs} ms after the first coding was recorded; outbox row to Kafka ack ≤ ${lag[0].ms} ms\n`);
  });

  it('follows one wire report from Kafka through ingest and the event store to its alert, by correlation id', async () => {
    const ingest = startApp('ingest', { ...topics.env, DATABASE_URL: database.url, INGEST_METRICS_PORT: '0', LOG_LEVEL: 'log' });
    let producer: Producer | undefined;
    try {
      producer = await connectedProducer();
      const report = aWireReport({
        reportId: `corr-${Date.now().toString(36)}`,
        publishedAt: new Date().toISOString(),
        headline: 'Ethiopian drones strike Sudan',
        body: 'Ethiopian drones struck targets in Sudan on Tuesday, killing 4 soldiers, the Sudanese army said.',
      });
      const before = escalations.messages.length;
      await producer.send({ topic: topics.wireReports, acks: -1, messages: [{ key: report.reportId, value: JSON.stringify(report) }] });
      const alert = await eventually(() => {
        const found = escalations.messages.slice(before).map((message) => ({ message, alert: decodeAlert(topics.escalationAlerts, message) })).find(({ alert }) => alert.key === 'ETH-SDN');
        if (!found) throw new Error('no ETH-SDN alert yet');
        return found;
      }, 90_000);
      expect(alert.alert.payload).toMatchObject({ dyad: 'ETH-SDN', fromLevel: 0, toLevel: 3, trigger: { reportId: report.reportId, category: 'STRIKE' } });
      expect(alert.message.headers?.['x-correlation-id']?.toString()).toBe(report.reportId);
      const { rows } = await pool.query(`SELECT DISTINCT metadata->>'correlationId' AS id FROM events WHERE stream_id LIKE $1`, [`%${report.reportId}`]);
      expect(rows).toEqual([{ id: report.reportId }]);
      const line = projector.output().split('\n').find((text) => text.includes('"alert published"') && text.includes(alert.alert.alertId));
      expect(JSON.parse(line!)).toMatchObject({ level: 'log', context: 'AlertRelay', alertId: alert.alert.alertId, key: 'ETH-SDN', correlationId: report.reportId });
    } finally {
      await producer?.disconnect();
      await ingest.stop();
    }
  });

  it('replaying the same codings again (a retry, a rebuild) publishes nothing new', async () => {
    const before = escalations.messages.length + mediations.messages.length;
    await recordCodings(pool, scriptedCrisis('crisis')); // same report ids, same codings: the ledger changes nothing
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(escalations.messages.length + mediations.messages.length).toBe(before);
  });
});
