import { aClaim } from '@app/escalation';
import { eventually } from '@app/testing';
import { ProjectionFixture } from '../testing/projection-fixture';
import { CurrentReadModels } from './current-read-models';

const strike = (source: string, target: string, occurredOn: string, dead: number) => ({
  category: 'STRIKE' as const, source, target, occurredOn, fatalities: [aClaim(dead, target)],
});

describe('CurrentReadModels over a real database', () => {
  let fixture: ProjectionFixture;
  let current: CurrentReadModels;
  const now = new Date('2024-01-20T12:00:00Z');
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

    // Written behind the projector's back: no NOTIFY, so only the periodic resync can see these.
    await fixture.query(`UPDATE read_models_g1.dyad_incidents SET incident = (SELECT incident FROM read_models_g1.dyad_incidents WHERE dyad = 'IND-PAK') WHERE dyad = 'IRN-PAK'`);
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
});
