import type { Message, Producer, TopicMessages } from 'kafkajs';
import { correlationIdOf, type AlertKind, type PendingAlert } from './outbox-store';

export interface AlertTopics {
  escalation: string;
  mediation: string;
}

/** Where alerts go; resolves only once the broker acknowledged every message (acks = all). */
export interface AlertPublisher {
  publish(alerts: readonly PendingAlert[]): Promise<void>;
  close(): Promise<void>;
}

/** The Kafka messages of a batch, per topic, in outbox order (so in order per key: one partition per key). */
export function toTopicMessages(alerts: readonly PendingAlert[], topics: AlertTopics): TopicMessages[] {
  const byKind = new Map<AlertKind, Message[]>();
  for (const alert of alerts) {
    const messages = byKind.get(alert.kind) ?? [];
    const correlationId = correlationIdOf(alert);
    messages.push({
      key: alert.key,
      value: JSON.stringify(alert.payload),
      headers: { 'x-alert-id': alert.alertId, ...(correlationId ? { 'x-correlation-id': correlationId } : {}) },
    });
    byKind.set(alert.kind, messages);
  }
  return [...byKind].map(([kind, messages]) => ({ topic: topics[kind], messages }));
}

/**
 * Publishes with an idempotent producer (one request in flight, acks = all). After a failure the producer is
 * dropped and a fresh one is made for the next try: a broker that came back may have forgotten the old
 * producer's sequence state, and a new producer id only risks duplicates, which consumers dedupe by alertId.
 */
export class KafkaAlertPublisher implements AlertPublisher {
  private producer: Producer | null = null;

  constructor(
    private readonly createProducer: () => Producer,
    private readonly topics: AlertTopics,
  ) {}

  async publish(alerts: readonly PendingAlert[]): Promise<void> {
    try {
      if (!this.producer) {
        const producer = this.createProducer();
        this.producer = producer;
        await producer.connect();
      }
      await this.producer.sendBatch({ acks: -1, topicMessages: toTopicMessages(alerts, this.topics) });
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }
}
