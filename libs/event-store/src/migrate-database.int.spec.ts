import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { eventStoreMigrations, migrateDatabase } from './index';

class ReadModelTable1764300000000 implements MigrationInterface {
  name = 'ReadModelTable1764300000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE read_model_example (id text PRIMARY KEY)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE read_model_example');
  }
}

describe('migrateDatabase (real PostgreSQL)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('ww_es_migrate');
  });
  afterAll(() => database.drop());

  async function tables(): Promise<string[]> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    await client.end();
    return rows.map((row: { tablename: string }) => row.tablename);
  }

  it('runs the store migrations and the extra ones once, even when two processes start together', async () => {
    const [first, second] = await Promise.all([
      migrateDatabase(database.url, [ReadModelTable1764300000000]),
      migrateDatabase(database.url, [ReadModelTable1764300000000]),
    ]);
    const ran = [...first, ...second].sort();
    expect(ran).toEqual([...eventStoreMigrations.map((migration) => new migration().name!), 'ReadModelTable1764300000000'].sort());
    expect(await tables()).toEqual([
      'event_idempotency_keys',
      'event_streams',
      'events',
      'read_model_example',
      'schema_migrations',
      'subscription_checkpoints',
    ]);
    expect(await migrateDatabase(database.url, [ReadModelTable1764300000000])).toEqual([]);
  });
});
