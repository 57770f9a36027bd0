import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { validateEnvironment } from '@app/config';
import { exitCleanlyOnSignals } from '@app/infrastructure';
import { MAX_FETCH_BYTES_PER_PARTITION } from '@app/kafka';
import { logLevel } from 'kafkajs';
import { BatchingKafkaServer } from './batching-kafka-server';
import { IngestModule } from './ingest.module';

/** Ingest: a Kafka microservice on the wire-reports topic, plus a small HTTP port for /health and /metrics. */
async function bootstrap(): Promise<void> {
  const env = validateEnvironment(process.env);
  const app = await NestFactory.create(IngestModule, { logger: ['error', 'warn', 'log'] });
  app.connectMicroservice({
    strategy: new BatchingKafkaServer({
      postfixId: '',
      client: { clientId: `${env.KAFKA_CLIENT_ID}-ingest`, brokers: env.KAFKA_BROKERS, logLevel: logLevel.WARN },
      consumer: {
        groupId: env.INGEST_GROUP_ID,
        maxBytesPerPartition: MAX_FETCH_BYTES_PER_PARTITION,
        maxBytes: 4 * MAX_FETCH_BYTES_PER_PARTITION,
        heartbeatInterval: 1000,
        sessionTimeout: env.INGEST_SESSION_TIMEOUT_MS,
      },
      subscribe: { fromBeginning: true },
      run: { autoCommit: false, partitionsConsumedConcurrently: 6 },
    }, env.DEAD_LETTER_TOPIC),
  });
  exitCleanlyOnSignals(app, 'Ingest');
  await app.startAllMicroservices();
  await app.listen(env.INGEST_METRICS_PORT, '127.0.0.1');
  new Logger('Ingest').log(`consuming ${env.WIRE_REPORTS_TOPIC} as group ${env.INGEST_GROUP_ID}; metrics on :${env.INGEST_METRICS_PORT}`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`ingest: ${(error as Error).message}\n`);
  process.exit(1);
});
