import { aClaim } from '@app/escalation';
import { beginGeneration } from '../pg/generations';
import { rebuildReadModels } from '../rebuild/rebuild';
import { ProjectionFixture } from '../testing/projection-fixture';
import { ReadModelReader } from './read-model-reader';

const clock = () => '2024-02-01T00:00:00.000Z';
const at = { at: { date: '2024-01-20' } };

describe('ReadModelReader across generations', () => {
  let fixture: ProjectionFixture;

  beforeAll(async () => {
    fixture = await ProjectionFixture.create('ww_reader_generations');
    await fixture.record(
      { reportId: 'g-1', events: [{ category: 'STRIKE', source: 'IRN', target: 'PAK', occurredOn: '2024-01-16', fatalities: [aClaim(2, 'PAK')] }] },
      { reportId: 'g-2', events: [{ category: 'MEDIATION_OFFER', source: 'CHN', parties: ['IRN', 'PAK'], occurredOn: '2024-01-18' }] },
      // Names both states but is neither an incident of IRN-PAK nor an offer between them.
      { reportId: 'g-3', events: [{ category: 'MEDIATION_OFFER', source: 'IRN', parties: ['AFG', 'PAK'], occurredOn: '2024-01-18' }] },
    );
    await fixture.project(clock);
  });
  afterAll(() => fixture.close());

  it('answers a dyad with its own incidents and only the offers between its states', async () => {
    const detail = await new ReadModelReader(fixture.pool).dyad('IRN-PAK', at);
    expect(detail).toMatchObject({ level: 3, fatalities: 2, mediationOffers: ['CHN:IRN-PAK'] });
    expect(detail!.incidents.map((incident) => [incident.category, incident.source])).toEqual([['STRIKE', 'IRN'], ['MEDIATION_OFFER', 'CHN']]);
    expect(await new ReadModelReader(fixture.pool).dyad('IND-PAK', at)).toBeNull();
  });

  it('follows a switch at once, and a remembered generation that has been dropped since', async () => {
    const switched = new ReadModelReader(fixture.pool);
    const dropped = new ReadModelReader(fixture.pool);
    expect(await switched.dyad('IRN-PAK', at)).toMatchObject({ fatalities: 2 });
    expect(await dropped.dyad('IRN-PAK', at)).toMatchObject({ fatalities: 2 });

    // Generation 1 gains a report behind the projector's back; the rebuild's generation 2 has only the real ones.
    await fixture.query(`INSERT INTO read_models_g1.contributions
      SELECT 'ghost', incident_key, 'ghost-report', event_id, coder_version, category, dyads, actors, mediation, occurred_on, recorded_at, withdrawn_at, event
      FROM read_models_g1.contributions WHERE report_id = 'g-1'`);
    const sourcesOfStrike = async (reader: ReadModelReader) => (await reader.dyad('IRN-PAK', at))!.incidents.find((incident) => incident.category === 'STRIKE')!.sources;
    expect(await sourcesOfStrike(switched)).toEqual(['g-1', 'ghost-report']);
    await rebuildReadModels(fixture.store, { clock });
    expect(await sourcesOfStrike(switched)).toEqual(['g-1']);
    expect(await switched.dyad('IRN-PAK', at)).toMatchObject({ fatalities: 2, mediationOffers: ['CHN:IRN-PAK'] });
    // Beside rows of the remembered generation, the same statement saw the pointer move: no extra question asked.
    await fixture.query(`DELETE FROM read_models_g2.contributions WHERE report_id = 'g-1'`);
    expect((await switched.dyad('IRN-PAK', at))!.incidents.map((incident) => incident.category)).toEqual(['MEDIATION_OFFER']);

    // Beginning the next rebuild drops generation 1, which `dropped` still remembers.
    await beginGeneration(fixture.pool);
    const afterDrop = await dropped.dyad('IRN-PAK', at);
    expect(afterDrop!.incidents.map((incident) => incident.category)).toEqual(['MEDIATION_OFFER']);
    expect(afterDrop!.mediationOffers).toEqual(['CHN:IRN-PAK']);
  });
});
