import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { WirewatchConfigModule } from '@app/config';
import { DatabaseModule, EventStoreModule, KafkaHealthIndicator, KafkaModule, PostgresHealthIndicator } from '@app/infrastructure';
import { EventStoreReportRepository } from './event-store-report-repository';
import { IngestHttpController } from './ingest-http.controller';
import { IngestMetrics } from './ingest-metrics';
import { LibraryCoder } from './coding/library-coder';
import { ReportCoder, ReportIngestor } from './report-ingestor';
import { ReportRepository } from './report-repository';
import { WireReportConsumer } from './wire-report.consumer';

@Module({
  imports: [WirewatchConfigModule, DatabaseModule, KafkaModule, EventStoreModule, TerminusModule],
  controllers: [WireReportConsumer, IngestHttpController],
  providers: [
    ReportIngestor,
    IngestMetrics,
    PostgresHealthIndicator,
    KafkaHealthIndicator,
    { provide: ReportRepository, useClass: EventStoreReportRepository },
    { provide: ReportCoder, useClass: LibraryCoder },
  ],
})
export class IngestModule {}
