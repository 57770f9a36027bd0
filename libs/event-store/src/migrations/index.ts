import { EventStoreSchema1764212400000 } from './1764212400000-event-store-schema';
import { StreamWriterOrder1764216000000 } from './1764216000000-stream-writer-order';
import { EventPayloadsAsJson1795824954442 } from './1795824954442-event-payloads-as-json';

export const eventStoreMigrations = [EventStoreSchema1764212400000, StreamWriterOrder1764216000000, EventPayloadsAsJson1795824954442];
