import { Controller, Get, Header } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { KafkaHealthIndicator, PostgresHealthIndicator } from '@app/infrastructure';
import { IngestMetrics } from './ingest-metrics';

/** The ingest process's own operations port: its health and its Prometheus series. */
@Controller()
export class IngestHttpController {
  constructor(
    private readonly metrics: IngestMetrics,
    private readonly health: HealthCheckService,
    private readonly postgres: PostgresHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
  ) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async prometheus(): Promise<string> {
    return this.metrics.registry.metrics();
  }

  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check([() => this.postgres.check(), () => this.kafka.check()]);
  }
}
