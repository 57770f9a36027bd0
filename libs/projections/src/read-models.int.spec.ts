import { aClaim } from '@app/escalation';
import { READ_MODEL_EVENT_TYPES, readModelBatchHandler } from './pg/read-model-projection';
import { ReadModelReader } from './queries/read-model-reader';
import { ProjectionFixture } from './testing/projection-fixture';

const strike = (source: string, target: string, occurredOn: string, dead = 0) => ({
  category: 'STRIKE' as const, source, target, occurredOn, fatalities: dead ? [aClaim(dead, target)] : [],
});

async function tableSnapshot(fixture: ProjectionFixture) {
  const [contributions, dyads, offers, reports, alerts] = await Promise.all([
    fixture.query(`SELECT contribution_id, withdrawn_at, event::text FROM read_models_g1.contributions ORDER BY 1`),
    fixture.query(`SELECT d.dyad, alert_level, evaluated_on::text, (SELECT json_agg(incident::text ORDER BY incident_key) FROM read_models_g1.dyad_incidents i WHERE i.dyad = d.dyad) AS incidents FROM read_models_g1.dyads d ORDER BY 1`),
    fixture.query(`SELECT offer_id, status, offer::text FROM read_models_g1.offers ORDER BY 1`),
    fixture.query(`SELECT report_id, state::text FROM read_models_g1.reports ORDER BY 1`),
    fixture.query(`SELECT alert_id, payload FROM alert_outbox ORDER BY sequence`),
  ]);
  return { contributions, dyads, offers, reports, alerts };
}

