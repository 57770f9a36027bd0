import { Module } from '@nestjs/common';
import { WirewatchConfigModule } from '@app/config';
import { DatabaseModule, EventStoreModule } from '@app/infrastructure';
import { ReadModelMigrationsModule } from './read-model-migrations.module';
import { ReadModelProjectorService } from './read-model-projector.service';
import { AlertRelayModule } from './alert-relay/alert-relay.module';

@Module({
  imports: [WirewatchConfigModule, DatabaseModule, ReadModelMigrationsModule, EventStoreModule, AlertRelayModule],
  providers: [ReadModelProjectorService],
})
export class ProjectorModule {}
