import { randomBytes } from 'node:crypto';
import type { Admin, Producer } from 'kafkajs';
import { eventually, testKafka } from '@app/testing';

// A transaction's offset commit lands a moment after the transaction completes; until then a plain offset fetch
// answers with the older offset. kafkajs 2.2.4 could not ask for stable offsets (OffsetFetch v7, KIP-447);
// patches/kafkajs+2.2.4.patch adds `requireStable`, which marks such a partition `unstable` instead.
describe('stable offset fetches (kafkajs patch, real broker)', () => {
  const kafka = testKafka('wirewatch-stable-offsets-test');
  const topic = `stable-offsets.${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const groupId = `${topic}.group`;
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
    producer = kafka.producer({ transactionalId: `${topic}.tx`, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await admin.disconnect();
  });

  const offsetsOf = async (requireStable: boolean) => (await admin.fetchOffsets({ groupId, topics: [topic], requireStable }))[0].partitions;

  it('marks a partition with pending transactional offsets unstable, and gives the offset once it has landed', async () => {
    const transaction = await producer.transaction();
    await transaction.sendOffsets({ consumerGroupId: groupId, topics: [{ topic, partitions: [{ partition: 0, offset: '5' }] }] });

    expect(await offsetsOf(false)).toEqual([
      { partition: 0, offset: '-1', metadata: null },
      { partition: 1, offset: '-1', metadata: null },
    ]);
    expect(await offsetsOf(true)).toEqual([
      { partition: 0, offset: '-1', metadata: null, unstable: true },
      { partition: 1, offset: '-1', metadata: null, unstable: false },
    ]);

    await transaction.commit();
    await eventually(async () => {
      const [first] = await offsetsOf(true);
      if (first.unstable) throw new Error('still unstable');
      expect(first).toEqual({ partition: 0, offset: '5', metadata: null, unstable: false });
    });
  });
});
