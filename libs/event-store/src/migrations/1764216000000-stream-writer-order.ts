import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Readers order by transaction id, so the writers of one stream must take increasing transaction ids.
 * A transaction can hold an id from before it waited for the stream's row lock (an earlier write, or a
 * racing insert of the same new stream); appending after the writer it waited for would then sort its
 * newer versions first. The stream row remembers its last writer, and such an append fails with
 * serialization_failure (40001) — retried by the store with a fresh transaction, which sorts after.
 */
export class StreamWriterOrder1764216000000 implements MigrationInterface {
  name = 'StreamWriterOrder1764216000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE event_streams ADD COLUMN last_transaction_id xid8 NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE event_streams ALTER COLUMN last_transaction_id SET DEFAULT pg_current_xact_id()`);
    await queryRunner.query(`
      CREATE FUNCTION event_store_next_writer(previous xid8) RETURNS xid8
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        current_writer xid8 := pg_current_xact_id();
      BEGIN
        IF previous > current_writer THEN
          RAISE EXCEPTION 'stream was last written by transaction %, later than %', previous, current_writer
            USING ERRCODE = '40001';
        END IF;
        RETURN current_writer;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION event_store_next_writer(xid8)');
    await queryRunner.query('ALTER TABLE event_streams DROP COLUMN last_transaction_id');
  }
}
