import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore, wireReportUpcasters, type StoredEvent } from '@app/event-store';
import { aWireReport, collectTopic, eventually, startPipeline, type TestPipeline } from '@app/testing';
import { allVisible } from '../libs/replay/src/testing/all-visible';

// Two analysts replay the whole history at once while wire reports keep arriving: live ingest stores every report
// once, and each replay still delivers exactly the history that was visible when it started, in global order.
const HISTORY_BATCHES = 40;
const LIVE_REPORTS = 600;

describe('two replays at once beside live ingest', () => {
  let pipeline: TestPipeline;
  let base: string;
  let pool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    pipeline = await startPipeline('replays-ingest', ['ingest', 'api']);
    base = pipeline.apiUrl;
    pool = new Pool({ connectionString: pipeline.database.url, max: 4 });
    pool.on('error', () => undefined);
    store = new PostgresEventStore(pool, { upcasters: wireReportUpcasters, notify: false });
    for (let batch = 0; batch < HISTORY_BATCHES; batch += 1) {
      await store.appendMany(
        Array.from({ length: 100 }, (_, stream) => ({
          streamId: `history-${stream}`,
          expected: 'any' as const,
          events: Array.from({ length: 10 }, (_, index) => ({ type: 'HistoryNoted', data: { batch, stream, index, text: 'h'.repeat(200) } })),
        })),
      );
    }
    await allVisible(store);
  });

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await pipeline?.stop();
  });

  const requestReplay = async (topic: string): Promise<string> => {
    const response = await fetch(`${base}/api/v1/replays`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'topic', topic }) });
    expect(response.status).toBe(202);
    return ((await response.json()) as { replayId: string }).replayId;
  };
  const finished = (replayId: string) =>
    eventually(async () => {
      const progress = (await (await fetch(`${base}/api/v1/replays/${replayId}`)).json()) as { status: string; processed: number; total: number };
      if (progress.status !== 'succeeded') throw new Error(`replay ${progress.status}: ${progress.processed}/${progress.total}`);
      return progress;
    }, 180_000, 200);

  async function storedInOrder(): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for (let page = await store.readAll(undefined, 5000); ; page = await store.readAll(page.checkpoint, 5000)) {
      events.push(...page.events);
      if (page.isEnd) return events;
    }
  }

  it('stores every live report once while both replays deliver their history in order', async () => {
    const label = randomBytes(3).toString('hex');
    const replayTopics = [`replay.e2e-beside-${label}-a`, `replay.e2e-beside-${label}-b`];
    const reports = Array.from({ length: LIVE_REPORTS }, (_, index) => aWireReport({ reportId: `live-${label}-${index}` }));
    const [first, second] = await Promise.all(replayTopics.map(requestReplay));
    for (let index = 0; index < reports.length; index += 50) {
      await pipeline.producer.send({ topic: pipeline.topics.wireReports, acks: -1, messages: reports.slice(index, index + 50).map((report) => ({ key: report.reportId, value: JSON.stringify(report) })) });
    }

    const [doneFirst, doneSecond] = await Promise.all([finished(first), finished(second)]);
    const storedReports = await eventually(async () => {
      const { rows } = await pool.query<{ stream_id: string; received: string }>(
        `SELECT stream_id, count(*) FILTER (WHERE event_type = 'WireReportReceived') AS received FROM events WHERE stream_id LIKE $1 GROUP BY stream_id`,
        [`report-live-${label}-%`],
      );
      if (rows.length < LIVE_REPORTS) throw new Error(`${rows.length} of ${LIVE_REPORTS} live reports stored`);
      return rows;
    }, 180_000, 250);
    expect(storedReports).toHaveLength(LIVE_REPORTS);
    expect(storedReports.every((row) => row.received === '1')).toBe(true);

    await allVisible(store);
    const history = await storedInOrder();
    for (const [topic, done] of [[replayTopics[0], doneFirst], [replayTopics[1], doneSecond]] as const) {
      // What was visible when the replay started is a prefix of the global order (nothing commits into it later).
      expect(done.total).toBeGreaterThanOrEqual(HISTORY_BATCHES * 1000);
      const expected = history.slice(0, done.total);
      const consumer = await collectTopic(topic);
      try {
        const messages = await eventually(() => {
          if (consumer.messages.length < expected.length) throw new Error(`${consumer.messages.length} of ${expected.length} on ${topic}`);
          return consumer.messages;
        }, 180_000, 250);
        expect(messages).toHaveLength(expected.length);
        expect(messages.map((message) => JSON.parse(message.value!.toString()).eventId)).toEqual(expected.map((event) => event.eventId));
        expect(messages.map((message) => message.key!.toString())).toEqual(expected.map((event) => event.streamId));
      } finally {
        await consumer.stop();
      }
    }
  });
});
