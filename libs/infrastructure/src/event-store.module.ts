import { Global, Inject, Injectable, Module, OnModuleInit, Optional } from '@nestjs/common';
import type { Pool } from 'pg';
import { WIREWATCH_ENV, type Environment } from '@app/config';
import { migrateDatabase, PostgresEventStore, wireReportUpcasters, type MigrationClass } from '@app/event-store';
import { replayMigrations } from '@app/replay';
import { PG_POOL } from './database.module';

export const RUN_MIGRATIONS = Symbol('RUN_MIGRATIONS');
/** Migrations of other tables (read models) that an app provides from a global module; run after the store's. */
export const EXTRA_MIGRATIONS = Symbol('EXTRA_MIGRATIONS');

@Injectable()
class Migrator implements OnModuleInit {
  constructor(
    @Inject(WIREWATCH_ENV) private readonly env: Environment,
    @Inject(RUN_MIGRATIONS) private readonly runMigrations: boolean,
    @Optional() @Inject(EXTRA_MIGRATIONS) private readonly extraMigrations: MigrationClass[] = [],
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.runMigrations) await migrateDatabase(this.env.DATABASE_URL, [...(this.extraMigrations ?? []), ...replayMigrations]);
  }
}

/** The event store over the process's pool; migrations run at start (TypeORM migrations, never synchronize). */
@Global()
@Module({
  providers: [
    { provide: RUN_MIGRATIONS, useValue: true },
    { provide: PostgresEventStore, inject: [PG_POOL], useFactory: (pool: Pool) => new PostgresEventStore(pool, { upcasters: wireReportUpcasters }) },
    Migrator,
  ],
  exports: [PostgresEventStore],
})
export class EventStoreModule {}
