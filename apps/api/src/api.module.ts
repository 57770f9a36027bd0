import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { WirewatchConfigModule } from '@app/config';
import { DatabaseModule, KafkaHealthIndicator, KafkaModule, PostgresHealthIndicator } from '@app/infrastructure';
import { AccessModule } from './access/access.module';
import { EventsModule } from './events/events.module';
import { HealthController } from './health/health.controller';
import { ReportsModule } from './reports/reports.module';

@Module({
  imports: [WirewatchConfigModule, DatabaseModule, KafkaModule, TerminusModule, ReportsModule, AccessModule, EventsModule],
  controllers: [HealthController],
  providers: [PostgresHealthIndicator, KafkaHealthIndicator],
})
export class ApiModule {}
