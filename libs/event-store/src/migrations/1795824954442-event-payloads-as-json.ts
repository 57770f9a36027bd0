import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events' `data` and `metadata` become `json`. The store never looks inside a payload, yet `jsonb` made
 * PostgreSQL decompose every payload on the way in — about 60 % of the server's CPU for an ingest append —
 * and rebuild its text on every read. `json` keeps the text as sent, validated. Payloads too long to stay
 * inline are compressed with lz4 where the server has it (pglz costs several times more per byte).
 * Rewrites the table once.
 */
export class EventPayloadsAsJson1795824954442 implements MigrationInterface {
  name = 'EventPayloadsAsJson1795824954442';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE events ALTER COLUMN data TYPE json USING data::json, ALTER COLUMN metadata TYPE json USING metadata::json`);
    await queryRunner.query(`
      DO $$ BEGIN
        ALTER TABLE events ALTER COLUMN data SET COMPRESSION lz4, ALTER COLUMN metadata SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported THEN
        RAISE NOTICE 'this server has no lz4: event payloads stay compressed with pglz';
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE events ALTER COLUMN data SET COMPRESSION default, ALTER COLUMN metadata SET COMPRESSION default`);
    await queryRunner.query(`ALTER TABLE events ALTER COLUMN data TYPE jsonb USING data::jsonb, ALTER COLUMN metadata TYPE jsonb USING metadata::jsonb`);
  }
}
