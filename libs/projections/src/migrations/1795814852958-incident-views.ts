import type { MigrationInterface, QueryRunner } from 'typeorm';
import { incidentViewOf } from '../core/rows';
import { contributionFromRecord, type ContributionRecord } from '../pg/row-codec';

/**
 * Each dyad incident row gains the incident in the form a dyad's detail shows (`view`), merged from the
 * incident's current contributions as the projector merges them, and offers gain an index by party. Rows of
 * every existing generation are filled in the migration's transaction, a few thousand incidents per round
 * trip; generations created since already have both.
 */
export class IncidentViews1795814852958 implements MigrationInterface {
  name = 'IncidentViews1795814852958';
  /** Incidents merged and written per round trip. */
  keysPerRound = 5000;

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const schema of await generationSchemas(queryRunner)) {
      await queryRunner.query(`ALTER TABLE ${schema}.dyad_incidents ADD COLUMN IF NOT EXISTS view json`);
      const missing: { incident_key: string }[] = await queryRunner.query(
        `SELECT DISTINCT incident_key FROM ${schema}.dyad_incidents WHERE view IS NULL ORDER BY incident_key`,
      );
      for (let start = 0; start < missing.length; start += this.keysPerRound) {
        const keys = missing.slice(start, start + this.keysPerRound).map((row) => row.incident_key);
        await fillViews(queryRunner, schema, keys);
      }
      await queryRunner.query(`ALTER TABLE ${schema}.dyad_incidents ALTER COLUMN view SET NOT NULL`);
      await queryRunner.query(`CREATE INDEX IF NOT EXISTS offers_parties_idx ON ${schema}.offers USING gin (parties)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const schema of await generationSchemas(queryRunner)) {
      await queryRunner.query(`ALTER TABLE ${schema}.dyad_incidents DROP COLUMN IF EXISTS view`);
      await queryRunner.query(`DROP INDEX IF EXISTS ${schema}.offers_parties_idx`);
    }
  }
}

async function generationSchemas(queryRunner: QueryRunner): Promise<string[]> {
  const rows: { schema: string }[] = await queryRunner.query(
    `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'dyad_incidents' AND table_schema ~ '^read_models_g[0-9]+$'`,
  );
  return rows.map((row) => row.schema);
}

async function fillViews(queryRunner: QueryRunner, schema: string, keys: string[]): Promise<void> {
  const records: (ContributionRecord & { incident_key: string })[] = await queryRunner.query(
    `SELECT incident_key, report_id, coder_version, recorded_at, withdrawn_at, event FROM ${schema}.contributions
     WHERE withdrawn_at IS NULL AND incident_key = ANY($1::text[])`,
    [keys],
  );
  const byIncident = new Map<string, ReturnType<typeof contributionFromRecord>[]>();
  for (const record of records) {
    const contributions = byIncident.get(record.incident_key);
    if (contributions) contributions.push(contributionFromRecord(record));
    else byIncident.set(record.incident_key, [contributionFromRecord(record)]);
  }
  const views = keys.map((key) => {
    const contributions = byIncident.get(key);
    if (!contributions) throw new Error(`${schema}: incident ${key} has a dyad row but no current contribution; rebuild the read models (wirewatch rebuild read-models)`);
    return { incident_key: key, view: incidentViewOf(contributions) };
  });
  await queryRunner.query(
    `UPDATE ${schema}.dyad_incidents i SET view = x.view
     FROM json_to_recordset($1::json) AS x(incident_key text, view json)
     WHERE i.incident_key = x.incident_key AND i.view IS NULL`,
    [JSON.stringify(views)],
  );
}
