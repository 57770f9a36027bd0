import { Global, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { WIREWATCH_ENV, type Environment } from '@app/config';
import { migrateDatabase, PostgresEventStore, wireReportUpcasters } from '@app/event-store';
import { PG_POOL } from './database.module';

export const RUN_MIGRATIONS = Symbol('RUN_MIGRATIONS');

@Injectable()
class Migrator implements OnModuleInit {
  constructor(
    @Inject(WIREWATCH_ENV) private readonly env: Environment,
    @Inject(RUN_MIGRATIONS) private readonly runMigrations: boolean,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.runMigrations) await migrateDatabase(this.env.DATABASE_URL);
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
