import { Injectable } from '@nestjs/common';
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus series of the ingest process (served at its /metrics). */
@Injectable()
export class IngestMetrics {
  readonly registry = new Registry();
  readonly reports = new Counter({
    name: 'wirewatch_ingest_reports_total',
    help: 'Wire reports handled, by outcome (stored, duplicate, rejected)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly rejects = new Counter({
    name: 'wirewatch_ingest_rejects_total',
    help: 'Wire reports sent to the dead-letter topic, by reason code',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly retries = new Counter({
    name: 'wirewatch_ingest_transient_failures_total',
    help: 'Transient failures (database or broker) retried before a message was handled',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'wirewatch_ingest_' });
  }
}
