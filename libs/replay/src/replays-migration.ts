import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ProjectionRebuilds1764400000001 } from './rebuilds/rebuilds-migration';
import { ReportRecodings1764500000000 } from './recode/recodings-migration';

/** Replays of stored history to `replay.<name>` topics, with the progress a restart resumes from. */
export class Replays1764400000000 implements MigrationInterface {
  name = 'Replays1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE replays (
        replay_id           uuid        PRIMARY KEY,
        topic               text        NOT NULL,
        selection           jsonb       NOT NULL,
        end_transaction_id  xid8        NOT NULL,
        end_position        bigint      NOT NULL,
        sent_transaction_id xid8        NOT NULL DEFAULT '0',
        sent_position       bigint      NOT NULL DEFAULT 0,
        status              text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        processed           bigint      NOT NULL DEFAULT 0,
        total               bigint      NOT NULL,
        requested_by        text,
        started_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        finished_at         timestamptz,
        error               text
      )`);
    await queryRunner.query(`CREATE INDEX replays_running ON replays (started_at) WHERE status = 'running'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE replays');
  }
}

export const replayMigrations = [Replays1764400000000, ProjectionRebuilds1764400000001, ReportRecodings1764500000000];
