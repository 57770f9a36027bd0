import { existsSync } from 'node:fs';
import { EMBEDDED_POSTGRES_PORT, LOCAL_POSTGRES, embeddedServerUrl, localServerUrl, redactUrl } from './database-url';
import { stopEmbeddedPostgres } from './embedded-postgres';
import { LOCAL_BROKERS, pinnedKafkaVersion, stopJarBroker, type Log } from './jar-broker';
import { kafkaAnswers, parseBrokerList } from './kafka-readiness';
import { composeStopKafka, resolveKafkaAt, type KafkaKind, type ResolvedKafka } from './kafka-source';
import { serverAnswers } from './postgres-client';
import { livePid } from './process-control';
import { resolveDatabaseAt, type DatabaseKind, type ResolvedDatabase } from './resolve-database';
import { stackPaths, type StackPaths } from './stack-paths';
import { WIREWATCH_TOPIC_SPECS, describeTopics, ensureTopics, type TopicDescription } from './topics';

export interface StackOptions {
  log?: Log;
  env?: NodeJS.ProcessEnv;
  paths?: StackPaths;
}

const quiet: Log = () => undefined;

export async function resolveKafka(options: StackOptions = {}): Promise<ResolvedKafka> {
  return resolveKafkaAt(options.paths ?? stackPaths(), options.log ?? quiet, options.env ?? process.env);
}

export async function resolveDatabase(options: StackOptions = {}): Promise<ResolvedDatabase> {
  return resolveDatabaseAt((options.paths ?? stackPaths()).postgres, { env: options.env, log: options.log });
}

export interface StackUpResult {
  kafka: ResolvedKafka & { version?: string };
  topics: { created: string[]; existing: string[] };
  /** The full URL (password included): print it with `redactUrl`. */
  postgres: ResolvedDatabase;
  seconds: number;
}

/** Kafka (with the SPEC §2 topics) and PostgreSQL, each found or started; idempotent. */
export async function stackUp(options: StackOptions = {}): Promise<StackUpResult> {
  const started = Date.now();
  const paths = options.paths ?? stackPaths();
  const kafka = await resolveKafka({ ...options, paths });
  const topics = await ensureTopics(kafka.brokers, WIREWATCH_TOPIC_SPECS);
  const postgres = await resolveDatabase({ ...options, paths });
  const version = kafka.kind === 'jars' ? pinnedKafkaVersion(paths.kafka) : undefined;
  return { kafka: { ...kafka, version }, topics, postgres, seconds: (Date.now() - started) / 1000 };
}

export interface StackDownResult {
  kafka: { stopped: boolean; pid?: number; forced?: boolean; seconds?: number; note: string };
  postgres: { stopped: boolean; pid?: number; forced?: boolean; seconds?: number; note: string };
}

/** Stops only what `stack up` started (by pid file, or the compose Kafka it brought up). */
export async function stackDown(options: StackOptions = {}): Promise<StackDownResult> {
  const paths = options.paths ?? stackPaths();
  const broker = await stopJarBroker(paths.kafka);
  const composeStopped = broker.stopped ? false : composeStopKafka(paths, options.log ?? quiet);
  const pg = await stopEmbeddedPostgres(paths.postgres);
  return {
    kafka: broker.stopped
      ? { ...broker, note: `stopped the jar broker (pid ${broker.pid}) in ${broker.seconds.toFixed(1)} s${broker.forced ? ' (killed after 30 s)' : ''}` }
      : { stopped: composeStopped, note: composeStopped ? 'stopped the docker compose kafka service' : 'no broker started by wirewatch is running' },
    postgres: pg.stopped
      ? { ...pg, note: `stopped embedded PostgreSQL (pid ${pg.pid}) in ${pg.seconds.toFixed(1)} s` }
      : { stopped: false, note: 'no embedded PostgreSQL started by wirewatch is running' },
  };
}

export interface StackStatus {
  kafka: {
    /** `unmanaged`: a broker answers on 127.0.0.1:9092 that this checkout did not start. */
    kind: KafkaKind | 'unmanaged' | 'none';
    brokers: string[];
    answers: boolean;
    pid?: number;
    version?: string;
    topics: TopicDescription[];
  };
  postgres: { kind: DatabaseKind | 'none'; url?: string; answers: boolean; pid?: number };
}

/** What runs where; starts nothing. */
export async function stackStatus(options: StackOptions = {}): Promise<StackStatus> {
  const paths = options.paths ?? stackPaths();
  const env = options.env ?? process.env;
  return { kafka: await kafkaStatus(paths, env), postgres: await postgresStatus(paths, env) };
}

async function kafkaStatus(paths: StackPaths, env: NodeJS.ProcessEnv): Promise<StackStatus['kafka']> {
  const fromEnv = parseBrokerList(env.KAFKA_BROKERS ?? '');
  const brokers = fromEnv.length > 0 ? fromEnv : LOCAL_BROKERS;
  const pid = fromEnv.length > 0 ? undefined : livePid(paths.kafka.pidFile, paths.kafka.serverProperties);
  const answers = await kafkaAnswers(brokers);
  const kind: StackStatus['kafka']['kind'] =
    fromEnv.length > 0 ? 'env' : pid !== undefined ? 'jars' : existsSync(paths.kafka.dockerMarker) ? 'docker' : answers ? 'unmanaged' : 'none';
  const topics = answers ? await describeTopics(brokers, WIREWATCH_TOPIC_SPECS.map((spec) => spec.topic)).catch(() => []) : [];
  const version = kind === 'jars' ? pinnedKafkaVersion(paths.kafka) : undefined;
  return { kind, brokers, answers, pid, version, topics };
}

async function postgresStatus(paths: StackPaths, env: NodeJS.ProcessEnv): Promise<StackStatus['postgres']> {
  if (env.DATABASE_URL) return { kind: 'env', url: redactUrl(env.DATABASE_URL), answers: await serverAnswers(env.DATABASE_URL) };
  const local = localServerUrl(env);
  if (await serverAnswers(local)) return { kind: 'local', url: `postgres://${LOCAL_POSTGRES.host}:${LOCAL_POSTGRES.port}`, answers: true };
  const pid = livePid(paths.postgres.pidFile, paths.postgres.data);
  if (pid !== undefined) {
    const url = embeddedServerUrl(EMBEDDED_POSTGRES_PORT);
    return { kind: 'embedded', url: redactUrl(url), answers: await serverAnswers(url), pid };
  }
  return { kind: 'none', answers: false };
}

/**
 * For the test runner: Kafka (jar broker started if needed, SPEC §2 topics present) and PostgreSQL answer.
 * Returns the brokers and the server's URL; tests create their own databases and topics on them.
 */
export async function ensureStackForTests(options: StackOptions = {}): Promise<{ brokers: string[]; databaseUrl: string }> {
  const paths = options.paths ?? stackPaths();
  const kafka = await resolveKafka({ ...options, paths });
  await ensureTopics(kafka.brokers, WIREWATCH_TOPIC_SPECS);
  const database = await resolveDatabase({ ...options, paths });
  return { brokers: kafka.brokers, databaseUrl: database.url };
}