describe('read-model projection over a real event store', () => {
  let fixture: ProjectionFixture;
  let reader: ReadModelReader;

  beforeAll(async () => {
    fixture = await ProjectionFixture.create();
    reader = new ReadModelReader(fixture.pool);
  });
  afterAll(() => fixture.close());

  it('projects strikes both ways into a dyad at EXCHANGE_OF_FIRE, with an alert per level change in the outbox', async () => {
    await fixture.record(
      { reportId: 'a-1', recordedAt: '2024-01-17T08:00:00Z', events: [strike('IRN', 'PAK', '2024-01-16', 2)] },
      { reportId: 'a-2', recordedAt: '2024-01-18T08:00:00Z', events: [{ category: 'THREAT', source: 'PAK', target: 'IRN', occurredOn: '2024-01-17' }, strike('PAK', 'IRN', '2024-01-18', 7)] },
    );
    await fixture.project();

    const detail = await reader.dyad('IRN-PAK', { at: { date: '2024-01-20' } });
    expect(detail).toMatchObject({ level: 4, levelName: 'EXCHANGE_OF_FIRE', fatalities: 9, since: '2024-01-18' });
    expect(detail!.levelHistory).toEqual([
      { at: '2024-01-16', level: 3, levelName: 'USE_OF_FORCE' },
      { at: '2024-01-18', level: 4, levelName: 'EXCHANGE_OF_FIRE' },
    ]);
    const alerts = await fixture.query<{ kind: string; key: string; payload: any }>(`SELECT kind, key, payload FROM alert_outbox ORDER BY sequence`);
    expect(alerts.map((alert) => [alert.kind, alert.key, alert.payload.fromLevel, alert.payload.toLevel])).toEqual([
      ['escalation', 'IRN-PAK', 0, 3],
      ['escalation', 'IRN-PAK', 3, 4],
    ]);
    expect(alerts[1].payload.trigger).toEqual({ eventId: 'a-2#coder-1#1', reportId: 'a-2', category: 'STRIKE' });
  });

  it('changes nothing when the same events are applied again', async () => {
    const before = await tableSnapshot(fixture);
    const { events } = await fixture.store.readAll(undefined, 1000, { types: [...READ_MODEL_EVENT_TYPES] });
    const client = await fixture.pool.connect();
    try {
      await client.query('BEGIN');
      await readModelBatchHandler(1, () => '2030-01-01T00:00:00.000Z')(events, client);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await tableSnapshot(fixture)).toEqual(before);
  });

  it('withdraws a superseded report: counts, levels and history change from the correction on', async () => {
    await fixture.record(
      { reportId: 'b-1', recordedAt: '2024-02-02T08:00:00Z', events: [strike('IND', 'PAK', '2024-02-01', 20)] },
      { reportId: 'b-2', recordedAt: '2024-02-03T08:00:00Z', supersedes: 'b-1', events: [{ category: 'ACCUSATION', source: 'PAK', target: 'IND', occurredOn: '2024-02-01' }] },
    );
    await fixture.project();
    expect(await reader.dyad('IND-PAK', { at: { date: '2024-02-05' } })).toMatchObject({ level: 1, fatalities: 0 });
    expect(await reader.dyad('IND-PAK', { at: { date: '2024-02-05' }, knownAt: '2024-02-02T12:00:00Z' })).toMatchObject({ level: 3, fatalities: 20 });
    const rows = await fixture.query<{ report_id: string; withdrawn_at: Date | null }>(`SELECT report_id, withdrawn_at FROM read_models_g1.contributions WHERE report_id LIKE 'b-%' ORDER BY 1`);
    expect(rows).toEqual([
      { report_id: 'b-1', withdrawn_at: new Date('2024-02-03T08:00:00Z') },
      { report_id: 'b-2', withdrawn_at: null },
    ]);
    const alerts = await fixture.query<{ payload: any }>(`SELECT payload FROM alert_outbox WHERE key = 'IND-PAK' ORDER BY sequence`);
    expect(alerts.map((alert) => [alert.payload.fromLevel, alert.payload.toLevel])).toEqual([[0, 3], [3, 1]]);
  });

  it('counts only the newest coding of a re-coded report', async () => {
    await fixture.record(
      { reportId: 'c-1', recordedAt: '2024-03-02T08:00:00Z', events: [strike('RUS', 'UKR', '2024-03-01', 3)] },
      { reportId: 'c-1', recordedAt: '2024-03-05T08:00:00Z', coderVersion: 'coder-2', events: [strike('RUS', 'UKR', '2024-03-01', 150)] },
    );
    await fixture.project();
    const now = await reader.dyad('RUS-UKR', { at: { date: '2024-03-06' } });
    expect(now).toMatchObject({ level: 5, fatalities: 150 });
    expect(now!.incidents).toHaveLength(1);
    expect(now!.incidents[0]).toMatchObject({ sources: ['c-1'], corroboration: 1 });
    expect(await reader.dyad('RUS-UKR', { at: { date: '2024-03-06' }, knownAt: '2024-03-04T00:00:00Z' })).toMatchObject({ level: 3, fatalities: 3 });
  });

  it('two clocks: a report recorded late changes asOf answers for past T, not knownAt answers from before it was recorded', async () => {
    await fixture.record(
      { reportId: 'd-1', recordedAt: '2024-04-02T08:00:00Z', events: [{ category: 'CONDEMNATION', source: 'ARM', target: 'AZE', occurredOn: '2024-04-01' }] },
      { reportId: 'd-2', recordedAt: '2024-04-20T08:00:00Z', events: [strike('AZE', 'ARM', '2024-04-03')] },
    );
    await fixture.project();
    expect(await reader.dyad('ARM-AZE', { at: { date: '2024-04-05' } })).toMatchObject({ level: 3 });
    expect(await reader.dyad('ARM-AZE', { at: { date: '2024-04-05' }, knownAt: '2024-04-05T00:00:00Z' })).toMatchObject({ level: 1 });
    const list = await reader.dyads({ actor: 'ARM' }, { at: '2024-04-05T12:00:00+04:00', knownAt: '2024-04-19T00:00:00Z' });
    expect(list.map((item) => [item.dyad, item.level])).toEqual([['ARM-AZE', 1]]);
  });

  it('keeps mediation offers with conditions and answers, alerting on the new offer and each status change', async () => {
    await fixture.record(
      {
        reportId: 'e-1',
        recordedAt: '2024-05-02T08:00:00Z',
        events: [{ category: 'MEDIATION_OFFER', source: 'QAT', parties: ['ETH', 'ERI'], occurredOn: '2024-05-01', conditions: ['if both sides so wish'], speakers: [{ name: 'Majed al-Ansari', role: 'spokesperson', actor: 'QAT' }] }],
      },
      { reportId: 'e-2', recordedAt: '2024-05-04T08:00:00Z', events: [{ category: 'MEDIATION_ACCEPTED', source: 'ETH', target: 'QAT', occurredOn: '2024-05-03' }] },
      { reportId: 'e-3', recordedAt: '2024-05-06T08:00:00Z', events: [{ category: 'MEDIATION_ACCEPTED', source: 'ERI', target: 'QAT', occurredOn: '2024-05-05' }] },
    );
    await fixture.project();
    expect(await reader.offer('QAT:ERI-ETH', 'QAT', ['ERI', 'ETH'], { at: { date: '2024-05-10' } })).toMatchObject({
      status: 'ACCEPTED',
      conditions: ['if both sides so wish'],
      statements: [expect.objectContaining({ speaker: 'Majed al-Ansari', reportId: 'e-1' })],
    });
    expect(await reader.offer('QAT:ERI-ETH', 'QAT', ['ERI', 'ETH'], { at: { date: '2024-05-04' } })).toMatchObject({ status: 'PARTIALLY_ACCEPTED' });
    expect(await reader.offer('QAT:ERI-ETH', 'QAT', ['ERI', 'ETH'], { at: { date: '2024-04-30' } })).toBeNull();
    const alerts = await fixture.query<{ payload: any }>(`SELECT payload FROM alert_outbox WHERE kind = 'mediation' ORDER BY sequence`);
    expect(alerts.map((alert) => [alert.payload.previousStatus, alert.payload.status])).toEqual([[null, 'OFFERED'], ['OFFERED', 'PARTIALLY_ACCEPTED'], ['PARTIALLY_ACCEPTED', 'ACCEPTED']]);
    const detail = await reader.dyad('ERI-ETH', { at: { date: '2024-05-10' } });
    expect(detail!.mediationOffers).toEqual(['QAT:ERI-ETH']);
  });

  it('withdraws an offer whose only report is superseded, and an answer withdrawn by a correction', async () => {
    await fixture.record(
      { reportId: 'f-1', recordedAt: '2024-06-02T08:00:00Z', events: [{ category: 'MEDIATION_OFFER', source: 'TUR', parties: ['RUS', 'UKR'], occurredOn: '2024-06-01' }] },
      { reportId: 'f-2', recordedAt: '2024-06-03T08:00:00Z', events: [{ category: 'MEDIATION_REJECTED', source: 'RUS', target: 'TUR', occurredOn: '2024-06-02' }] },
    );
    await fixture.project();
    expect(await reader.offer('TUR:RUS-UKR', 'TUR', ['RUS', 'UKR'], { at: { date: '2024-06-05' } })).toMatchObject({ status: 'REJECTED' });

    await fixture.record({ reportId: 'f-3', recordedAt: '2024-06-04T08:00:00Z', supersedes: 'f-2', events: [{ category: 'MEDIATION_ACCEPTED', source: 'RUS', target: 'TUR', occurredOn: '2024-06-02' }] });
    await fixture.project();
    expect(await reader.offer('TUR:RUS-UKR', 'TUR', ['RUS', 'UKR'], { at: { date: '2024-06-05' } })).toMatchObject({ status: 'PARTIALLY_ACCEPTED' });

    await fixture.record({ reportId: 'f-4', recordedAt: '2024-06-05T08:00:00Z', supersedes: 'f-1', events: [] });
    await fixture.project();
    expect(await reader.offer('TUR:RUS-UKR', 'TUR', ['RUS', 'UKR'], { at: { date: '2024-06-06' } })).toBeNull();
    expect(await reader.offer('TUR:RUS-UKR', 'TUR', ['RUS', 'UKR'], { at: { date: '2024-06-06' }, knownAt: '2024-06-04T12:00:00Z' })).toMatchObject({ status: 'PARTIALLY_ACCEPTED' });
    expect(await fixture.query(`SELECT offer_id FROM read_models_g1.offers WHERE offer_id = 'TUR:RUS-UKR'`)).toEqual([]);
    const alerts = await fixture.query<{ payload: any }>(`SELECT payload FROM alert_outbox WHERE key = 'TUR:RUS-UKR' ORDER BY sequence`);
    expect(alerts.map((alert) => [alert.payload.previousStatus, alert.payload.status])).toEqual([[null, 'OFFERED'], ['OFFERED', 'REJECTED'], ['REJECTED', 'PARTIALLY_ACCEPTED']]);
  });

  it('answers null for a dyad never seen', async () => {
    expect(await reader.dyad('FRA-DEU'.split('-').sort().join('-'), { at: { date: '2024-05-10' } })).toBeNull();
  });
});
