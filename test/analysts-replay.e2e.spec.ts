import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore, type StoredEvent } from '@app/event-store';
import { collectTopic, createTestDatabase, eventually, freePort, startApp, waitForHttp, type AppProcess, type TestDatabase } from '@app/testing';
import { allVisible } from '../libs/replay/src/testing/all-visible';

// Replays through the real api process to a real topic, read back by a real consumer.
interface Progress {
  status: string;
  processed: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

describe('replays to replay.<name> topics', () => {
  let database: TestDatabase;
  let api: AppProcess;
  let env: Record<string, string>;
  let base: string;
  let pool: Pool;
  let store: PostgresEventStore;
  const topicName = (label: string) => `replay.e2e-${label}-${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

  const startApi = async () => {
    api = startApp('api', env);
    await waitForHttp(`${base}/health`, 90_000, api);
  };
  const requestReplay = async (body: Record<string, unknown>): Promise<string> => {
    const response = await fetch(`${base}/api/v1/replays`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = (await response.json()) as { replayId: string };
    expect({ status: response.status, answer }).toMatchObject({ status: 202 });
    const { replayId } = answer;
    expect(response.headers.get('location')).toBe(`/api/v1/replays/${replayId}`);
    return replayId;
  };
  const progress = async (replayId: string): Promise<Progress> => (await (await fetch(`${base}/api/v1/replays/${replayId}`)).json()) as Progress;
  const finished = (replayId: string) =>
    eventually(async () => {
      const current = await progress(replayId);
      if (current.status !== 'succeeded') throw new Error(`replay ${current.status}: ${current.processed}/${current.total} ${current.error ?? ''}`);
      return current;
    }, 120_000, 100);

  async function stored(types?: string[]): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for (let page = await store.readAll(undefined, 5000, types ? { types } : {}); ; page = await store.readAll(page.checkpoint, 5000, types ? { types } : {})) {
      events.push(...page.events);
      if (page.isEnd) return events;
    }
  }

  async function consume(topic: string, atLeast: number) {
    const consumer = await collectTopic(topic);
    try {
      return await eventually(() => {
        if (consumer.messages.length < atLeast) throw new Error(`${consumer.messages.length} of ${atLeast} on ${topic}`);
        return consumer.messages.map((message) => ({ key: message.key!.toString(), value: JSON.parse(message.value!.toString()) }));
      }, 120_000, 250);
    } finally {
      await consumer.stop();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase('ww_e2e_replay');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = { DATABASE_URL: database.url, PORT: String(port) };
    await startApi();
    pool = new Pool({ connectionString: database.url });
    pool.on('error', () => undefined); // an idle connection cut by the server is replaced on the next query
    store = new PostgresEventStore(pool, { notify: false });
    for (let batch = 0; batch < 60; batch += 1) {
      await store.appendMany(
        Array.from({ length: 100 }, (_, stream) => ({
          streamId: `replayed-${stream}`,
          expected: 'any' as const,
          events: Array.from({ length: 10 }, (_, index) => ({ type: index % 2 === 0 ? 'Even' : 'Odd', data: { batch, stream, index, text: 'w'.repeat(100) } })),
        })),
      );
    }
  });

  beforeEach(() => allVisible(store));

  afterAll(async () => {
    await api?.stop();
    await pool?.end();
    await database?.drop();
  });

  it('republishes a selection with count, order, keys and content equal to the store, and reports progress', async () => {
    const topic = topicName('types');
    const replayId = await requestReplay({ kind: 'topic', topic, types: ['Odd'] });
    const done = await finished(replayId);
    const expected = await stored(['Odd']);
    expect(done).toMatchObject({ status: 'succeeded', processed: expected.length, total: expected.length, error: null });
    expect(Date.parse(done.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(done.startedAt));

    const messages = await consume(topic, expected.length);
    expect(messages).toHaveLength(expected.length);
    expect(messages.map((message) => message.key)).toEqual(expected.map((event) => event.streamId));
    expect(messages.map((message) => message.value.eventId)).toEqual(expected.map((event) => event.eventId));
    const sample = expected[1234];
    expect(messages[1234].value).toEqual({
      type: sample.type,
      data: sample.data,
      metadata: sample.metadata,
      eventId: sample.eventId,
      schemaVersion: sample.schemaVersion,
      streamId: sample.streamId,
      streamVersion: sample.streamVersion,
      globalPosition: sample.globalPosition.toString(),
      transactionId: sample.transactionId.toString(),
      recordedAt: sample.recordedAt.toISOString(),
    });
  });

  it('resumes after the api is killed mid-replay: everything arrives, in order, repeats only at the resume point', async () => {
    const topic = topicName('crash');
    const replayId = await requestReplay({ kind: 'topic', topic });
    await eventually(async () => {
      const current = await progress(replayId);
      if (current.processed === 0) throw new Error('not started');
      if (current.status !== 'running') throw new Error(`replay ended before the kill (${current.status}); seed more events`);
    }, 60_000, 10);
    await api.stop('SIGKILL');
    const atKill = (await pool.query<{ processed: string }>('SELECT processed FROM replays WHERE replay_id = $1', [replayId])).rows[0];
    expect(Number(atKill.processed)).toBeLessThan(60_000);

    await startApi();
    const done = await finished(replayId);
    expect(done.processed).toBe(60_000);

    const expected = (await stored()).map((event) => event.globalPosition.toString());
    const messages = await consume(topic, expected.length);
    const positions = messages.map((message) => message.value.globalPosition as string);
    const firstSeen = positions.filter((position, index) => positions.indexOf(position) === index);
    expect(firstSeen).toEqual(expected);
    const repeats = positions.length - firstSeen.length;
    expect(repeats).toBeLessThanOrEqual(1000);
    if (repeats > 0) {
      const rewind = positions.findIndex((position, index) => index > 0 && BigInt(position) <= BigInt(positions[index - 1]));
      expect(positions.slice(rewind, rewind + repeats)).toEqual(positions.slice(rewind - repeats, rewind));
    }
  });

  it('answers 400 for a bad request naming the field, 404 for an unknown replay', async () => {
    const bad = await fetch(`${base}/api/v1/replays`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'topic', topic: 'alerts.v1' }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ 'invalid-params': [expect.objectContaining({ name: 'topic' })] });
    expect((await fetch(`${base}/api/v1/replays/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await fetch(`${base}/api/v1/replays/not-an-id`)).status).toBe(400);
    const unknownProjection = await fetch(`${base}/api/v1/replays`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'rebuild', projection: 'nothing-here' }) });
    expect(await unknownProjection.json()).toMatchObject({ status: 400, 'invalid-params': [expect.objectContaining({ name: 'projection' })] });
  });

  it('rebuilds the read models on request, with progress, while the read routes keep answering', async () => {
    const request = () => fetch(`${base}/api/v1/replays`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'rebuild', projection: 'read-models' }) });
    const accepted = await request();
    expect(accepted.status).toBe(202);
    const { replayId } = (await accepted.json()) as { replayId: string };
    const busy = await request();
    expect([202, 409]).toContain(busy.status);
    expect((await fetch(`${base}/api/v1/dyads`)).status).toBe(200);
    const done = await eventually(async () => {
      const current = (await (await fetch(`${base}/api/v1/replays/${replayId}`)).json()) as Progress & { kind: string; phase: string };
      if (current.status === 'running') throw new Error(`rebuild ${current.phase} ${current.processed}/${current.total}`);
      return current;
    }, 120_000, 200);
    expect(done).toMatchObject({ kind: 'rebuild', projection: 'read-models', status: 'succeeded', phase: 'switched', error: null });
    if (busy.status === 202) await finished(((await busy.json()) as { replayId: string }).replayId).catch(() => undefined);
  });
});
