import type { Producer } from 'kafkajs';
import { freePort, startApp, waitForHttp, type AppProcess } from './app-process';
import { connectedProducer, createTestTopics, type TestTopics } from './kafka-fixtures';
import { createTestDatabase, type TestDatabase } from './test-database';

export type AppName = 'ingest' | 'projector' | 'api';

/** A database, topics and a producer of a test file's own, with the apps it runs against them. */
export interface TestPipeline {
  database: TestDatabase;
  topics: TestTopics;
  producer: Producer;
  apps: AppProcess[];
  /** The api's base URL (when the api runs). */
  apiUrl: string;
  stop(): Promise<void>;
}

/** Starts the named apps on their own database and topics and waits until the api and ingest answer /health. */
export async function startPipeline(label: string, names: readonly AppName[]): Promise<TestPipeline> {
  const [database, topics, producer] = await Promise.all([createTestDatabase(`ww_e2e_${label.replace(/-/g, '_')}`), createTestTopics(`e2e-${label}`), connectedProducer()]);
  const [apiPort, ingestPort] = await Promise.all([freePort(), freePort()]);
  const env = { ...topics.env, DATABASE_URL: database.url, PORT: String(apiPort), INGEST_METRICS_PORT: String(ingestPort) };
  const apps = names.map((name) => startApp(name, env));
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const health = { api: apiUrl, ingest: `http://127.0.0.1:${ingestPort}`, projector: null } as const;
  await Promise.all(apps.map((app, index) => (health[names[index]] ? waitForHttp(`${health[names[index]]}/health`, 90_000, app) : undefined)));
  return {
    database,
    topics,
    producer,
    apps,
    apiUrl,
    async stop() {
      await Promise.allSettled([...apps.map((app) => app.stop()), producer.disconnect()]);
      await database.drop();
    },
  };
}
