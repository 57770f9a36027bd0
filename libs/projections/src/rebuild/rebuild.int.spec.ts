import { ReadModelReader } from '../queries/read-model-reader';
import { ProjectionFixture } from '../testing/projection-fixture';
import { generationRows, READ_MODEL_TABLES } from '../testing/generation-rows';
import { randomHistory } from '../testing/random-history';
import { rebuildReadModels } from './rebuild';
import { replayOnWorkerThread } from './rebuild-thread';

describe('blue/green rebuild', () => {
  let fixture: ProjectionFixture;

  beforeAll(async () => {
    fixture = await ProjectionFixture.create('ww_rebuild');
  });
  afterAll(() => fixture.close());

  it('rebuilds a randomized history into tables identical, row for row, to the live ones, and re-emits no alert', async () => {
    await fixture.record(...randomHistory(7, 1500));
    await fixture.project(undefined, 37);
    const live = await generationRows(fixture, 1);
    const alertsBefore = await fixture.query(`SELECT alert_id FROM alert_outbox ORDER BY sequence`);
    expect(live.contributions.length).toBeGreaterThan(2000);
    expect(live.dyads.length).toBeGreaterThan(20);
    expect(live.offers.length).toBeGreaterThan(10);
    expect(alertsBefore.length).toBeGreaterThan(50);

    const phases: string[] = [];
    const result = await rebuildReadModels(fixture.store, { onProgress: ({ phase }) => void (phases.at(-1) === phase || phases.push(phase)) });

    expect(result.generation).toBe(2);
    expect(phases).toEqual(['replaying', 'writing', 'catching-up', 'switched']);
    const rebuilt = await generationRows(fixture, 2);
    for (const table of READ_MODEL_TABLES) expect({ table, rows: rebuilt[table] }).toEqual({ table, rows: live[table] });
    expect(await fixture.query(`SELECT alert_id FROM alert_outbox ORDER BY sequence`)).toEqual(alertsBefore);
    expect(await fixture.query(`SELECT active_generation, building_generation FROM read_model_generations`)).toEqual([{ active_generation: 2, building_generation: null }]);
  }, 300_000);

  it('after the switch, reads come from the new generation and new events land in it', async () => {
    await fixture.record({ reportId: 'after-switch', events: [{ category: 'STRIKE', source: 'BRA', target: 'ARG', occurredOn: '2024-02-01' }] });
    await fixture.project();
    expect(await new ReadModelReader(fixture.pool).dyad('ARG-BRA', { at: { date: '2024-02-02' } })).toMatchObject({ level: 3 });
  });

  it('an interrupted rebuild is dropped and redone by the next run', async () => {
    await fixture.pool.query(`UPDATE read_model_generations SET building_generation = 3`);
    await fixture.pool.query(`CREATE SCHEMA read_models_g3`);
    const result = await rebuildReadModels(fixture.store);
    expect(result.generation).toBe(3);
    const schemas = await fixture.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'read_models_g%' ORDER BY 1`);
    expect(schemas.map((schema) => schema.nspname)).toEqual(['read_models_g2', 'read_models_g3']);
    expect(await generationRows(fixture, 3)).toEqual(await generationRows(fixture, 2));
  });

  it('a replay that fails on its thread rejects with the reason and leaves the active generation serving', async () => {
    // Generation 9 was never begun: its schema does not exist, so the thread's first COPY fails.
    await expect(replayOnWorkerThread(fixture.pool, 9, { emittedAt: '2026-01-01T00:00:00.000Z', writers: 2 })).rejects.toThrow(
      'rebuild replay failed: schema "read_models_g9" does not exist',
    );
    expect(await fixture.query(`SELECT active_generation FROM read_model_generations`)).toEqual([{ active_generation: 3 }]);
  });
});
