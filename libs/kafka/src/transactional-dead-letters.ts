import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { deadLetterHeaders, type DeadLetter } from './dead-letter';

export interface PartitionPosition {
  groupId: string;
  topic: string;
  partition: number;
  /** The next offset to consume: the last handled offset + 1. */
  nextOffset: string;
}

/**
 * Dead-letters a chunk's rejected messages and commits the chunk's offset in ONE Kafka transaction, so a crash
 * anywhere leaves either both or neither: read-committed consumers of the dead-letter topic see every bad
 * message exactly once. One transactional producer per input partition (transactional id = group, topic and
 * partition) fences a zombie instance that lost the partition in a rebalance.
 */
export class TransactionalDeadLetters {
  private readonly producers = new Map<string, Promise<Producer>>();
  /** Partitions whose last transaction failed in a way that may have hidden a successful commit. */
  private readonly uncertain = new Set<string>();

  constructor(
    private readonly kafka: Kafka,
    private readonly deadLetterTopic: string,
  ) {}

  async publishAndCommit(letters: readonly DeadLetter[], position: PartitionPosition): Promise<void> {
    const id = transactionalIdOf(position);
    // A commit can succeed at the broker and still fail here (a timeout on the answer). Before sending the
    // same letters again, ask the group whether the offset got committed.
    if (this.uncertain.has(id)) {
      if (await this.alreadyCommitted(position)) {
        this.uncertain.delete(id);
        return;
      }
    }
    const producer = await this.producerFor(position);
    const transaction = await producer.transaction();
    try {
      // One message per send: the broker's size limit applies to everything one send puts on a partition.
      for (const letter of letters) {
        await transaction.send({ topic: this.deadLetterTopic, messages: [{ key: letter.key, value: letter.value, headers: deadLetterHeaders(letter) }] });
      }
      await transaction.sendOffsets({
        consumerGroupId: position.groupId,
        topics: [{ topic: position.topic, partitions: [{ partition: position.partition, offset: position.nextOffset }] }],
      });
      await transaction.commit();
      this.uncertain.delete(id);
    } catch (error) {
      this.uncertain.add(id);
      await transaction.abort().catch(() => undefined);
      this.forget(position);
      throw error;
    }
  }

  private async alreadyCommitted(position: PartitionPosition): Promise<boolean> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId: position.groupId, topics: [position.topic] });
      const committed = offsets.partitions.find((partition) => partition.partition === position.partition)?.offset ?? '-1';
      return BigInt(committed) >= BigInt(position.nextOffset);
    } finally {
      await admin.disconnect();
    }
  }

  async close(): Promise<void> {
    const producers = await Promise.allSettled(this.producers.values());
    this.producers.clear();
    await Promise.allSettled(producers.flatMap((result) => (result.status === 'fulfilled' ? [result.value.disconnect()] : [])));
  }

  private producerFor(position: PartitionPosition): Promise<Producer> {
    const id = transactionalIdOf(position);
    let producer = this.producers.get(id);
    if (!producer) {
      producer = (async () => {
        const created = this.kafka.producer({
          transactionalId: id,
          idempotent: true,
          maxInFlightRequests: 1,
          createPartitioner: Partitioners.DefaultPartitioner,
        });
        await created.connect();
        return created;
      })();
      producer.catch(() => this.producers.delete(id));
      this.producers.set(id, producer);
    }
    return producer;
  }

  private forget(position: PartitionPosition): void {
    const id = transactionalIdOf(position);
    const producer = this.producers.get(id);
    this.producers.delete(id);
    void producer?.then((stale) => stale.disconnect()).catch(() => undefined);
  }
}

export const transactionalIdOf = ({ groupId, topic, partition }: Pick<PartitionPosition, 'groupId' | 'topic' | 'partition'>): string =>
  `${groupId}.${topic}.${partition}.dead-letters`;
