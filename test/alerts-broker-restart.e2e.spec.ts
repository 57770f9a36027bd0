import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { KafkaMessage } from 'kafkajs';
import { createTestDatabase, eventually, startApp, type AppProcess, type TestDatabase } from '@app/testing';
import { fetchKafkaJars, jarsAreCurrent, startJarBroker, stopJarBroker, type BrokerAddress } from '../libs/local-stack/src/jar-broker';
import { freePort } from '../libs/local-stack/src/free-port';
import { throwawayStackPaths, type StackPaths } from '../libs/local-stack/src/stack-paths';
import { ensureTopics, kafkaClient, withTopicName, WIREWATCH_TOPICS } from '../libs/local-stack/src/topics';
import {
  decodeAlert,
  dedupe,
  EXPECTED_ESCALATIONS,
  EXPECTED_MEDIATIONS,
  recordCodings,
  scriptedCrisis,
} from '../libs/alert-relay/src/testing/scripted-crisis';

// Alerts pending while the broker is down are delivered once it is back. The broker is this test's own (free
// ports, data in a temp folder, the shared jars), started, stopped and restarted here: the shared broker on
// 127.0.0.1:9092 is never touched.
jest.setTimeout(420_000);
const log = (line: string) => process.stdout.write(`[own broker] ${line}\n`);

function ownPaths(): StackPaths {
  return throwawayStackPaths(mkdtempSync(join(tmpdir(), 'wirewatch-alerts-broker-')));
}

/** Reads a topic from the beginning with a fresh group until `count` messages arrived. */
async function readTopic(brokers: string[], topic: string, count: number): Promise<KafkaMessage[]> {
  const consumer = kafkaClient(brokers, 'alerts-broker-restart-reader').consumer({ groupId: `reader-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const messages: KafkaMessage[] = [];
  await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
  try {
    await eventually(async () => {
      if (messages.length < count) throw new Error(`${messages.length}/${count} on ${topic}`);
    }, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

describe('alerts pending while the broker is down', () => {
  const paths = ownPaths();
  let address: BrokerAddress;
  let brokers: string[];
  let database: TestDatabase;
  let pool: Pool;
  let projector: AppProcess;
  const suffix = `broker-restart.${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const escalationTopic = `alerts.escalation.${suffix}`;
  const mediationTopic = `alerts.mediation.${suffix}`;

  beforeAll(async () => {
    address = { host: '127.0.0.1', port: await freePort(), controllerPort: await freePort() };
    brokers = [`${address.host}:${address.port}`];
    if (!jarsAreCurrent(paths.kafka)) await fetchKafkaJars(paths.kafka, log);
    await startJarBroker(paths.kafka, log, address);
    await ensureTopics(brokers, [
      withTopicName(WIREWATCH_TOPICS.escalationAlerts, escalationTopic),
      withTopicName(WIREWATCH_TOPICS.mediationAlerts, mediationTopic),
    ]);
    database = await createTestDatabase('ww_e2e_alerts_broker');
    pool = new Pool({ connectionString: database.url, max: 4 });
  });

  afterAll(async () => {
    await projector?.stop();
    await pool?.end();
    await database?.drop();
    await stopJarBroker(paths.kafka);
    rmSync(paths.stack, { recursive: true, force: true });
  });

  const unsent = async () => Number((await pool.query(`SELECT count(*) AS n FROM alert_outbox WHERE sent_at IS NULL`)).rows[0].n);
  const total = async () => Number((await pool.query(`SELECT count(*) AS n FROM alert_outbox`)).rows[0].n);

  it('are delivered, in order per key, once the broker is back', async () => {
    projector = startApp('projector', {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers.join(','),
      ESCALATION_ALERTS_TOPIC: escalationTopic,
      MEDIATION_ALERTS_TOPIC: mediationTopic,
      LOG_LEVEL: 'log',
    });
    await eventually(async () => {
      if (!(await pool.query(`SELECT to_regclass('alert_outbox') AS t`)).rows[0].t) throw new Error('migrations not run yet');
    }, 90_000);
    const [threat, strike1, strike2, offer, irnAccepts, pakAccepts] = scriptedCrisis('outage');

    // With the broker up: the first alerts go out.
    await recordCodings(pool, [threat, offer]);
    await eventually(async () => {
      if ((await total()) < 2 || (await unsent()) > 0) throw new Error('first alerts not sent');
    }, 60_000);

    // Broker down: alerts pile up in the outbox; the projector keeps projecting.
    const stopped = await stopJarBroker(paths.kafka);
    log(`stopped: ${JSON.stringify(stopped)}`);
    await recordCodings(pool, [strike1, strike2, irnAccepts, pakAccepts]);
    await eventually(async () => {
      if ((await total()) < 6) throw new Error('not projected yet');
    }, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 8000));
    expect(await unsent()).toBe(4);
    expect(projector.exited).toBe(false);
    expect(projector.output()).toMatch(/alert relay failed, backing off/);

    // Broker back on the same data: the backlog drains.
    const restarted = await startJarBroker(paths.kafka, log, address);
    const back = Date.now();
    await eventually(async () => {
      if ((await unsent()) > 0) throw new Error(`${await unsent()} unsent`);
    }, 120_000);
    const drainedMs = Date.now() - back;
    process.stdout.write(`[alerts-broker] broker ready after ${restarted.secondsToReady.toFixed(1)} s; backlog of 4 drained ${drainedMs} ms later\n`);
    expect(projector.output()).toMatch(/alert relay recovered/);

    const escalations = dedupe((await readTopic(brokers, escalationTopic, 3)).map((message) => decodeAlert(escalationTopic, message)));
    const mediations = dedupe((await readTopic(brokers, mediationTopic, 3)).map((message) => decodeAlert(mediationTopic, message)));
    expect(escalations.map(({ payload }) => ({ fromLevel: payload.fromLevel, toLevel: payload.toLevel }))).toEqual(EXPECTED_ESCALATIONS);
    expect(mediations.map(({ payload }) => ({ status: payload.status, previousStatus: payload.previousStatus }))).toEqual(EXPECTED_MEDIATIONS);
  });
});
