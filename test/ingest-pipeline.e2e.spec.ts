import { Client } from 'pg';
import {
  aWireReport,
  collectTopic,
  connectedProducer,
  createTestDatabase,
  createTestTopics,
  eventually,
  freePort,
  startApp,
  waitForHttp,
  type AppProcess,
  type CollectingConsumer,
  type TestDatabase,
  type TestTopics,
} from '@app/testing';
import type { Producer } from 'kafkajs';

// In through Kafka, out through HTTP: the first slice of the pipeline, with real Kafka, PostgreSQL and processes.
describe('wire reports from Kafka into the event store', () => {
  let database: TestDatabase;
  let topics: TestTopics;
  let producer: Producer;
  let ingest: AppProcess;
  let api: AppProcess;
  let apiUrl: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    [database, topics, producer] = await Promise.all([createTestDatabase('ww_e2e_ingest'), createTestTopics('e2e-ingest'), connectedProducer()]);
    const [apiPort, ingestPort] = await Promise.all([freePort(), freePort()]);
    env = { ...topics.env, DATABASE_URL: database.url, PORT: String(apiPort), INGEST_METRICS_PORT: String(ingestPort) };
    ingest = startApp('ingest', env);
    api = startApp('api', env);
    apiUrl = `http://127.0.0.1:${apiPort}`;
    await Promise.all([waitForHttp(`${apiUrl}/health`, 90_000, api), waitForHttp(`http://127.0.0.1:${ingestPort}/health`, 90_000, ingest)]);
  });

  afterAll(async () => {
    await Promise.allSettled([ingest?.stop(), api?.stop(), producer?.disconnect()]);
    await database?.drop();
  });

  const publish = (key: string | null, value: Buffer | string) => producer.send({ topic: topics.wireReports, acks: -1, messages: [{ key, value }] });
  const getReport = (reportId: string) => fetch(`${apiUrl}/api/v1/reports/${encodeURIComponent(reportId)}`);
  const storedReport = (reportId: string) =>
    eventually(async () => {
      const response = await getReport(reportId);
      if (response.status !== 200) throw new Error(`report ${reportId}: HTTP ${response.status}`);
      return (await response.json()) as any;
    }, 60_000);

  async function streamVersions(prefix: string): Promise<Map<string, number>> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ stream_id: string; events: string }>(
        `SELECT stream_id, count(*) AS events FROM events WHERE stream_id LIKE $1 GROUP BY stream_id`,
        [`report-${prefix}%`],
      );
      return new Map(rows.map((row) => [row.stream_id, Number(row.events)]));
    } finally {
      await client.end();
    }
  }

  it('stores a published report and serves it, coded, over HTTP', async () => {
    const report = aWireReport({ unknownField: { kept: true } });
    await publish(report.reportId, JSON.stringify(report));

    const view = await storedReport(report.reportId);
    expect(view).toMatchObject({
      reportId: report.reportId,
      status: 'coded',
      report: { ...report, unknownField: { kept: true } },
      receivedFrom: { topic: topics.wireReports, partition: expect.any(Number), offset: expect.any(String) },
    });
    expect(view.coderVersion).toEqual(expect.any(String));
    expect(view.codings).toHaveLength(1);
  });

  it('stores a report in another language, marked uncoded', async () => {
    const report = aWireReport({ language: 'fr', body: "L'Inde accuse le Pakistan de violer le cessez-le-feu." });
    await publish(report.reportId, JSON.stringify(report));
    const view = await storedReport(report.reportId);
    expect(view).toMatchObject({ status: 'uncoded', statusReason: 'unsupported_language', codedEvents: [] });
  });

  it('answers 404 problem+json for a report never seen, 400 for a malformed id', async () => {
    const missing = await getReport('never-published-0001');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(await missing.json()).toMatchObject({ status: 404, detail: expect.stringContaining('never-published-0001') });

    const malformed = await getReport('bad id with spaces');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ 'invalid-params': [expect.objectContaining({ name: 'reportId' })] });
  });

  it('stores the same report delivered twice once', async () => {
    const report = aWireReport();
    await publish(report.reportId, JSON.stringify(report));
    await publish(report.reportId, JSON.stringify({ ...report }));
    const marker = aWireReport();
    await publish(marker.reportId, JSON.stringify(marker));
    await storedReport(marker.reportId);

    const versions = await streamVersions(report.reportId);
    expect([...versions.values()]).toEqual([2]);
    expect((await storedReport(report.reportId)).codings).toHaveLength(1);
  });

  describe('bad input', () => {
    let deadLetters: CollectingConsumer;
    beforeAll(async () => {
      deadLetters = await collectTopic(topics.deadLetters);
    });
    afterAll(() => deadLetters.stop());

    it('dead-letters each kind of bad input with its reason, untouched, and goes on', async () => {
      const original = aWireReport();
      await publish(original.reportId, JSON.stringify(original));
      await storedReport(original.reportId);

      const notUtf8 = Buffer.from([0x7b, 0x22, 0x72, 0xff, 0xfe, 0x22, 0x7d]);
      const oversize = JSON.stringify(aWireReport({ body: 'x'.repeat(1024 * 1024 + 10) }));
      const bad: Array<{ key: string; value: Buffer | string; reason: string }> = [
        { key: 'bad-not-json', value: '{"reportId": "bad-not-json", ', reason: 'not_json' },
        { key: 'bad-not-utf8', value: notUtf8, reason: 'not_utf8' },
        { key: 'bad-missing', value: JSON.stringify({ ...aWireReport({ reportId: 'bad-missing' }), body: undefined }), reason: 'missing_field' },
        { key: 'bad-type', value: JSON.stringify(aWireReport({ reportId: 'bad-type', publishedAt: 20240117 as unknown as string })), reason: 'wrong_type' },
        { key: 'bad-oversize', value: oversize, reason: 'too_large' },
        { key: original.reportId, value: JSON.stringify({ ...original, body: `${original.body} Changed.` }), reason: 'conflicting_duplicate' },
      ];
      for (const message of bad) await publish(message.key, message.value);
      const valid = aWireReport();
      await publish(valid.reportId, JSON.stringify(valid));

      await storedReport(valid.reportId);
      const letters = await eventually(() => {
        if (deadLetters.messages.length < bad.length) throw new Error(`${deadLetters.messages.length} dead letters so far`);
        return deadLetters.messages;
      }, 60_000);

      expect(letters).toHaveLength(bad.length);
      for (const expected of bad) {
        const letter = letters.find((candidate) => candidate.key?.toString() === expected.key && candidate.headers?.['x-error-code']?.toString() === expected.reason);
        expect(letter).toBeDefined();
        expect(Buffer.compare(letter!.value!, Buffer.from(expected.value))).toBe(0);
        expect(letter!.headers!['x-error-message']!.toString().length).toBeGreaterThan(0);
        expect(letter!.headers!['x-original-topic']!.toString()).toBe(topics.wireReports);
        expect(Number(letter!.headers!['x-original-partition']!.toString())).toBeGreaterThanOrEqual(0);
        expect(letter!.headers!['x-original-offset']!.toString()).toMatch(/^\d+$/);
      }
      // The conflicting duplicate did not replace what was stored first.
      expect((await storedReport(original.reportId)).report.body).toBe(original.body);
    });

    it('counts every rejection by reason in the ingest metrics', async () => {
      const metrics = await (await fetch(`http://127.0.0.1:${env.INGEST_METRICS_PORT}/metrics`)).text();
      for (const reason of ['not_json', 'not_utf8', 'missing_field', 'wrong_type', 'too_large', 'conflicting_duplicate']) {
        expect(metrics).toMatch(new RegExp(`wirewatch_ingest_rejects_total\\{reason="${reason}"\\} [1-9]`));
      }
    });
  });

  it('stores every report exactly once when ingest is killed mid-stream and started again', async () => {
    const prefix = `restart-${Date.now().toString(36)}-`;
    const reports = Array.from({ length: 300 }, (_, index) => aWireReport({ reportId: `${prefix}${index}` }));
    const sending = (async () => {
      for (let index = 0; index < reports.length; index += 30) {
        const slice = reports.slice(index, index + 30);
        await producer.send({ topic: topics.wireReports, acks: -1, messages: slice.map((report) => ({ key: report.reportId, value: JSON.stringify(report) })) });
      }
    })();
    await eventually(async () => {
      if ((await streamVersions(prefix)).size < 40) throw new Error('not far enough into the stream yet');
    }, 60_000, 50);
    await ingest.stop('SIGKILL');
    await sending;

    ingest = startApp('ingest', env);
    await waitForHttp(`http://127.0.0.1:${env.INGEST_METRICS_PORT}/health`, 90_000, ingest);
    const versions = await eventually(async () => {
      const current = await streamVersions(prefix);
      if (current.size < reports.length) throw new Error(`${current.size} of ${reports.length} stored`);
      return current;
    }, 120_000, 500);
    expect(versions.size).toBe(reports.length);
    expect([...versions.values()].every((count) => count === 2)).toBe(true);
  });
});
