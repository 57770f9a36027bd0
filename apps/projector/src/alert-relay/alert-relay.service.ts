import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import { WIREWATCH_ENV, type Environment } from '@app/config';
import { PG_POOL } from '@app/infrastructure';
import { createIdempotentProducer, createKafka } from '@app/kafka';
import { KafkaAlertPublisher, OutboxRelay, type PendingAlert } from '@app/alert-relay';
import { jsonLogger } from './json-log';

/**
 * Fault injection for the crash tests: `ALERT_RELAY_CRASH_BEFORE_SEND=n` / `ALERT_RELAY_CRASH_AFTER_SEND=n` kill
 * the process (SIGKILL, no clean-up) at the n-th batch, before the Kafka send or after Kafka acknowledged it but
 * before the rows are marked sent. Unset in production.
 */
function crashHook(variable: string): ((alerts: readonly PendingAlert[]) => void) | undefined {
  const at = Number(process.env[variable] ?? '');
  if (!Number.isInteger(at) || at < 1) return undefined;
  let batches = 0;
  return () => {
    batches += 1;
    if (batches < at) return;
    process.stderr.write(`${JSON.stringify({ level: 'warn', context: 'AlertRelay', msg: `fault injection: ${variable}, killing the process` })}\n`);
    process.kill(process.pid, 'SIGKILL');
  };
}

const positive = (value: string | undefined, fallback: number): number => {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
};

/**
 * Runs the outbox relay in the projector process. It has its own Kafka client and producer (not KafkaModule's),
 * so that the projector starts and projects while the broker is down; the relay backs off and catches up.
 */
@Injectable()
export class AlertRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(@Inject(PG_POOL) pool: Pool, @Inject(WIREWATCH_ENV) env: Environment) {
    const kafka = createKafka(env.KAFKA_BROKERS, `${env.KAFKA_CLIENT_ID}-alert-relay`, {
      retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 3000 },
    });
    const publisher = new KafkaAlertPublisher(() => createIdempotentProducer(kafka), {
      escalation: env.ESCALATION_ALERTS_TOPIC,
      mediation: env.MEDIATION_ALERTS_TOPIC,
    });
    this.relay = new OutboxRelay(pool, publisher, {
      batchSize: positive(process.env.ALERT_RELAY_BATCH_SIZE, 500),
      pollMs: positive(process.env.ALERT_RELAY_POLL_MS, 1000),
      log: jsonLogger('AlertRelay', env.LOG_LEVEL),
      beforeSend: crashHook('ALERT_RELAY_CRASH_BEFORE_SEND'),
      afterSend: crashHook('ALERT_RELAY_CRASH_AFTER_SEND'),
    });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
