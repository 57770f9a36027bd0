import { Kafka, logLevel, Partitioners, type KafkaConfig, type Producer, type ProducerConfig } from 'kafkajs';

/** Brokers' record batches may reach 2 MiB so that oversize reports arrive and can be dead-lettered. */
export const MAX_FETCH_BYTES_PER_PARTITION = 3 * 1024 * 1024;

export function createKafka(brokers: string[], clientId: string, extra: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.WARN, retry: { retries: 8 }, ...extra });
}

export function createIdempotentProducer(kafka: Kafka, config: ProducerConfig = {}): Producer {
  return kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
    ...config,
  });
}
