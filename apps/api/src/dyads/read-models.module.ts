import { BeforeApplicationShutdown, Global, Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import { EventStoreModule, EXTRA_MIGRATIONS, PG_POOL } from '@app/infrastructure';
import { CurrentReadModels, ReadModelReader, readModelMigrations } from '@app/projections';

/** Loads the "now" cache once migrations have run, and stops listening before the pool closes. */
@Injectable()
class CurrentReadModelsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(CurrentReadModels) private readonly current: CurrentReadModels) {}

  onApplicationBootstrap(): Promise<void> {
    return this.current.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.current.stop();
  }
}

/** The read models for the dyad and offer routes: a row reader for any (asOf, knownAt), a cache for now. */
@Global()
@Module({
  imports: [EventStoreModule],
  providers: [
    { provide: EXTRA_MIGRATIONS, useValue: readModelMigrations },
    { provide: ReadModelReader, inject: [PG_POOL], useFactory: (pool: Pool) => new ReadModelReader(pool) },
    { provide: CurrentReadModels, inject: [PG_POOL], useFactory: (pool: Pool) => new CurrentReadModels(pool) },
    CurrentReadModelsLifecycle,
  ],
  exports: [EXTRA_MIGRATIONS, ReadModelReader, CurrentReadModels],
})
export class ReadModelsModule {}
