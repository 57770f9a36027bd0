import { ServerKafka } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { Consumer, EachBatchPayload } from 'kafkajs';

/** What an `@EventPattern` handler of this transport receives: a whole fetched batch of one partition. */
export interface KafkaBatch {
  payload: EachBatchPayload;
  /** Commits `offset + 1` for the batch's partition: call only once everything up to `offset` is durable. */
  commitThrough(offset: string): Promise<void>;
}

/**
 * Nest's Kafka transport hands messages over one at a time (nestjs/nest#9455), which caps ingest at one
 * database transaction per message. This strategy keeps Nest's Kafka server — client, group, subscriptions,
 * pattern handlers — and only swaps `eachMessage` for `eachBatch`, with offsets resolved and committed by the
 * handler after its effects are durable.
 */
export class BatchingKafkaServer extends ServerKafka {
  override async bindEvents(consumer: Consumer): Promise<void> {
    const topics = [...this.messageHandlers.keys()];
    if (topics.length > 0) await consumer.subscribe({ ...(this.options.subscribe ?? {}), topics });
    await consumer.run({
      ...(this.options.run ?? {}),
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(consumer, payload),
    });
  }

  private async handleBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { topic, partition } = payload.batch;
    const handler = this.getHandlerByPattern(topic);
    if (!handler) {
      // Nothing resolved or committed: the batch is fetched again once a handler exists.
      this.logger.error(`no handler for topic ${topic}`);
      return;
    }
    const batch: KafkaBatch = {
      payload,
      commitThrough: async (offset) => {
        payload.resolveOffset(offset);
        await consumer.commitOffsets([{ topic, partition, offset: (BigInt(offset) + 1n).toString() }]);
      },
    };
    const result = await handler(batch);
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }
}
