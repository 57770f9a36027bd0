import { ReadModels1764300000000 } from './1764300000000-read-models';

/** Pass to `migrateDatabase(url, readModelMigrations)` after the event store's own. */
export const readModelMigrations = [ReadModels1764300000000];
