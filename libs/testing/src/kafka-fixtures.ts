import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Consumer, type KafkaMessage, type Producer } from 'kafkajs';
import { ensureTopics, WIREWATCH_TOPICS, withTopicName } from '@app/local-stack';

export const testBrokers = (): string[] => (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((broker) => broker.trim());

export interface TestTopics {
  wireReports: string;
  deadLetters: string;
  escalationAlerts: string;
  mediationAlerts: string;
  /** The environment variables that point an app at these topics. */
  env: Record<string, string>;
}

/** Creates the SPEC §2 topics under unique names, with the same partitions and settings, for one test file. */
export async function createTestTopics(label = 'test'): Promise<TestTopics> {
  const suffix = `${label}.${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const topics = {
    wireReports: `wire-reports.${suffix}`,
    deadLetters: `wire-reports.dlq.${suffix}`,
    escalationAlerts: `alerts.escalation.${suffix}`,
    mediationAlerts: `alerts.mediation.${suffix}`,
  };
  await ensureTopics(testBrokers(), [
    withTopicName(WIREWATCH_TOPICS.wireReports, topics.wireReports),
    withTopicName(WIREWATCH_TOPICS.wireReportsDlq, topics.deadLetters),
    withTopicName(WIREWATCH_TOPICS.escalationAlerts, topics.escalationAlerts),
    withTopicName(WIREWATCH_TOPICS.mediationAlerts, topics.mediationAlerts),
  ]);
  return {
    ...topics,
    env: {
      WIRE_REPORTS_TOPIC: topics.wireReports,
      DEAD_LETTER_TOPIC: topics.deadLetters,
      ESCALATION_ALERTS_TOPIC: topics.escalationAlerts,
      MEDIATION_ALERTS_TOPIC: topics.mediationAlerts,
      INGEST_GROUP_ID: `wirewatch-ingest.${suffix}`,
    },
  };
}

export function testKafka(clientId = 'wirewatch-test'): Kafka {
  return new Kafka({ clientId, brokers: testBrokers(), logLevel: logLevel.NOTHING });
}

export async function connectedProducer(): Promise<Producer> {
  const producer = testKafka().producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  return producer;
}

export interface CollectingConsumer {
  messages: KafkaMessage[];
  stop(): Promise<void>;
}

/** Reads a topic from the beginning into an array, until stopped. */
export async function collectTopic(topic: string): Promise<CollectingConsumer> {
  const consumer: Consumer = testKafka().consumer({ groupId: `collector-${topic}-${randomBytes(3).toString('hex')}`, maxBytesPerPartition: 4 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const messages: KafkaMessage[] = [];
  await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
  return { messages, stop: () => consumer.disconnect() };
}
