import { aClaim, type Instant } from '@app/escalation';
import { beginGeneration } from '../pg/generations';
import { rebuildReadModels } from '../rebuild/rebuild';
import { ProjectionFixture } from '../testing/projection-fixture';
import { randomHistory, SMALL_WORLD } from '../testing/random-history';
import { ReadModelReader } from './read-model-reader';

const clock = () => '2024-02-01T00:00:00.000Z';
const at = { date: '2024-01-20' };
/** A record time after every recording: the contributions' path, counting what counts now. */
const LATER: Instant = '2999-01-01T00:00:00.000Z';

/**
 * Each case reads one way, and tampers with the rows that way reads (behind the projector's back) to see which
 * generation answered: current knowledge reads the dyad's incident rows, a record time the contribution rows.
 */
const PATHS = [
  {
    path: 'current knowledge, from the incident rows',
    knownAt: undefined,
    addGhostSource: (generation: number) =>
      `UPDATE read_models_g${generation}.dyad_incidents
       SET view = jsonb_set(view::jsonb, '{sources}', (view::jsonb->'sources') || '["ghost-report"]'::jsonb)::json
       WHERE incident_key LIKE 'STRIKE|%'`,
    dropStrike: (generation: number) => `DELETE FROM read_models_g${generation}.dyad_incidents WHERE incident_key LIKE 'STRIKE|%'`,
  },
  {
    path: 'a record time, from the contribution rows',
    knownAt: LATER,
    addGhostSource: (generation: number) =>
      `INSERT INTO read_models_g${generation}.contributions
       SELECT 'ghost', incident_key, 'ghost-report', event_id, coder_version, category, dyads, actors, mediation, occurred_on, recorded_at, withdrawn_at, event
       FROM read_models_g${generation}.contributions WHERE report_id = 'g-1'`,
    dropStrike: (generation: number) => `DELETE FROM read_models_g${generation}.contributions WHERE report_id = 'g-1'`,
  },
];

describe.each(PATHS)('ReadModelReader across generations: $path', ({ path, knownAt, addGhostSource, dropStrike }) => {
  let fixture: ProjectionFixture;
  const clocks = { at, knownAt };

  beforeAll(async () => {
    fixture = await ProjectionFixture.create(knownAt ? 'ww_reader_generations_known_at' : 'ww_reader_generations');
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
    const detail = await new ReadModelReader(fixture.pool).dyad('IRN-PAK', clocks);
    expect(detail).toMatchObject({ level: 3, fatalities: 2, mediationOffers: ['CHN:IRN-PAK'] });
    expect(detail!.incidents.map((incident) => [incident.category, incident.source])).toEqual([['STRIKE', 'IRN'], ['MEDIATION_OFFER', 'CHN']]);
    expect(await new ReadModelReader(fixture.pool).dyad('IND-PAK', clocks)).toBeNull();
    // Before the offer was made: no offer between them yet.
    expect(await new ReadModelReader(fixture.pool).dyad('IRN-PAK', { at: { date: '2024-01-17' }, knownAt })).toMatchObject({ level: 3, mediationOffers: [] });
  });

  it(`follows a switch at once, and a remembered generation that has been dropped since (${path})`, async () => {
    const switched = new ReadModelReader(fixture.pool);
    const dropped = new ReadModelReader(fixture.pool);
    expect(await switched.dyad('IRN-PAK', clocks)).toMatchObject({ fatalities: 2 });
    expect(await dropped.dyad('IRN-PAK', clocks)).toMatchObject({ fatalities: 2 });

    // Generation 1 gains a source behind the projector's back; the rebuild's generation 2 has only the real ones.
    await fixture.query(addGhostSource(1));
    const sourcesOfStrike = async (reader: ReadModelReader) => (await reader.dyad('IRN-PAK', clocks))!.incidents.find((incident) => incident.category === 'STRIKE')!.sources;
    expect(await sourcesOfStrike(switched)).toEqual(['g-1', 'ghost-report']);
    await rebuildReadModels(fixture.store, { clock });
    expect(await sourcesOfStrike(switched)).toEqual(['g-1']);
    expect(await switched.dyad('IRN-PAK', clocks)).toMatchObject({ fatalities: 2, mediationOffers: ['CHN:IRN-PAK'] });
    // Beside rows of the remembered generation, the same statement saw the pointer move: no extra question asked.
    await fixture.query(dropStrike(2));
    expect((await switched.dyad('IRN-PAK', clocks))!.incidents.map((incident) => incident.category)).toEqual(['MEDIATION_OFFER']);

    // Beginning the next rebuild drops generation 1, which `dropped` still remembers.
    await beginGeneration(fixture.pool);
    const afterDrop = await dropped.dyad('IRN-PAK', clocks);
    expect(afterDrop!.incidents.map((incident) => incident.category)).toEqual(['MEDIATION_OFFER']);
    expect(afterDrop!.mediationOffers).toEqual(['CHN:IRN-PAK']);
  });
});

describe('ReadModelReader: current knowledge from the incident rows', () => {
  let fixture: ProjectionFixture;

  beforeAll(async () => {
    fixture = await ProjectionFixture.create('ww_reader_incident_rows');
    await fixture.record(...randomHistory(23, 1500));
    await fixture.project();
  });
  afterAll(() => fixture.close());

  it('answers every dyad at every valid time as merging its contributions again does', async () => {
    const reader = new ReadModelReader(fixture.pool);
    const dyads = (await fixture.query<{ dyad: string }>(`SELECT dyad FROM read_models_g1.dyads ORDER BY dyad`)).map((row) => row.dyad);
    expect(dyads.length).toBeGreaterThan(50);
    const dates = [-1, 10, 30, 45, 60, 89, 120].map((day) => new Date(SMALL_WORLD.firstDay + day * 86_400_000).toISOString().slice(0, 10));
    let incidents = 0;
    let offers = 0;
    for (const dyad of dyads) {
      for (const date of dates) {
        const current = await reader.dyad(dyad, { at: { date } });
        expect({ dyad, date, detail: current }).toEqual({ dyad, date, detail: await reader.dyad(dyad, { at: { date }, knownAt: LATER }) });
        incidents += current!.incidents.length;
        offers += current!.mediationOffers.length;
      }
    }
    // The comparison covered incidents with several sources, and offers.
    expect(incidents).toBeGreaterThan(5000);
    expect(offers).toBeGreaterThan(20);
  }, 120_000);
});
