import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { LOCAL_BROKERS } from './jar-broker';
import { portAnswers } from './kafka-readiness';
import { ensureStackForTests, resolveDatabase, resolveKafka, stackStatus, stackUp } from './stack';
import { WIREWATCH_TOPICS, WIREWATCH_TOPIC_SPECS, describeTopics, ensureTopics, withAdmin, withTopicName } from './topics';

// The integration project's testTimeout is a global Jest option (ignored per project): set it here.
jest.setTimeout(120000);
// Runs against the shared broker on 127.0.0.1:9092 (or KAFKA_BROKERS): it starts it if needed, never stops it.
const runId = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const quiet = () => undefined;

describe('wirewatch stack up / status against the real broker and PostgreSQL', () => {
  let brokers: string[];
  const ownTopics = WIREWATCH_TOPIC_SPECS.map((spec) => withTopicName(spec, `${spec.topic}.stack-test-${runId}`));

  beforeAll(async () => {
    const first = await stackUp({ log: quiet });
    brokers = first.kafka.brokers;
  });

  afterAll(async () => {
    await withAdmin(brokers, (admin) => admin.deleteTopics({ topics: ownTopics.map((spec) => spec.topic) })).catch(() => undefined);
  });

  it('finds or starts Kafka and PostgreSQL, and a second `up` finds them without starting anything', async () => {
    const started = Date.now();
    const second = await stackUp({ log: quiet });
    expect(second.kafka.action).toBe('found');
    expect(second.kafka.brokers).toEqual(brokers);
    expect(second.topics.created).toEqual([]);
    expect(second.topics.existing).toEqual(WIREWATCH_TOPIC_SPECS.map((spec) => spec.topic));
    expect(second.postgres.action).toBe('found');
    expect(Date.now() - started).toBeLessThan(15000);
    if (!process.env.KAFKA_BROKERS) expect(brokers).toEqual(LOCAL_BROKERS);
  });

  it('has the SPEC §2 topics with their partition counts and the 2 MiB limit on input and DLQ', async () => {
    const described = await describeTopics(brokers, WIREWATCH_TOPIC_SPECS.map((spec) => spec.topic));
    const byName = new Map(described.map((topic) => [topic.topic, topic]));
    for (const spec of WIREWATCH_TOPIC_SPECS) expect(byName.get(spec.topic)?.partitions).toBe(spec.numPartitions);
    for (const spec of [WIREWATCH_TOPICS.wireReports, WIREWATCH_TOPICS.wireReportsDlq]) {
      expect(byName.get(spec.topic)?.configs['max.message.bytes']).toBe('2097152');
      expect(byName.get(spec.topic)?.topicLevel).toContain('max.message.bytes');
    }
  });

  it('ensureTopics creates uniquely named copies with the same settings, and is idempotent', async () => {
    const created = await ensureTopics(brokers, ownTopics);
    expect(created.created.sort()).toEqual(ownTopics.map((spec) => spec.topic).sort());
    const again = await ensureTopics(brokers, ownTopics);
    expect(again).toEqual({ created: [], existing: ownTopics.map((spec) => spec.topic) });

    const described = await describeTopics(brokers, ownTopics.map((spec) => spec.topic));
    expect(described.map((topic) => [topic.topic, topic.partitions])).toEqual(ownTopics.map((spec) => [spec.topic, spec.numPartitions]));
    const input = described.find((topic) => topic.topic === ownTopics[0].topic);
    expect(input?.configs['max.message.bytes']).toBe('2097152');
    expect(input?.topicLevel).toEqual(['max.message.bytes']);
  });

  it('status says what runs where', async () => {
    const status = await stackStatus();
    expect(status.kafka.answers).toBe(true);
    expect(status.kafka.brokers).toEqual(brokers);
    expect(['env', 'jars', 'docker']).toContain(status.kafka.kind);
    if (status.kafka.kind === 'jars') {
      expect(status.kafka.pid).toEqual(expect.any(Number));
      expect(status.kafka.version).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(status.kafka.topics.map((topic) => topic.topic)).toEqual(WIREWATCH_TOPIC_SPECS.map((spec) => spec.topic));
    expect(status.postgres.answers).toBe(true);
    expect(['env', 'local', 'embedded']).toContain(status.postgres.kind);
  });

  it('resolveDatabase uses the server on 127.0.0.1:5432 (else the embedded one) and its wirewatch database', async () => {
    const resolved = await resolveDatabase({ env: {} });
    if (await portAnswers('127.0.0.1', 5432)) {
      expect(resolved).toMatchObject({ kind: 'local', action: 'found' });
      expect(resolved.url).toBe('postgres://postgres@127.0.0.1:5432/wirewatch');
    } else {
      expect(resolved.kind).toBe('embedded');
    }
    const client = new Client({ connectionString: resolved.url });
    await client.connect();
    try {
      expect((await client.query('SELECT current_database() AS name')).rows[0].name).toBe('wirewatch');
    } finally {
      await client.end();
    }
  });

  it('resolveDatabase takes DATABASE_URL as given, and refuses one that does not answer', async () => {
    const url = 'postgres://postgres@127.0.0.1:5432/postgres';
    await expect(resolveDatabase({ env: { DATABASE_URL: url } })).resolves.toEqual({ url, kind: 'env', action: 'found' });
    await expect(resolveDatabase({ env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } })).rejects.toThrow(/does not answer/);
  });

  it('resolveKafka takes KAFKA_BROKERS as given once the broker answers', async () => {
    await expect(resolveKafka({ env: { KAFKA_BROKERS: brokers.join(',') } })).resolves.toEqual({ brokers, kind: 'env', action: 'found' });
  });

  it('ensureStackForTests returns brokers and a database URL that answer', async () => {
    const stack = await ensureStackForTests();
    expect(stack.brokers).toEqual(brokers);
    const client = new Client({ connectionString: stack.databaseUrl });
    await client.connect();
    await client.end();
  });
});
