import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/infrastructure';
import { ReportsController } from './reports.controller';

@Module({ imports: [EventStoreModule], controllers: [ReportsController] })
export class ReportsModule {}
