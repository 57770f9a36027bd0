import { aClaim } from '@app/escalation';
import { eventually } from '@app/testing';
import { ProjectionFixture } from '../testing/projection-fixture';
import { randomHistory, SMALL_WORLD } from '../testing/random-history';
import { CurrentReadModels } from './current-read-models';
import { ReadModelReader } from './read-model-reader';

const strike = (source: string, target: string, occurredOn: string, dead: number) => ({
  category: 'STRIKE' as const, source, target, occurredOn, fatalities: [aClaim(dead, target)],
});

describe('CurrentReadModels over a real database', () => {
  let fixture: ProjectionFixture;
  let current: CurrentReadModels;
  const now = '2024-01-20T12:00:00Z';
  const summaryOf = (dyad: string) => current.dyads({}, now).find((summary) => summary.dyad === dyad);

  beforeAll(async () => {
    fixture = await ProjectionFixture.create('ww_current_read_models');
    await fixture.record(
      { reportId: 'c-1', events: [strike('IRN', 'PAK', '2024-01-16', 2)] },
      { reportId: 'c-2', events: [strike('IND', 'PAK', '2024-01-17', 30)] },
      { reportId: 'c-3', events: [strike('ARM', 'AZE', '2024-01-18', 5)] },
    );
    await fixture.project();
    current = new CurrentReadModels(fixture.pool, 150);
    await current.start();
  });
  afterAll(async () => {
    await current.stop();
    await fixture.close();
  });

  it('finds rows changed without a notification by their digests, and re-reads only those', async () => {
    expect(summaryOf('IRN-PAK')).toMatchObject({ fatalities: 2 });
    const untouched = summaryOf('ARM-AZE');
    expect(untouched).toMatchObject({ fatalities: 5 });

    // Written as the projector writes (a dyad's incidents with its row, in one transaction) but without its NOTIFY,
    // so only the periodic resync can see these.
    await fixture.query(`BEGIN;
      UPDATE read_models_g1.dyad_incidents SET incident = (SELECT incident FROM read_models_g1.dyad_incidents WHERE dyad = 'IND-PAK') WHERE dyad = 'IRN-PAK';
      UPDATE read_models_g1.dyads SET changed_at = now() WHERE dyad = 'IRN-PAK';
      COMMIT`);
    await fixture.query(`DELETE FROM read_models_g1.dyad_incidents WHERE dyad = 'IND-PAK'`);
    await fixture.query(`DELETE FROM read_models_g1.dyads WHERE dyad = 'IND-PAK'`);

    await eventually(() => {
      expect(summaryOf('IRN-PAK')).toMatchObject({ fatalities: 30 });
      expect(summaryOf('IND-PAK')).toBeUndefined();
    });
    // The unchanged dyad's reading was kept, not recomputed: the resync did not reload everything.
    expect(summaryOf('ARM-AZE')).toBe(untouched);
    expect(JSON.parse(current.dyadsJson({}, now).json).items.map((item: { dyad: string }) => item.dyad).sort()).toEqual(['ARM-AZE', 'IRN-PAK']);
  });

  it("rewrites a dyad's row (its digest) whenever the projector changes only one of its incidents", async () => {
    const digestOf = async () => (await fixture.query<{ digest: string; incident: unknown }>(
      `SELECT d.xmin::text AS digest, i.incident FROM read_models_g1.dyads d JOIN read_models_g1.dyad_incidents i USING (dyad) WHERE dyad = 'ARM-AZE'`,
    ))[0];
    const before = await digestOf();
    // Another report of the same strike: the incident row changes (a second source, a larger toll), the dyad's level does not.
    await fixture.record({ reportId: 'c-4', events: [strike('ARM', 'AZE', '2024-01-18', 7)] });
    await fixture.project();
    const after = await digestOf();
    expect(after.incident).not.toEqual(before.incident);
    expect(after.digest).not.toBe(before.digest);
  });
});

describe('CurrentReadModels at any valid time', () => {
  let fixture: ProjectionFixture;
  let current: CurrentReadModels;
  const dates = [-1, 10, 30, 45, 60, 89, 120].map((day) => new Date(SMALL_WORLD.firstDay + day * 86_400_000).toISOString().slice(0, 10));

  beforeAll(async () => {
    fixture = await ProjectionFixture.create('ww_current_read_models_as_of');
    await fixture.record(...randomHistory(29, 1500));
    await fixture.project();
    current = new CurrentReadModels(fixture.pool);
    await current.start();
  });
  afterAll(async () => {
    await current.stop();
    await fixture.close();
  });

  it('lists the dyads on any date as reading every contribution row does, filters included', async () => {
    const reader = new ReadModelReader(fixture.pool);
    let listed = 0;
    for (const date of dates) {
      for (const filter of [{}, { minLevel: 2 }, { actor: 'PAK' }]) {
        const fromMemory = current.dyads(filter, { date });
        expect({ date, filter, items: fromMemory }).toEqual({ date, filter, items: await reader.dyads(filter, { at: { date } }) });
        expect({ date, filter, items: JSON.parse(current.dyadsJson(filter, `${date}T18:00:00+02:00`).json).items }).toEqual({ date, filter, items: fromMemory });
        listed += fromMemory.length;
      }
    }
    expect(listed).toBeGreaterThan(500);
    expect(current.dyads({}, { date: dates[0] })).toEqual([]);
  }, 60_000);

  it("keeps each date's reading until a change, then reads the changed dyad again on every kept date", async () => {
    const [past, later] = [dates[2], dates[4]];
    const pastBefore = current.dyads({}, { date: past });
    const laterBefore = current.dyads({}, { date: later });
    expect(current.dyads({}, { date: past })).toBe(pastBefore);

    // A strike recorded now, dated on the past date, between two states the history never named.
    await fixture.record({ reportId: 'late-news', events: [strike('BRA', 'ARG', past, 500)] });
    await fixture.project();
    await eventually(() => expect(current.dyads({}, { date: past }).find((summary) => summary.dyad === 'ARG-BRA')).toMatchObject({ fatalities: 500, lastIncidentOn: past }));
    expect(current.dyads({}, { date: later }).find((summary) => summary.dyad === 'ARG-BRA')).toMatchObject({ lastIncidentOn: past });
    expect(current.dyads({}, { date: later }).filter((summary) => summary.dyad !== 'ARG-BRA')).toEqual(laterBefore);
  });
});
