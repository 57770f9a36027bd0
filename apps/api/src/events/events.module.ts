import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/infrastructure';
import { EventsController } from './events.controller';

/** GET /api/v1/events: the event history for analysts, paged or streamed as NDJSON. */
@Module({ imports: [EventStoreModule], controllers: [EventsController] })
export class EventsModule {}
