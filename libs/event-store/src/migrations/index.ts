import { EventStoreSchema1764212400000 } from './1764212400000-event-store-schema';
import { StreamWriterOrder1764216000000 } from './1764216000000-stream-writer-order';

export const eventStoreMigrations = [EventStoreSchema1764212400000, StreamWriterOrder1764216000000];
