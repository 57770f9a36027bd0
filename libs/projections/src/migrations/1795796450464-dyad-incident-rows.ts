import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A dyad's incidents move from one JSON array in its row to a row each (`dyad_incidents`): the projector then
 * rewrites only the incidents a batch changed, where it rewrote every touched dyad's whole history. Every
 * generation schema still in the old layout is converted, element for element, in the migration's transaction.
 * Generations created since (the first one included) already have the new layout, and are left alone.
 */
export class DyadIncidentRows1795796450464 implements MigrationInterface {
  name = 'DyadIncidentRows1795796450464';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schemas: { schema: string }[] = await queryRunner.query(
      `SELECT table_schema AS schema FROM information_schema.columns
       WHERE table_name = 'dyads' AND column_name = 'incidents' AND table_schema ~ '^read_models_g[0-9]+$'`,
    );
    for (const { schema } of schemas) {
      // The table as it was then; a later migration adds to it.
      await queryRunner.query(`CREATE TABLE ${schema}.dyad_incidents (
         dyad         text NOT NULL,
         incident_key text NOT NULL,
         occurred_on  date NOT NULL,
         incident     json NOT NULL,
         PRIMARY KEY (dyad, incident_key)
       )`);
      await queryRunner.query(`
        INSERT INTO ${schema}.dyad_incidents (dyad, incident_key, occurred_on, incident)
        SELECT d.dyad, i.incident->>'key', (i.incident->>'occurredOn')::date, i.incident
        FROM ${schema}.dyads d, json_array_elements(d.incidents) AS i(incident)`);
      await queryRunner.query(`ALTER TABLE ${schema}.dyads DROP COLUMN incidents`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schemas: { schema: string }[] = await queryRunner.query(
      `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'dyad_incidents' AND table_schema ~ '^read_models_g[0-9]+$'`,
    );
    for (const { schema } of schemas) {
      await queryRunner.query(`ALTER TABLE ${schema}.dyads ADD COLUMN incidents json NOT NULL DEFAULT '[]'`);
      await queryRunner.query(`
        UPDATE ${schema}.dyads d SET incidents = i.incidents
        FROM (SELECT dyad, json_agg(incident ORDER BY occurred_on, incident_key COLLATE "C") AS incidents FROM ${schema}.dyad_incidents GROUP BY dyad) i
        WHERE i.dyad = d.dyad`);
      await queryRunner.query(`ALTER TABLE ${schema}.dyads ALTER COLUMN incidents DROP DEFAULT`);
      await queryRunner.query(`DROP TABLE ${schema}.dyad_incidents`);
    }
  }
}
