import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rebuilds of projections requested over HTTP, with their progress. */
export class ProjectionRebuilds1764400000001 implements MigrationInterface {
  name = 'ProjectionRebuilds1764400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_rebuilds (
        rebuild_id   uuid        PRIMARY KEY,
        projection   text        NOT NULL,
        status       text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        phase        text,
        processed    bigint      NOT NULL DEFAULT 0,
        total        bigint      NOT NULL DEFAULT 0,
        requested_by text,
        started_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        finished_at  timestamptz,
        error        text
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE projection_rebuilds');
  }
}
