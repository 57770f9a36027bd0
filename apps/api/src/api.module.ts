import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { WirewatchConfigModule } from '@app/config';
import { DatabaseModule, KafkaHealthIndicator, KafkaModule, PostgresHealthIndicator } from '@app/infrastructure';
import { AccessModule } from './access/access.module';
import { EventsModule } from './events/events.module';
import { ReplaysModule } from './replays/replays.module';
import { HealthController } from './health/health.controller';
import { DashboardModule } from './dashboard/dashboard.module';
import { ReportsModule } from './reports/reports.module';
import { DyadsModule } from './dyads/dyads.module';
import { MediationOffersModule } from './mediation-offers/mediation-offers.module';
import { StreamModule } from './stream/stream.module';
import { MetricsModule } from './metrics/metrics.module';

@Module({
  imports: [WirewatchConfigModule, DatabaseModule, KafkaModule, TerminusModule, ReportsModule, AccessModule, EventsModule, ReplaysModule, DyadsModule, MediationOffersModule, DashboardModule, StreamModule, MetricsModule],
  controllers: [HealthController],
  providers: [PostgresHealthIndicator, KafkaHealthIndicator],
})
export class ApiModule {}
