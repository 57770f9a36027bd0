import { Pool } from 'pg';
import { CODER_VERSION } from '@app/coding';
import { PostgresEventStore, wireReportUpcasters } from '@app/event-store';
import { recodeReports, type RecodingCoder } from '@app/replay';
import { collectTopic, eventually, startPipeline, type CollectingConsumer, type TestPipeline } from '@app/testing';

// Re-coding as analysts meet it. The running coder does not know "the Quds Force" is Iran's; a newer coder
// whose actor dictionary gained that alias re-codes the stored report, and the dyad climbs with an alert. Then
// a re-coding requested over HTTP runs the API's own (older) coder and takes the strike back. Every coding stays.
const QUDS_FORCE = 'Quds Force';

/** The coder as built, except for one added alias in its actor dictionary. */
function coderKnowingQudsForce(): RecodingCoder {
  let coder!: RecodingCoder;
  jest.isolateModules(() => {
    const dictionary = structuredClone(jest.requireActual('../libs/coding/src/dictionaries/actors.json'));
    dictionary.aliases.IRN.MIL.push(QUDS_FORCE);
    jest.doMock('../libs/coding/src/dictionaries/actors.json', () => dictionary);
    const coding = jest.requireActual('../libs/coding/src/index.ts');
    coder = { version: `${coding.CODER_VERSION}+quds-force`, isCodable: coding.isCodable, code: coding.code };
  });
  return coder;
}

const today = new Date().toISOString().slice(0, 10);
const run = Date.now().toString(36);
const REPORT = {
  reportId: `recode-${run}`,
  source: 'WIREWATCH-E2E',
  publishedAt: `${today}T09:00:00Z`,
  headline: 'Missiles hit militant camps in Pakistan',
  body: `The ${QUDS_FORCE} fired missiles at militant camps in Pakistan's Balochistan province today, killing three people, Pakistan's Foreign Office said.`,
  language: 'en',
};

describe('re-coding end to end: a changed dictionary moves a dyad and fires an alert; earlier codings stay', () => {
  let pipeline: TestPipeline;
  let alerts: CollectingConsumer;
  let apiUrl: string;
  let pool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    pipeline = await startPipeline('recode', ['ingest', 'projector', 'api']);
    apiUrl = pipeline.apiUrl;
    alerts = await collectTopic(pipeline.topics.escalationAlerts);
    pool = new Pool({ connectionString: pipeline.database.url, max: 4 });
    store = new PostgresEventStore(pool, { upcasters: wireReportUpcasters });
  });

  afterAll(async () => {
    await alerts?.stop();
    await store?.close();
    await pool?.end();
    await pipeline?.stop();
  });

  const get = async (path: string): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${apiUrl}${path}`);
    return { status: response.status, body: await response.json() };
  };
  const until = <T>(probe: () => Promise<T>) => eventually(probe, 60_000, 200);
  const dyadLevel = async () => {
    const { status, body } = await get('/api/v1/dyads/IRN-PAK');
    return status === 404 ? null : body.level;
  };
  const alertsFor = (dyad: string) => alerts.messages.map((message) => JSON.parse(message.value!.toString())).filter((alert) => alert.dyad === dyad);

  it('the running coder stores the report without an incident: it does not know who fired', async () => {
    await pipeline.producer.send({ topic: pipeline.topics.wireReports, acks: -1, messages: [{ key: REPORT.reportId, value: JSON.stringify(REPORT) }] });
    const report = await until(async () => {
      const { status, body } = await get(`/api/v1/reports/${REPORT.reportId}`);
      if (status !== 200 || body.codings?.length !== 1) throw new Error(`report: HTTP ${status}`);
      return body;
    });
    expect(report.codings[0]).toMatchObject({ coderVersion: CODER_VERSION });
    expect(report.codings[0].events.filter((event: any) => event.category === 'STRIKE')).toEqual([]);
    expect(await dyadLevel()).toBeNull();
  });

  it('re-coding with the newer dictionary raises IRN-PAK to use of force and alerts once', async () => {
    const newer = coderKnowingQudsForce();
    expect(newer.code(REPORT)).toEqual([expect.objectContaining({ category: 'STRIKE', source: expect.objectContaining({ actor: 'IRN' }), target: expect.objectContaining({ actor: 'PAK' }) })]);

    const tally = await until(async () => {
      const result = await recodeReports(store, newer);
      if (result.recoded + result.unchanged < 1) throw new Error('the report is not visible to the re-coder yet');
      return result;
    });
    expect(tally).toMatchObject({ recoded: 1, failed: 0 });

    await until(async () => expect(await dyadLevel()).toBe(3));
    const raised = await until(async () => {
      const found = alertsFor('IRN-PAK');
      if (found.length === 0) throw new Error('no alert yet');
      return found;
    });
    expect(raised).toEqual([expect.objectContaining({ fromLevel: 0, toLevel: 3, trigger: expect.objectContaining({ reportId: REPORT.reportId, category: 'STRIKE' }) })]);

    const { body } = await get(`/api/v1/reports/${REPORT.reportId}`);
    expect(body.codings.map((coding: any) => coding.coderVersion)).toEqual([CODER_VERSION, newer.version]);
  });

  it('a re-coding requested over HTTP runs the API coder: progress to the end, the strike withdrawn, an alert down', async () => {
    const accepted = await fetch(`${apiUrl}/api/v1/replays`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'recode', from: `${today}T00:00:00Z` }) });
    expect(accepted.status).toBe(202);
    const { replayId } = (await accepted.json()) as { replayId: string };
    expect(accepted.headers.get('location')).toBe(`/api/v1/replays/${replayId}`);

    const done = await until(async () => {
      const { body } = await get(`/api/v1/replays/${replayId}`);
      if (body.status === 'running') throw new Error(`re-coding ${body.processed}/${body.total}`);
      return body;
    });
    expect(done).toMatchObject({ kind: 'recode', coderVersion: CODER_VERSION, status: 'succeeded', processed: 1, total: 1, recoded: 1, unchanged: 0, failed: 0, error: null });

    await until(async () => expect(await dyadLevel()).toBe(0));
    const lowered = await until(async () => {
      const found = alertsFor('IRN-PAK').filter((alert) => alert.toLevel === 0);
      if (found.length === 0) throw new Error('no alert for the withdrawal yet');
      return found;
    });
    expect(lowered[0]).toMatchObject({ fromLevel: 3, toLevel: 0 });

    const { body } = await get(`/api/v1/reports/${REPORT.reportId}`);
    expect(body.codings.map((coding: any) => coding.coderVersion)).toEqual([CODER_VERSION, `${CODER_VERSION}+quds-force`, CODER_VERSION]);
  });

  it('a second request over HTTP finds nothing to change, and a bad one is refused with its reason', async () => {
    const again = await fetch(`${apiUrl}/api/v1/replays`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'recode' }) });
    const { replayId } = (await again.json()) as { replayId: string };
    const done = await until(async () => {
      const { body } = await get(`/api/v1/replays/${replayId}`);
      if (body.status === 'running') throw new Error('still running');
      return body;
    });
    expect(done).toMatchObject({ status: 'succeeded', processed: 1, recoded: 0, unchanged: 1 });

    const bad = await fetch(`${apiUrl}/api/v1/replays`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'recode', until: 'soon' }) });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('until');
  });
});
