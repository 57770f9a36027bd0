import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log. Readers order by (transaction_id, global_position) and only read transactions below
 * the snapshot's xmin, which is why the primary key is that pair: it is the read order and the index.
 */
export class EventStoreSchema1764212400000 implements MigrationInterface {
  name = 'EventStoreSchema1764212400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE event_streams (
        stream_id   text        PRIMARY KEY,
        version     bigint      NOT NULL CHECK (version > 0),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE events (
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        global_position bigint      GENERATED ALWAYS AS IDENTITY,
        stream_id       text        NOT NULL,
        stream_version  bigint      NOT NULL,
        event_id        uuid        NOT NULL,
        event_type      text        NOT NULL,
        schema_version  integer     NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_pkey PRIMARY KEY (transaction_id, global_position),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
      )`);
    await queryRunner.query(`
      CREATE TABLE event_idempotency_keys (
        idempotency_key text        PRIMARY KEY,
        stream_id       text        NOT NULL,
        first_version   bigint      NOT NULL,
        last_version    bigint      NOT NULL,
        transaction_id  xid8        NOT NULL,
        first_position  bigint      NOT NULL,
        last_position   bigint      NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE subscription_checkpoints (
        subscription_id text        PRIMARY KEY,
        transaction_id  xid8        NOT NULL,
        global_position bigint      NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE subscription_checkpoints');
    await queryRunner.query('DROP TABLE event_idempotency_keys');
    await queryRunner.query('DROP TABLE events');
    await queryRunner.query('DROP TABLE event_streams');
  }
}
