import { Pool } from 'pg';
import type { Producer } from 'kafkajs';
import {
  aWireReport,
  connectedProducer,
  createTestDatabase,
  createTestTopics,
  eventually,
  freePort,
  startApp,
  waitForHttp,
  type AppProcess,
  type TestDatabase,
  type TestTopics,
} from '@app/testing';
import { daysAgo, recordCodings, type ScriptedReport } from '../libs/alert-relay/src/testing/scripted-crisis';

// SPEC §5 /metrics: traffic is driven while parts of the pipeline are held back, and the api's series show
// the Kafka consumer lag, projection lag, outbox backlog, ingest rate, rejects by reason and HTTP latency.
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[4]);
  }
  return null;
}

describe('GET /metrics', () => {
  let database: TestDatabase;
  let topics: TestTopics;
  let pool: Pool;
  let producer: Producer;
  let api: AppProcess;
  let ingest: AppProcess | undefined;
  let projector: AppProcess | undefined;
  let apiUrl: string;
  let env: Record<string, string>;
  const metrics = async () => {
    const response = await fetch(`${apiUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    return response.text();
  };

  beforeAll(async () => {
    [database, topics, producer] = await Promise.all([createTestDatabase('ww_e2e_metrics'), createTestTopics('e2e-metrics'), connectedProducer()]);
    pool = new Pool({ connectionString: database.url, max: 4 });
    const [apiPort, ingestPort] = await Promise.all([freePort(), freePort()]);
    env = { ...topics.env, DATABASE_URL: database.url, PORT: String(apiPort), INGEST_METRICS_PORT: String(ingestPort) };
    api = startApp('api', env);
    apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitForHttp(`${apiUrl}/health`, 90_000, api);
  });

  afterAll(async () => {
    await Promise.allSettled([api?.stop(), ingest?.stop(), projector?.stop(), producer?.disconnect()]);
    await pool?.end();
    await database?.drop();
  });

  it('shows the ingest group lag, then the ingest rate and rejects by reason once ingest runs', async () => {
    const reports = Array.from({ length: 12 }, (_, index) =>
      aWireReport({ reportId: `metrics-${index}`, body: `Iran threatened Pakistan with serious consequences on ${['Monday', 'Tuesday'][index % 2]}.` }),
    );
    await producer.send({ topic: topics.wireReports, acks: -1, messages: reports.map((report) => ({ key: report.reportId, value: JSON.stringify(report) })) });
    await producer.send({ topic: topics.wireReports, acks: -1, messages: [{ key: 'bad', value: 'just words, not JSON' }] });

    // No ingest yet: the whole topic is lag (the group has committed nothing).
    const before = await metrics();
    expect(sample(before, 'wirewatch_kafka_consumer_lag_total', { group: env.INGEST_GROUP_ID, topic: topics.wireReports })).toBe(13);
    expect(sample(before, 'wirewatch_ingest_reports_received')).toBe(0);
    expect(sample(before, 'wirewatch_metrics_source_up', { source: 'ingest' })).toBe(0);

    ingest = startApp('ingest', env);
    const after = await eventually(async () => {
      const text = await metrics();
      if (sample(text, 'wirewatch_kafka_consumer_lag_total', { group: env.INGEST_GROUP_ID }) !== 0) throw new Error('lag not 0 yet');
      if (sample(text, 'wirewatch_ingest_reports_received') !== 12) throw new Error('reports not stored yet');
      if (sample(text, 'wirewatch_ingest_rejects_total', { reason: 'not_json' }) !== 1) throw new Error('reject not counted yet');
      return text;
    }, 90_000);
    expect(sample(after, 'wirewatch_ingest_reports_per_second')).toBeCloseTo(12 / 60, 5);
    expect(sample(after, 'wirewatch_metrics_source_up', { source: 'kafka' })).toBe(1);
  });

  it('shows projection lag in events and seconds while no projector runs, and 0 once it caught up', async () => {
    const codings: ScriptedReport[] = ['AFG', 'IRQ', 'TUR', 'IND', 'CHN'].map((actor, index) => ({
      reportId: `lag-${index}`,
      events: [{ category: 'STRIKE', source: actor, target: 'IRN', occurredOn: daysAgo(1) }],
    }));
    await recordCodings(pool, codings);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const behind = await metrics();
    const projection = { projection: 'read-models:g1' };
    // 12 reports × (WireReportReceived + ReportCoded) + 5 codings, none projected.
    expect(sample(behind, 'wirewatch_projection_lag_events', projection)).toBe(29);
    expect(sample(behind, 'wirewatch_projection_lag_seconds', projection)).toBeGreaterThan(1);

    // A projector whose relay cannot reach Kafka: the read models catch up, the alerts wait in the outbox.
    projector = startApp('projector', { ...env, KAFKA_BROKERS: '127.0.0.1:1' });
    const stuck = await eventually(async () => {
      const text = await metrics();
      if (sample(text, 'wirewatch_projection_lag_events', projection) !== 0) throw new Error('projection not caught up');
      if ((sample(text, 'wirewatch_alert_outbox_backlog') ?? 0) < 5) throw new Error('outbox not filled');
      return text;
    }, 60_000);
    expect(sample(stuck, 'wirewatch_projection_lag_seconds', projection)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const waiting = await metrics();
    const backlog = sample(waiting, 'wirewatch_alert_outbox_backlog')!;
    expect(sample(waiting, 'wirewatch_alert_outbox_oldest_unsent_seconds')).toBeGreaterThan(1);
    expect(sample(waiting, 'wirewatch_alert_outbox_sent')).toBe(0);

    // The projector again, with the broker: the backlog drains.
    await projector.stop();
    projector = startApp('projector', env);
    const drained = await eventually(async () => {
      const text = await metrics();
      if (sample(text, 'wirewatch_alert_outbox_backlog') !== 0) throw new Error('backlog not drained');
      return text;
    }, 60_000);
    expect(sample(drained, 'wirewatch_alert_outbox_sent')).toBe(backlog);
    expect(sample(drained, 'wirewatch_alert_outbox_oldest_unsent_seconds')).toBe(0);
  });

  it('times HTTP requests by route pattern', async () => {
    await fetch(`${apiUrl}/api/v1/dyads`);
    await fetch(`${apiUrl}/api/v1/dyads/IRN-TUR`);
    await fetch(`${apiUrl}/api/v1/dyads/AFG-IRN`);
    await fetch(`${apiUrl}/no/such/path`);
    const stream = new AbortController();
    const open = await fetch(`${apiUrl}/api/v1/stream`, { signal: stream.signal });
    expect(open.status).toBe(200);
    stream.abort();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const text = await metrics();
    expect(sample(text, 'wirewatch_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/dyads/:dyad', status: '200' })).toBe(2);
    expect(sample(text, 'wirewatch_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/dyads', status: '200' })).toBe(1);
    expect(sample(text, 'wirewatch_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(sample(text, 'wirewatch_http_request_duration_seconds_bucket', { route: '/api/v1/dyads', le: '+Inf' })).toBe(1);
    // The endless stream is timed to its headers: well under a second, not for as long as it stayed open.
    expect(sample(text, 'wirewatch_http_request_duration_seconds_count', { route: '/api/v1/stream', status: '200' })).toBe(1);
    expect(sample(text, 'wirewatch_http_request_duration_seconds_bucket', { route: '/api/v1/stream', le: '1' })).toBe(1);
  });
});
