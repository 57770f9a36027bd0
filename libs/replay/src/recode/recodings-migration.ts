import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Re-codings requested over HTTP (`{kind:"recode"}`), with their progress and tally. */
export class ReportRecodings1764500000000 implements MigrationInterface {
  name = 'ReportRecodings1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_recodings (
        recode_id     uuid        PRIMARY KEY,
        coder_version text        NOT NULL,
        from_at       timestamptz,
        until_at      timestamptz,
        status        text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        processed     bigint      NOT NULL DEFAULT 0,
        total         bigint      NOT NULL DEFAULT 0,
        recoded       bigint      NOT NULL DEFAULT 0,
        unchanged     bigint      NOT NULL DEFAULT 0,
        failed        bigint      NOT NULL DEFAULT 0,
        requested_by  text,
        started_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        finished_at   timestamptz,
        error         text
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE report_recodings');
  }
}
