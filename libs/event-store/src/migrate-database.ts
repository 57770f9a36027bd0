import { Client } from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';
import { eventStoreMigrations } from './migrations';

export type MigrationClass = new () => MigrationInterface;

export const MIGRATIONS_TABLE = 'schema_migrations';
/** Serializes migrations of several processes starting at once (TypeORM itself does not). */
const MIGRATION_LOCK_KEY = 0x77697265; // "wire"

/**
 * Brings the database to the newest schema: the event store's migrations, then the extra ones
 * (read models pass theirs), each in its own transaction. Returns the names of those that ran.
 */
export async function migrateDatabase(databaseUrl: string, extraMigrations: MigrationClass[] = []): Promise<string[]> {
  const lock = new Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const dataSource = new DataSource({
      type: 'postgres',
      url: databaseUrl,
      migrations: [...eventStoreMigrations, ...extraMigrations],
      migrationsTableName: MIGRATIONS_TABLE,
      migrationsTransactionMode: 'each',
      synchronize: false,
      logging: false,
    });
    await dataSource.initialize();
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      return ran.map((migration) => migration.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
