import { randomBytes } from 'node:crypto';
import { collectTopic, eventually, testKafka } from '@app/testing';
import type { DeadLetter } from './dead-letter';
import { TransactionalDeadLetters } from './transactional-dead-letters';

// A partition can leave this instance, be handled by another, and come back. On its return the instance must
// behave as a new owner: a fresh producer (the old one was fenced by the other owner's) and a fresh takeover
// floor (the other owner may have committed past the offset this instance fetched before the rebalance).
describe('TransactionalDeadLetters across a partition leaving and coming back', () => {
  const kafka = testKafka('wirewatch-dead-letters-test');
  const suffix = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const input = `dead-letters-input.${suffix}`;
  const deadLetterTopic = `dead-letters-output.${suffix}`;
  const groupId = `dead-letters-group.${suffix}`;
  const first = new TransactionalDeadLetters(kafka, deadLetterTopic);
  const second = new TransactionalDeadLetters(kafka, deadLetterTopic);

  const letterAt = (offset: number): DeadLetter => ({
    key: `k${offset}`,
    value: Buffer.from(`bad message at ${offset}`),
    originalTopic: input,
    originalPartition: 0,
    originalOffset: String(offset),
    errorCode: 'INVALID_JSON',
    errorMessage: 'not JSON',
  });
  const at = (nextOffset: number) => ({ groupId, topic: input, partition: 0, nextOffset: String(nextOffset) });

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [input, deadLetterTopic].map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
      waitForLeaders: true,
    });
    await admin.disconnect();
  });

  afterAll(async () => {
    await Promise.allSettled([first.close(), second.close()]);
  });

  it('takes the partition over afresh: no fenced-producer error, and letters the other owner committed are not sent again', async () => {
    await first.publishAndCommit([letterAt(3)], at(5));
    first.retainAssigned(groupId, {});

    // Meanwhile the other member owns the partition and commits through offset 9 with a letter at 7.
    await second.publishAndCommit([letterAt(7)], at(10));
    second.retainAssigned(groupId, {});

    // Back with the first member, which had fetched offset 5 before the other's commit landed: it handles 5..9
    // again, finds the same bad message at 7, and must neither fail nor dead-letter it twice.
    first.retainAssigned(groupId, { [input]: [0] });
    await first.publishAndCommit([letterAt(7)], at(10));
    await first.publishAndCommit([letterAt(11)], at(12));

    const admin = kafka.admin();
    await admin.connect();
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [input] });
    await admin.disconnect();
    expect(offsets.partitions[0].offset).toBe('12');

    const consumer = await collectTopic(deadLetterTopic);
    try {
      await eventually(() => expect(consumer.messages).toHaveLength(3), 30_000, 100);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(consumer.messages.map((message) => message.key!.toString())).toEqual(['k3', 'k7', 'k11']);
    } finally {
      await consumer.stop();
    }
  });

  it('keeps the producer of a partition that stays assigned, and reads its floor again after the join', async () => {
    const topic = `${input}.kept`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const owner = new TransactionalDeadLetters(kafka, deadLetterTopic);
    const fetches = jest.spyOn(owner as unknown as { committedOffset: () => Promise<bigint> }, 'committedOffset');
    const producers = jest.spyOn(kafka, 'producer');
    try {
      await owner.publishAndCommit([], { groupId, topic, partition: 0, nextOffset: '4' });
      await owner.publishAndCommit([], { groupId, topic, partition: 1, nextOffset: '4' });
      owner.retainAssigned(groupId, { [topic]: [0] });
      await owner.publishAndCommit([], { groupId, topic, partition: 0, nextOffset: '8' });
      await owner.publishAndCommit([], { groupId, topic, partition: 1, nextOffset: '8' });
      await owner.publishAndCommit([], { groupId, topic, partition: 0, nextOffset: '12' });
      // Floors read at each takeover and after the join: partitions 0 and 1 twice each, none after that.
      expect(fetches).toHaveBeenCalledTimes(4);
      // Producers: one per partition, and one more for partition 1, which left and came back.
      expect(producers).toHaveBeenCalledTimes(3);
    } finally {
      producers.mockRestore();
      await owner.close();
    }
  });

  it('after a join that keeps the partition, a chunk handed over again is not dead-lettered twice', async () => {
    // kafkajs restarts a kept partition from the offset it fetches on the join, which can be from before this
    // instance's last commit landed: the chunk of 5..9 comes again, with its bad message at 7.
    const topic = `${input}.rejoin`;
    const letters = `${deadLetterTopic}.rejoin`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [topic, letters].map((name) => ({ topic: name, numPartitions: 1, replicationFactor: 1 })), waitForLeaders: true });
    await admin.disconnect();
    const owner = new TransactionalDeadLetters(kafka, letters);
    const position = (nextOffset: number) => ({ groupId, topic, partition: 0, nextOffset: String(nextOffset) });
    const letter = (offset: number): DeadLetter => ({ ...letterAt(offset), originalTopic: topic });
    try {
      await owner.publishAndCommit([letter(2)], position(5));
      await owner.publishAndCommit([letter(7)], position(10));
      owner.retainAssigned(groupId, { [topic]: [0] });
      await owner.publishAndCommit([letter(7)], position(10));
      await owner.publishAndCommit([letter(12)], position(15));
    } finally {
      await owner.close();
    }
    const consumer = await collectTopic(letters);
    try {
      await eventually(() => expect(consumer.messages.length).toBeGreaterThanOrEqual(3), 30_000, 100);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(consumer.messages.map((message) => message.key!.toString())).toEqual(['k2', 'k7', 'k12']);
    } finally {
      await consumer.stop();
    }
  });
});
