import type { MigrationInterface, QueryRunner } from 'typeorm';
import { READ_MODELS_PROJECTION, readModelSchemaDdl, schemaOf } from '../schema/read-model-schema';

/**
 * Read models: the generation pointer (blue/green rebuilds switch it in one transaction), the first
 * generation's tables and the alert outbox that the relay publishes to Kafka.
 */
export class ReadModels1764300000000 implements MigrationInterface {
  name = 'ReadModels1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE read_model_generations (
        projection          text        PRIMARY KEY,
        active_generation   integer     NOT NULL,
        building_generation integer,
        switched_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`INSERT INTO read_model_generations (projection, active_generation) VALUES ($1, 1)`, [READ_MODELS_PROJECTION]);
    for (const statement of readModelSchemaDdl(schemaOf(1))) await queryRunner.query(statement);
    await queryRunner.query(`
      CREATE TABLE alert_outbox (
        alert_id   text        PRIMARY KEY,
        kind       text        NOT NULL CHECK (kind IN ('escalation', 'mediation')),
        key        text        NOT NULL,
        payload    jsonb       NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        sequence   bigint      GENERATED ALWAYS AS IDENTITY,
        sent_at    timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX alert_outbox_unsent ON alert_outbox (sequence) WHERE sent_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE alert_outbox');
    await queryRunner.query(`DROP SCHEMA IF EXISTS ${schemaOf(1)} CASCADE`);
    await queryRunner.query('DROP TABLE read_model_generations');
  }
}
