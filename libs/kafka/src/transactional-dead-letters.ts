import { Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
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
 *
 * Every commit of the partition goes through these transactions, also for chunks without dead letters: a
 * transaction's offsets are applied when its markers land, after commit() has returned, and would overwrite a
 * newer offset committed meanwhile by the consumer directly.
 *
 * A new owner of a partition may have fetched its start offset while the previous owner's last transaction
 * was still being completed (kafkajs cannot ask for stable offsets, KIP-447), and so may an owner that kept the
 * partition through a rejoin, while its own last transaction's offsets were landing. So on the first
 * transaction after a takeover or a join — whose start fences any previous owner — the committed offset is read
 * again as a stable fetch, and letters already committed are not sent a second time.
 */
export class TransactionalDeadLetters {
  private readonly producers = new Map<string, Promise<Producer>>();
  /**
   * Per partition, the offset committed when this process took it over or last rejoined the group (read once its
   * first transaction since had begun, fencing any previous owner): everything below it was handled already.
   */
  private readonly committedAtTakeover = new Map<string, bigint>();
  private admin?: Promise<Admin>;

  constructor(
    private readonly kafka: Kafka,
    private readonly deadLetterTopic: string,
  ) {}

  async publishAndCommit(letters: readonly DeadLetter[], position: PartitionPosition): Promise<void> {
    const producer = await this.producerFor(position);
    const id = transactionalIdOf(position);
    const transaction = await producer.transaction();
    try {
      let committed = this.committedAtTakeover.get(id);
      if (committed === undefined) {
        committed = await this.committedOffset(position);
        this.committedAtTakeover.set(id, committed);
      }
      if (committed >= BigInt(position.nextOffset)) {
        await transaction.abort();
        return;
      }
      const floor = committed;
      const pending = letters.filter((letter) => BigInt(letter.originalOffset) >= floor);
      // One message per send: the broker's size limit applies to everything one send puts on a partition.
      for (const letter of pending) {
        await transaction.send({ topic: this.deadLetterTopic, messages: [{ key: letter.key, value: letter.value, headers: deadLetterHeaders(letter) }] });
      }
      await transaction.sendOffsets({
        consumerGroupId: position.groupId,
        topics: [{ topic: position.topic, partitions: [{ partition: position.partition, offset: position.nextOffset }] }],
      });
      await transaction.commit();
    } catch (error) {
      if (transaction.isActive()) await transaction.abort().catch(() => undefined);
      this.forget(position);
      throw error;
    }
  }

  /**
   * Called on every group join with this member's new assignment: a partition that is not in it may be handled
   * by another member before it comes back, so its producer (fenced by then) is dropped; every takeover floor is.
   */
  retainAssigned(groupId: string, assignment: Readonly<Record<string, readonly number[]>>): void {
    const assigned = new Set(
      Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((partition) => transactionalIdOf({ groupId, topic, partition }))),
    );
    for (const id of [...this.producers.keys()]) {
      if (!assigned.has(id)) this.forgetId(id);
    }
    // On every join kafkajs fetches each assigned partition's start offset again, also of partitions this
    // instance keeps, and not as a stable fetch: one may restart before this instance's own last commit, whose
    // offsets land a moment after commit() returns. So every floor is read again at the next transaction.
    this.committedAtTakeover.clear();
  }

  async close(): Promise<void> {
    const producers = await Promise.allSettled(this.producers.values());
    this.producers.clear();
    await Promise.allSettled(producers.flatMap((result) => (result.status === 'fulfilled' ? [result.value.disconnect()] : [])));
    const admin = await this.admin?.catch(() => undefined);
    await admin?.disconnect();
  }

  /**
   * The committed offset once every transaction that commits offsets for the partition has landed: a stable
   * fetch (OffsetFetch v7, KIP-447, added to kafkajs by patches/kafkajs+2.2.4.patch). Kafka applies a finished
   * transaction's offsets a moment after the transaction is complete, and until then a plain fetch answers
   * with the older offset (a new owner would send the previous owner's last letters again); a stable fetch
   * marks the partition unstable instead (UNSTABLE_OFFSET_COMMIT), and is asked again.
   */
  private async committedOffset(position: PartitionPosition): Promise<bigint> {
    const admin = await this.connectedAdmin();
    for (let attempt = 1; ; attempt += 1) {
      const [offsets] = await admin.fetchOffsets({ groupId: position.groupId, topics: [position.topic], requireStable: true });
      const mine = offsets.partitions.find((partition) => partition.partition === position.partition);
      if (!mine?.unstable) return BigInt(mine?.offset ?? '-1');
      if (attempt >= UNSTABLE_OFFSET_ATTEMPTS) throw new Error(`offsets of ${transactionalIdOf(position)} stayed unstable for ${(attempt * UNSTABLE_OFFSET_RETRY_MS) / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, UNSTABLE_OFFSET_RETRY_MS));
    }
  }

  private async connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    return this.admin.catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
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
    this.forgetId(transactionalIdOf(position));
  }

  private forgetId(id: string): void {
    this.committedAtTakeover.delete(id);
    const producer = this.producers.get(id);
    this.producers.delete(id);
    void producer?.then((stale) => stale.disconnect()).catch(() => undefined);
  }
}

/** A stable fetch is asked again every 50 ms while offsets are pending, for up to 30 s. */
const UNSTABLE_OFFSET_RETRY_MS = 50;
const UNSTABLE_OFFSET_ATTEMPTS = 600;

export const transactionalIdOf = ({ groupId, topic, partition }: Pick<PartitionPosition, 'groupId' | 'topic' | 'partition'>): string =>
  `${groupId}.${topic}.${partition}.dead-letters`;
