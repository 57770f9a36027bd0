import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../dyads/read-models.module';
import { MediationOffersController } from './mediation-offers.controller';

@Module({ imports: [ReadModelsModule], controllers: [MediationOffersController] })
export class MediationOffersModule {}
