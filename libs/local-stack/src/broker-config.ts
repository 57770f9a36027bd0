import { randomBytes } from 'node:crypto';

export const LOCAL_KAFKA_HOST = '127.0.0.1';
export const LOCAL_KAFKA_PORT = 9092;
export const LOCAL_CONTROLLER_PORT = 9093;
/** The broker accepts record batches up to 2 MiB, so an oversize (> 1 MiB) report reaches the app and is dead-lettered. */
export const BROKER_MESSAGE_MAX_BYTES = 2 * 1024 * 1024;

export interface BrokerSettings {
  dataDir: string;
  host?: string;
  port?: number;
  controllerPort?: number;
  /** Major version of the broker; 4.x needs a few extra settings. */
  kafkaMajor: number;
}

/** server.properties of a single-node KRaft broker+controller with a static quorum (KAFKA-LOCAL.md). */
export function renderServerProperties(settings: BrokerSettings): string {
  const host = settings.host ?? LOCAL_KAFKA_HOST;
  const port = settings.port ?? LOCAL_KAFKA_PORT;
  const controllerPort = settings.controllerPort ?? LOCAL_CONTROLLER_PORT;
  const lines: Array<[string, string | number | boolean]> = [
    ['process.roles', 'broker,controller'],
    ['node.id', 1],
    ['controller.quorum.voters', `1@${host}:${controllerPort}`],
    ['listeners', `PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}`],
    ['advertised.listeners', `PLAINTEXT://${host}:${port}`],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    ['controller.listener.names', 'CONTROLLER'],
    ['listener.security.protocol.map', 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT'],
    ['log.dirs', settings.dataDir],
    ['num.partitions', 1],
    ['offsets.topic.replication.factor', 1],
    ['offsets.topic.num.partitions', 1],
    ['transaction.state.log.replication.factor', 1],
    ['transaction.state.log.min.isr', 1],
    ['group.initial.rebalance.delay.ms', 0],
    ['auto.create.topics.enable', false],
    ['message.max.bytes', BROKER_MESSAGE_MAX_BYTES],
    ['replica.fetch.max.bytes', BROKER_MESSAGE_MAX_BYTES],
  ];
  if (settings.kafkaMajor >= 4) {
    lines.push(
      ['share.coordinator.state.topic.replication.factor', 1],
      ['share.coordinator.state.topic.min.isr', 1],
      ['group.coordinator.append.linger.ms', 0],
    );
  }
  const body = lines.map(([key, value]) => `${key}=${value}`).join('\n');
  return `# Written by wirewatch stack up; regenerated on every start.\n${body}\n`;
}

/** reload4j configuration (Kafka 3.x): broker log to <logsDir>/server.log, noisy request logging off. */
export function renderLog4jProperties(): string {
  return [
    'log4j.rootLogger=INFO, kafkaAppender',
    'log4j.appender.kafkaAppender=org.apache.log4j.RollingFileAppender',
    'log4j.appender.kafkaAppender.File=${kafka.logs.dir}/server.log',
    'log4j.appender.kafkaAppender.MaxFileSize=20MB',
    'log4j.appender.kafkaAppender.MaxBackupIndex=3',
    'log4j.appender.kafkaAppender.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.kafkaAppender.layout.ConversionPattern=[%d] %p %m (%c)%n',
    'log4j.logger.kafka.request.logger=WARN',
    'log4j.logger.org.apache.kafka.clients=WARN',
    '',
  ].join('\n');
}

const CLUSTER_ID = /^[A-Za-z0-9_-]{22}$/;

/** A KRaft cluster id: 16 bytes in URL-safe base64 without padding (22 characters). */
export function isValidClusterId(text: string): boolean {
  return CLUSTER_ID.test(text);
}

/**
 * A fresh cluster id, made like Kafka's Uuid.randomUuid().toString(); like Kafka, ids starting with "-" are
 * avoided (they read as command-line options). Saves a JVM start over `StorageTool random-uuid`.
 */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (isValidClusterId(id) && !id.startsWith('-') && !/^A{21}[AQgw]$/.test(id)) return id;
  }
}

/** The last non-empty line of a tool's output, if it is a valid cluster id (stderr noise must never become the id). */
export function clusterIdFromOutput(output: string): string | undefined {
  const lines = output.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const last = lines[lines.length - 1];
  return last !== undefined && isValidClusterId(last) ? last : undefined;
}

/** Kafka's version as pinned in the pom's `<kafka.version>` property. */
export function kafkaVersionFromPom(pom: string): string {
  const match = /<kafka\.version>\s*([0-9][^<\s]*)\s*<\/kafka\.version>/.exec(pom);
  if (!match) throw new Error('the Kafka pom has no <kafka.version> property');
  return match[1];
}

export const majorOf = (version: string): number => Number.parseInt(version.split('.')[0], 10);
