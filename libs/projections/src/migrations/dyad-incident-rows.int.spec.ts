import { migrateDatabase, MIGRATIONS_TABLE } from '@app/event-store';
import type { QueryRunner } from 'typeorm';
import { generationRows } from '../testing/generation-rows';
import { ProjectionFixture } from '../testing/projection-fixture';
import { randomHistory } from '../testing/random-history';
import { readModelMigrations } from './index';
import { DyadIncidentRows1795796450464 } from './1795796450464-dyad-incident-rows';
import { IncidentViews1795814852958 } from './1795814852958-incident-views';

describe('migration: a row per dyad incident', () => {
  let fixture: ProjectionFixture;

  beforeAll(async () => {
    fixture = await ProjectionFixture.create('ww_dyad_incident_rows');
  });
  afterAll(() => fixture.close());

  const runner = { query: async (sql: string, params?: unknown[]) => (await fixture.pool.query(sql, params)).rows } as unknown as QueryRunner;

  it('moves every incident of a database in the old layout into rows, and back down again', async () => {
    await fixture.record(...randomHistory(5, 400));
    await fixture.project();
    const before = await generationRows(fixture, 1);
    expect(before.dyad_incidents.length).toBeGreaterThan(100);

    await new IncidentViews1795814852958().down(runner);
    await new DyadIncidentRows1795796450464().down(runner);
    const oldLayout = await fixture.query<{ dyad: string; incidents: { key: string }[] }>(`SELECT dyad, incidents FROM read_models_g1.dyads ORDER BY dyad`);
    expect(oldLayout.flatMap((row) => row.incidents)).toHaveLength(before.dyad_incidents.length);
    expect(await fixture.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'read_models_g1' AND table_name = 'dyad_incidents'`)).toEqual([]);

    await fixture.query(`DELETE FROM ${MIGRATIONS_TABLE} WHERE name = ANY($1)`, [['DyadIncidentRows1795796450464', 'IncidentViews1795814852958']]);
    expect(await migrateDatabase(fixture.database.url, readModelMigrations)).toEqual(['DyadIncidentRows1795796450464', 'IncidentViews1795814852958']);
    // The views the later migration merges are the very ones the projector wrote.
    expect(await generationRows(fixture, 1)).toEqual(before);
  });
});
