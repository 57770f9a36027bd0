import { randomBytes } from 'node:crypto';
import { Partitioners, type Producer } from 'kafkajs';
import { collectTopic, eventually, testKafka } from '@app/testing';

// Given aborted transactions whose abort order differs from their start order, a kafkajs consumer (read
// committed, the default) must not hand over any of their records. kafkajs 2.2.4 walked the broker's list of
// aborted transactions as if it were sorted by first offset; the broker sorts it by where each abort landed,
// so records of an earlier-started, later-aborted transaction came through (patches/kafkajs+2.2.4.patch).
describe('a kafkajs consumer reading transactional records', () => {
  const kafka = testKafka('wirewatch-aborted-test');
  const topic = `aborted-order.${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const producers: Producer[] = [];

  const transactional = async (name: string) => {
    const producer = kafka.producer({ transactionalId: `${topic}.${name}`, idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    producers.push(producer);
    return producer;
  };

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();
  });

  afterAll(async () => {
    await Promise.allSettled(producers.map((producer) => producer.disconnect()));
  });

  it('skips every aborted record, whatever order the transactions were aborted in', async () => {
    const [first, second, committer] = await Promise.all([transactional('first'), transactional('second'), transactional('committer')]);
    const early = await first.transaction();
    await early.send({ topic, messages: [{ key: 'k', value: 'aborted-started-first' }] });
    const late = await second.transaction();
    await late.send({ topic, messages: [{ key: 'k', value: 'aborted-started-second' }] });
    await late.abort();
    await early.abort();
    const kept = await committer.transaction();
    await kept.send({ topic, messages: [{ key: 'k', value: 'committed' }] });
    await kept.commit();

    const consumer = await collectTopic(topic);
    try {
      await eventually(() => expect(consumer.messages.map((message) => message.value!.toString())).toContain('committed'), 30_000, 100);
      expect(consumer.messages.map((message) => message.value!.toString())).toEqual(['committed']);
    } finally {
      await consumer.stop();
    }
  });
});
