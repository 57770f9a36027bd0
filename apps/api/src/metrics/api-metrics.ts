import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { consumerLag } from './consumer-lag';
import { scrapeIngest } from './ingest-scrape';
import { readPipeline } from './pipeline-readings';

export interface ApiMetricsSources {
  pool: Pool;
  admin: Admin;
  ingestGroupId: string;
  wireReportsTopic: string;
  /** The ingest process's /metrics, whose reject counters are re-exposed. */
  ingestMetricsUrl: string;
}

/** Readings older than this are reused: a burst of scrapes costs one round of queries. */
const MIN_REFRESH_MS = 1000;

/** SPEC §5 `/metrics` of the api app (prom-client), named like the ingest's series (`wirewatch_…`). */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'wirewatch_http_request_duration_seconds',
    help: 'HTTP requests of the api by method, route pattern and status (the stream: time to its headers)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly reportsReceived = this.gauge('wirewatch_ingest_reports_received', 'Wire reports stored (WireReportReceived events in the event store)');
  private readonly reportsRate = this.gauge('wirewatch_ingest_reports_per_second', 'Wire reports stored per second over the last 60 s (from the event store)');
  private readonly eventsStored = this.gauge('wirewatch_events_stored', 'Events in the event store');
  private readonly projectionLagEvents = this.gauge('wirewatch_projection_lag_events', 'Events stored after the projection checkpoint', ['projection']);
  private readonly projectionLagSeconds = this.gauge('wirewatch_projection_lag_seconds', 'Age of the oldest event the projection has not passed yet (0 when caught up)', ['projection']);
  private readonly outboxBacklog = this.gauge('wirewatch_alert_outbox_backlog', 'Alerts in the outbox not yet acknowledged by Kafka');
  private readonly outboxOldest = this.gauge('wirewatch_alert_outbox_oldest_unsent_seconds', 'Age of the oldest unsent alert (0 when none)');
  private readonly outboxSent = this.gauge('wirewatch_alert_outbox_sent', 'Alerts published and marked sent');
  private readonly consumerLag = this.gauge('wirewatch_kafka_consumer_lag', 'Messages of the input topic the ingest group has not committed, per partition', ['group', 'topic', 'partition']);
  private readonly consumerLagTotal = this.gauge('wirewatch_kafka_consumer_lag_total', 'Messages of the input topic the ingest group has not committed', ['group', 'topic']);
  private readonly sourceUp = this.gauge('wirewatch_metrics_source_up', 'Whether a source of these metrics answered the last scrape (1) or not (0)', ['source']);
  private readonly scrapeErrors = new Counter({ name: 'wirewatch_metrics_source_errors_total', help: 'Failed reads of a metrics source', labelNames: ['source'] as const, registers: [this.registry] });
  private refreshed: { at: number; ingest: string; work: Promise<string> } | null = null;

  constructor(private readonly sources: ApiMetricsSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'wirewatch_api_' });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition: this registry after a refresh, followed by the ingest's reject series. */
  async render(): Promise<string> {
    const now = Date.now();
    if (!this.refreshed || now - this.refreshed.at >= MIN_REFRESH_MS) {
      this.refreshed = { at: now, ingest: '', work: this.refresh() };
    }
    const ingest = await this.refreshed.work;
    return `${await this.registry.metrics()}${ingest}`;
  }

  private async refresh(): Promise<string> {
    const [, , ingest] = await Promise.all([this.readDatabase(), this.readKafka(), this.readIngest()]);
    return ingest;
  }

  private async readDatabase(): Promise<void> {
    try {
      const readings = await readPipeline(this.sources.pool);
      this.reportsReceived.set(readings.reportsReceived);
      this.reportsRate.set(readings.reportsReceivedLastMinute / 60);
      this.eventsStored.set(readings.eventsStored);
      if (readings.projection) {
        this.projectionLagEvents.set({ projection: readings.projection.subscription }, readings.projection.lagEvents);
        this.projectionLagSeconds.set({ projection: readings.projection.subscription }, readings.projection.lagSeconds);
      }
      this.outboxBacklog.set(readings.outbox.unsent);
      this.outboxOldest.set(readings.outbox.oldestUnsentSeconds);
      this.outboxSent.set(readings.outbox.sent);
      this.sourceUp.set({ source: 'postgres' }, 1);
    } catch {
      this.sourceUp.set({ source: 'postgres' }, 0);
      this.scrapeErrors.inc({ source: 'postgres' });
    }
  }

  private async readKafka(): Promise<void> {
    const { admin, ingestGroupId: group, wireReportsTopic: topic } = this.sources;
    try {
      const lags = await withTimeout(consumerLag(admin, group, topic), 3000);
      this.consumerLag.reset();
      for (const { partition, lag } of lags) this.consumerLag.set({ group, topic, partition: String(partition) }, lag);
      this.consumerLagTotal.set({ group, topic }, lags.reduce((sum, { lag }) => sum + lag, 0));
      this.sourceUp.set({ source: 'kafka' }, 1);
    } catch {
      this.sourceUp.set({ source: 'kafka' }, 0);
      this.scrapeErrors.inc({ source: 'kafka' });
    }
  }

  private async readIngest(): Promise<string> {
    const text = await scrapeIngest(this.sources.ingestMetricsUrl);
    this.sourceUp.set({ source: 'ingest' }, text === null ? 0 : 1);
    if (text === null) this.scrapeErrors.inc({ source: 'ingest' });
    return text ?? '';
  }

  private gauge(name: string, help: string, labelNames: string[] = []): Gauge<string> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
