import { ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { TransactionalDeadLetters, type DeadLetter } from '@app/kafka';

/** What an `@EventPattern` handler of this transport receives: a whole fetched batch of one partition. */
export interface KafkaBatch {
  payload: EachBatchPayload;
  /**
   * Commits the partition through `offset` (the next read is `offset + 1`), once everything up to it is durable,
   * in a Kafka transaction that also carries the given dead letters.
   */
  commitThrough(offset: string, deadLetters?: readonly DeadLetter[]): Promise<void>;
}

/**
 * Nest's Kafka transport hands messages over one at a time (nestjs/nest#9455), which caps ingest at one
 * database transaction per message. This strategy keeps Nest's Kafka server — client, group, subscriptions,
 * pattern handlers — and only swaps `eachMessage` for `eachBatch`, with offsets committed by the handler after
 * its effects are durable.
 */
export class BatchingKafkaServer extends ServerKafka {
  private deadLetters?: TransactionalDeadLetters;

  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly deadLetterTopic: string,
  ) {
    super(options);
  }

  override async bindEvents(consumer: Consumer): Promise<void> {
    // Nest types its Kafka client with its own copy of the kafkajs interface; it is the kafkajs client.
    const deadLetters = new TransactionalDeadLetters(this.client as unknown as Kafka, this.deadLetterTopic);
    this.deadLetters = deadLetters;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => deadLetters.retainAssigned(this.groupId, payload.memberAssignment));
    const topics = [...this.messageHandlers.keys()];
    if (topics.length > 0) await consumer.subscribe({ ...(this.options.subscribe ?? {}), topics });
    await consumer.run({
      ...(this.options.run ?? {}),
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  override async close(): Promise<void> {
    await super.close();
    await this.deadLetters?.close();
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { topic, partition } = payload.batch;
    const handler = this.getHandlerByPattern(topic);
    if (!handler) {
      // Nothing resolved or committed: the batch is fetched again once a handler exists.
      this.logger.error(`no handler for topic ${topic}`);
      return;
    }
    // Nest's exception layer turns whatever a handler throws into a plain "Internal server error" object, which
    // kafkajs cannot recognize: a rebalance reported by a heartbeat would crash and restart the consumer instead
    // of rejoining. So the first error of the batch's heartbeats is kept and handed to kafkajs as it was.
    let heartbeatError: unknown;
    const heartbeat = async () => {
      try {
        await payload.heartbeat();
      } catch (error) {
        heartbeatError ??= error;
        throw error;
      }
    };
    const batch: KafkaBatch = {
      payload: { ...payload, heartbeat },
      commitThrough: async (offset, deadLetters = []) => {
        const nextOffset = (BigInt(offset) + 1n).toString();
        await this.deadLetters!.publishAndCommit(deadLetters, { groupId: this.groupId, topic, partition, nextOffset });
        payload.resolveOffset(offset);
      },
    };
    try {
      const result = await handler(batch);
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    } catch (error) {
      throw heartbeatError ?? error;
    }
    if (heartbeatError !== undefined) throw heartbeatError;
  }
}
