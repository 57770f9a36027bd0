import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { migrateDatabase, PostgresEventStore, type StoredEvent } from '@app/event-store';
import { collectTopic, createTestDatabase, eventually, testKafka, type TestDatabase } from '@app/testing';
import { toEventJson } from './event-json';
import { ReplayTopicError } from './errors';
import { KafkaReplayTarget } from './kafka-replay-target';
import { allVisible } from './testing/all-visible';
import { Replayer } from './replayer';
import { replayMigrations } from './replays-migration';
import type { ReplayMessage, ReplayTarget } from './replay-runner';

// Real PostgreSQL and Kafka: what lands on the replay topic is the stored selection, in global order.
describe('Replayer', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let target: KafkaReplayTarget;
  const topicName = () => `replay.int-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    database = await createTestDatabase('ww_int_replay');
    await migrateDatabase(database.url, replayMigrations);
    pool = new Pool({ connectionString: database.url, max: 6 });
    store = new PostgresEventStore(pool, { notify: false });
    target = new KafkaReplayTarget(testKafka('replay-int'));
    for (let batch = 0; batch < 10; batch += 1) {
      await store.appendMany(
        Array.from({ length: 30 }, (_, index) => ({
          streamId: `s-${index}`,
          expected: 'any' as const,
          events: [
            { type: 'Even', data: { batch, index, body: 'x'.repeat(index * 10) } },
            { type: 'Odd', data: { batch, index } },
          ],
        })),
      );
    }
  });

  beforeEach(() => allVisible(store));

  afterAll(async () => {
    await target?.close();
    await pool?.end();
    await database?.drop();
  });

  async function storedSelection(types?: string[]): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    let page = await store.readAll(undefined, 1000, types ? { types } : {});
    events.push(...page.events);
    while (!page.isEnd) {
      page = await store.readAll(page.checkpoint, 1000, types ? { types } : {});
      events.push(...page.events);
    }
    return events;
  }

  async function received(topic: string, count: number) {
    const consumer = await collectTopic(topic);
    try {
      return await eventually(() => {
        if (consumer.messages.length < count) throw new Error(`${consumer.messages.length} of ${count} received`);
        return consumer.messages.map((message) => ({ key: message.key?.toString(), value: JSON.parse(message.value!.toString()) }));
      }, 60_000);
    } finally {
      await consumer.stop();
    }
  }

  it('sends the selection in global order, keyed by stream, as stored-event JSON, and records its progress', async () => {
    const replayer = new Replayer(pool, store, target, { pageSize: 70 });
    const topic = topicName();
    const replay = await replayer.request(topic, { types: ['Even'] });
    await store.append('s-late', 'any', [{ type: 'Even', data: { late: true } }]);
    await replayer.launch(replay.replayId);

    const expected = (await storedSelection(['Even'])).filter((event) => event.streamId !== 's-late');
    const messages = await received(topic, expected.length);
    expect(messages).toHaveLength(300);
    expect(messages.map((message) => message.key)).toEqual(expected.map((event) => event.streamId));
    expect(messages.map((message) => message.value)).toEqual(expected.map((event) => toEventJson(event)));
    expect(await replayer.replays.find(replay.replayId)).toMatchObject({ status: 'succeeded', processed: 300, total: 300, error: null });
  });

  it('resumes a replay that stopped half-way from its last acknowledged batch, repeating nothing acknowledged', async () => {
    const topic = topicName();
    let sends = 0;
    const stopAfterThree = new AbortController();
    const countingTarget: ReplayTarget = {
      ensureTopic: (name) => target.ensureTopic(name),
      send: async (name: string, messages: ReplayMessage[]) => {
        await target.send(name, messages);
        if (++sends === 3) stopAfterThree.abort();
      },
    };
    const first = new Replayer(pool, store, countingTarget, { pageSize: 50 });
    const replay = await first.request(topic, {});
    (first as unknown as { stopping: AbortController }).stopping = stopAfterThree;
    await first.launch(replay.replayId);
    expect(await first.replays.find(replay.replayId)).toMatchObject({ status: 'running', processed: 150 });

    const second = new Replayer(pool, store, target, { pageSize: 50 });
    expect(await second.resumeUnfinished()).toContain(replay.replayId);
    const expected = await storedSelection();
    expect(replay.total).toBe(expected.length);
    await eventually(async () => expect(await second.replays.find(replay.replayId)).toMatchObject({ status: 'succeeded', processed: expected.length }), 30_000);

    const messages = await received(topic, expected.length);
    expect(messages.map((message) => message.value.globalPosition)).toEqual(expected.map((event) => event.globalPosition.toString()));
  });

  it('refuses a topic that exists with more than one partition', async () => {
    const topic = topicName();
    const admin = testKafka().admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    await expect(new Replayer(pool, store, target).request(topic, {})).rejects.toBeInstanceOf(ReplayTopicError);
  });
});
