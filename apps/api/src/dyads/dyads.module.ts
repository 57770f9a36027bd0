import { Module } from '@nestjs/common';
import { DyadsController } from './dyads.controller';
import { ReadModelsModule } from './read-models.module';

@Module({ imports: [ReadModelsModule], controllers: [DyadsController] })
export class DyadsModule {}
