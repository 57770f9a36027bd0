import { Global, Module } from '@nestjs/common';
import { EXTRA_MIGRATIONS } from '@app/infrastructure';
import { readModelMigrations } from '@app/projections';

/** Hands the read-model migrations to the event store's migrator, which runs them at start. */
@Global()
@Module({ providers: [{ provide: EXTRA_MIGRATIONS, useValue: readModelMigrations }], exports: [EXTRA_MIGRATIONS] })
export class ReadModelMigrationsModule {}
