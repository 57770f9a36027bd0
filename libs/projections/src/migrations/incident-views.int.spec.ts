import type { QueryRunner } from 'typeorm';
import { generationRows } from '../testing/generation-rows';
import { ProjectionFixture } from '../testing/projection-fixture';
import { randomHistory } from '../testing/random-history';
import { IncidentViews1795814852958 } from './1795814852958-incident-views';

describe('migration: the detail form of each dyad incident', () => {
  let fixture: ProjectionFixture;

  beforeAll(async () => {
    fixture = await ProjectionFixture.create('ww_incident_views');
  });
  afterAll(() => fixture.close());

  const runner = { query: async (sql: string, params?: unknown[]) => (await fixture.pool.query(sql, params)).rows } as unknown as QueryRunner;
  const partiesIndex = () => fixture.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'read_models_g1' AND tablename = 'offers' AND indexname = 'offers_parties_idx'`);
  const viewColumn = () => fixture.query(`SELECT is_nullable FROM information_schema.columns WHERE table_schema = 'read_models_g1' AND table_name = 'dyad_incidents' AND column_name = 'view'`);

  it('fills the views of a generation written without them, as the projector merges them, in several rounds', async () => {
    // Withdrawn contributions (corrections, supersessions) must stay out of the merged views.
    await fixture.record(...randomHistory(11, 1200));
    await fixture.project();
    const before = await generationRows(fixture, 1);
    expect(before.dyad_incidents.length).toBeGreaterThan(1000);
    expect((await fixture.query<{ n: string }>(`SELECT count(*) AS n FROM read_models_g1.contributions WHERE withdrawn_at IS NOT NULL`))[0].n).not.toBe('0');

    await new IncidentViews1795814852958().down(runner);
    expect(await viewColumn()).toEqual([]);
    expect(await partiesIndex()).toEqual([]);
    await Object.assign(new IncidentViews1795814852958(), { keysPerRound: 300 }).up(runner);

    expect(await viewColumn()).toEqual([{ is_nullable: 'NO' }]);
    expect(await partiesIndex()).toHaveLength(1);
    expect(await generationRows(fixture, 1)).toEqual(before);
  }, 120_000);

  it('refuses, naming the rebuild, an incident row that no current contribution backs', async () => {
    await new IncidentViews1795814852958().down(runner);
    await fixture.query(`DELETE FROM read_models_g1.contributions WHERE incident_key = (SELECT min(incident_key) FROM read_models_g1.dyad_incidents)`);
    await expect(new IncidentViews1795814852958().up(runner)).rejects.toThrow(/no current contribution; rebuild the read models/);
  });
});
