import { ReadModels1764300000000 } from './1764300000000-read-models';
import { DyadIncidentRows1795796450464 } from './1795796450464-dyad-incident-rows';
import { IncidentViews1795814852958 } from './1795814852958-incident-views';

/** Pass to `migrateDatabase(url, readModelMigrations)` after the event store's own. */
export const readModelMigrations = [ReadModels1764300000000, DyadIncidentRows1795796450464, IncidentViews1795814852958];
