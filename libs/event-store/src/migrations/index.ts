import { EventStoreSchema1764212400000 } from './1764212400000-event-store-schema';

export const eventStoreMigrations = [EventStoreSchema1764212400000];
