import { activeGeneration } from './generations';
import { READ_MODEL_EVENT_TYPES, readModelBatchHandler } from './read-model-projection';
import { WarmWorkingSet } from './warm-working-set';
import { generationRows } from '../testing/generation-rows';
import { ProjectionFixture, type CodingSpec } from '../testing/projection-fixture';
import { randomHistory } from '../testing/random-history';
import { subscriptionOf } from '../schema/read-model-schema';

const clock = () => '2026-01-01T00:00:00.000Z';
// Recorded a minute apart at fixed times, so that projections in different databases can be compared.
const history = randomHistory(23, 1200).map((spec, index) => ({ ...spec, recordedAt: new Date(Date.UTC(2024, 3, 1) + index * 60_000).toISOString() }));

/** The rows and alerts a fixture's active generation ended with. */
async function outcome(fixture: ProjectionFixture) {
  return {
    rows: await generationRows(fixture, await activeGeneration(fixture.pool)),
    alerts: await fixture.query(`SELECT alert_id, kind, key, payload FROM alert_outbox ORDER BY sequence`),
  };
}

/** Records `parts` one after another, projecting each with its own way. */
async function projectInParts(fixture: ProjectionFixture, parts: [CodingSpec[], (fixture: ProjectionFixture) => Promise<void>][]) {
  for (const [codings, project] of parts) {
    await fixture.record(...codings);
    await project(fixture);
  }
}

describe('the live projection with a working set kept between batches', () => {
  const fixtures: ProjectionFixture[] = [];
  let cold: Awaited<ReturnType<typeof outcome>>;

  const aFixture = async () => {
    const fixture = await ProjectionFixture.create('ww_warm');
    fixtures.push(fixture);
    return fixture;
  };

  beforeAll(async () => {
    const fixture = await aFixture();
    await fixture.record(...history);
    await fixture.project(clock, 37, null);
    cold = await outcome(fixture);
    expect(cold.rows.dyads.length).toBeGreaterThan(20);
    expect(cold.rows.offers.length).toBeGreaterThan(10);
    expect(cold.alerts.length).toBeGreaterThan(50);
  }, 300_000);
  afterAll(() => Promise.all(fixtures.map((fixture) => fixture.close())));

  it.each([
    ['kept throughout', undefined],
    ['dropped whenever it holds more than 150 rows', 150],
  ])('writes the same rows and alerts as reading everything each batch, with the working set %s', async (_, rowLimit) => {
    const fixture = await aFixture();
    await fixture.record(...history);
    await fixture.project(clock, 37, new WarmWorkingSet(rowLimit));
    expect(await outcome(fixture)).toEqual(cold);
  }, 300_000);

  it('retries a batch that failed after applying its codings from the stored rows, not from what it had applied', async () => {
    const fixture = await aFixture();
    const warm = new WarmWorkingSet();
    await fixture.record(...history.slice(0, 400));
    await fixture.project(clock, 37, warm);
    await fixture.record(...history.slice(400));
    const generation = await activeGeneration(fixture.pool);
    const handler = readModelBatchHandler(generation, clock, warm);
    let failures = 0;
    const subscription = fixture.store.subscribe({
      subscriptionId: subscriptionOf(generation),
      batchSize: 37,
      listen: false,
      pollIntervalMs: 20,
      retryBaseMs: 1,
      filter: { types: [...READ_MODEL_EVENT_TYPES] },
      handler: async (events, tx, range) => {
        await handler(events, tx, range);
        if (failures < 3 && events.length === 37) {
          failures += 1;
          throw new Error('the batch fails after its codings were applied');
        }
      },
      afterCommit: (range) => warm.committed(range),
    });
    await subscription.start();
    await subscription.waitFor(await fixture.store.headCheckpoint());
    await subscription.stop();
    expect(failures).toBe(3);
    expect(await outcome(fixture)).toEqual(cold);
  }, 300_000);

  it('reads again what another projector may have written since its own last batch', async () => {
    const fixture = await aFixture();
    const warm = new WarmWorkingSet();
    await projectInParts(fixture, [
      [history.slice(0, 500), (f) => f.project(clock, 37, warm)],
      [history.slice(500, 800), (f) => f.project(clock, 37, new WarmWorkingSet())],
      [history.slice(800), (f) => f.project(clock, 37, warm)],
    ]);
    expect(await outcome(fixture)).toEqual(cold);
  }, 300_000);
});
