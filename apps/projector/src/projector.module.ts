import { Module } from '@nestjs/common';
import { WirewatchConfigModule } from '@app/config';
import { DatabaseModule, EventStoreModule } from '@app/infrastructure';

@Module({ imports: [WirewatchConfigModule, DatabaseModule, EventStoreModule] })
export class ProjectorModule {}
