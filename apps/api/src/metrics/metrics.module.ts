import { Inject, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';
import { WIREWATCH_ENV, type Environment } from '@app/config';
import { KAFKA_ADMIN, PG_POOL } from '@app/infrastructure';
import { ApiMetrics } from './api-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';

/**
 * `INGEST_METRICS_URL` points at the ingest's /metrics when it runs elsewhere; by default the ingest is taken to
 * run beside the api on `INGEST_METRICS_PORT`.
 */
const ingestMetricsUrl = (env: Environment): string => process.env.INGEST_METRICS_URL || `http://127.0.0.1:${env.INGEST_METRICS_PORT}/metrics`;

/** SPEC §5 `GET /metrics` and the HTTP latency histograms. Needs the global database, Kafka and config modules. */
@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: ApiMetrics,
      inject: [PG_POOL, KAFKA_ADMIN, WIREWATCH_ENV],
      useFactory: (pool: Pool, admin: Admin, env: Environment) =>
        new ApiMetrics({ pool, admin, ingestGroupId: env.INGEST_GROUP_ID, wireReportsTopic: env.WIRE_REPORTS_TOPIC, ingestMetricsUrl: ingestMetricsUrl(env) }),
    },
    HttpMetricsMiddleware,
  ],
})
export class MetricsModule implements NestModule {
  constructor(@Inject(ApiMetrics) readonly metrics: ApiMetrics) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
