import { Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import { ReplayTopicError } from './errors';
import type { ReplayMessage, ReplayTarget } from './replay-runner';

/** Stored reports may be close to 1 MiB; their events must fit a replay topic's messages. */
const TOPIC_CONFIG = [{ name: 'max.message.bytes', value: String(2 * 1024 * 1024) }];

/**
 * Replays' own idempotent producer (one in flight, so order holds), apart from the process's other producers:
 * a long replay never queues behind or ahead of live traffic.
 */
export class KafkaReplayTarget implements ReplayTarget {
  private readonly producer: Producer;
  private readonly admin: Admin;
  private connecting?: Promise<void>;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
    this.admin = kafka.admin();
  }

  private connect(): Promise<void> {
    this.connecting ??= Promise.all([this.producer.connect(), this.admin.connect()]).then(() => undefined);
    return this.connecting;
  }

  /** Creates the topic with one partition; refuses an existing topic with more (its order would be lost). */
  async ensureTopic(topic: string): Promise<void> {
    await this.connect();
    if (!(await this.admin.listTopics()).includes(topic)) {
      try {
        await this.admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries: TOPIC_CONFIG }], waitForLeaders: true });
      } catch (error) {
        if (!/already exists/i.test(String((error as Error).message) + JSON.stringify((error as { errors?: unknown }).errors ?? ''))) throw error;
      }
    }
    const metadata = await this.admin.fetchTopicMetadata({ topics: [topic] });
    const partitions = metadata.topics[0]?.partitions.length ?? 0;
    if (partitions !== 1) throw new ReplayTopicError(`topic ${topic} exists with ${partitions} partitions; a replay needs exactly 1 to keep the order`);
  }

  async send(topic: string, messages: ReplayMessage[]): Promise<void> {
    await this.connect();
    await this.producer.send({ topic, acks: -1, messages });
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }
}
