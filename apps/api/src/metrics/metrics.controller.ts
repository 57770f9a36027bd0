import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiMetrics } from './api-metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(ApiMetrics) private readonly metrics: ApiMetrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Ingest rate (from the event store), the ingest process’s rejects by reason (re-exposed from its /metrics), projection lag in ' +
      'events and seconds, alert outbox backlog and its oldest row’s age, the ingest group’s Kafka consumer lag, HTTP latency.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format' })
  async metricsText(@Res() response: Response): Promise<void> {
    const body = await this.metrics.render();
    response.setHeader('Content-Type', this.metrics.contentType);
    response.status(200).send(body);
  }
}
