import {
  connectedProducer,
  createTestDatabase,
  createTestTopics,
  eventually,
  freePort,
  startApp,
  waitForHttp,
  type AppProcess,
  type TestDatabase,
  type TestTopics,
} from '@app/testing';
import type { Producer } from 'kafkajs';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { Client } from 'pg';

// A crisis told in six wire reports, dated in the last days so that "now" sees it: strikes both ways, a
// threat, an offer with a condition, an acceptance, a ceasefire. In through Kafka, out through the API.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`).getTime();
const day = (n: number) => new Date(today + (n - 8) * 86_400_000);
const iso = (n: number) => day(n).toISOString().slice(0, 10);
const spoken = (n: number) => `${MONTHS[day(n).getUTCMonth()]} ${day(n).getUTCDate()}`;
const run = Date.now().toString(36);

const STORY = [
  ['Iran strikes militant bases in Pakistan', `Iran launched missile strikes on militant bases inside Pakistan on ${spoken(0)}, killing two children, Pakistan's Foreign Office said.`],
  ['Pakistan warns Iran', `Pakistan warned Iran of serious consequences on ${spoken(1)}.`],
  ['Pakistan strikes back in Iran', `Pakistan carried out air strikes on targets in Iran on ${spoken(2)}. Iran said at least seven people were killed.`],
  ['China offers to mediate', `China's Foreign Ministry spokeswoman Mao Ning said on ${spoken(3)} that China is willing to mediate between Iran and Pakistan if both sides so wish.`],
  ['Pakistan accepts Chinese mediation', `Pakistan accepted China's offer to mediate with Iran on ${spoken(4)}.`],
  ['Iran and Pakistan agree to a ceasefire', `Iran and Pakistan agreed to a ceasefire on ${spoken(5)}.`],
].map(([headline, body], index) => ({ reportId: `story-${run}-${index}`, source: 'WIREWATCH-E2E', publishedAt: `${iso(index)}T15:00:00Z`, headline, body, language: 'en' }));

describe('read models end to end: a crisis story from Kafka to the dyad and offer routes', () => {
  let database: TestDatabase;
  let topics: TestTopics;
  let producer: Producer;
  let apps: AppProcess[] = [];
  let apiUrl: string;

  beforeAll(async () => {
    [database, topics, producer] = await Promise.all([createTestDatabase('ww_e2e_read_models'), createTestTopics('e2e-read-models'), connectedProducer()]);
    const [apiPort, ingestPort] = await Promise.all([freePort(), freePort()]);
    const env = { ...topics.env, DATABASE_URL: database.url, PORT: String(apiPort), INGEST_METRICS_PORT: String(ingestPort) };
    const ingest = startApp('ingest', env);
    const projector = startApp('projector', env);
    const api = startApp('api', env);
    apps = [ingest, projector, api];
    apiUrl = `http://127.0.0.1:${apiPort}`;
    await Promise.all([waitForHttp(`${apiUrl}/health`, 90_000, api), waitForHttp(`http://127.0.0.1:${ingestPort}/health`, 90_000, ingest)]);
  });

  afterAll(async () => {
    await Promise.allSettled([...apps.map((app) => app.stop()), producer?.disconnect()]);
    await database?.drop();
  });

  const get = async (path: string): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${apiUrl}${path}`);
    return { status: response.status, body: await response.json() };
  };
  const publish = (index: number) =>
    producer.send({ topic: topics.wireReports, acks: -1, messages: [{ key: STORY[index].reportId, value: JSON.stringify(STORY[index]) }] });
  /** Waits until the route answers 200 and the check passes. */
  const until = (path: string, check: (body: any) => void) =>
    eventually(async () => {
      const { status, body } = await get(path);
      if (status !== 200) throw new Error(`${path}: HTTP ${status} ${JSON.stringify(body)}`);
      check(body);
      return body;
    }, 60_000, 200);

  it('a strike: IRN-PAK at USE_OF_FORCE with the children killed', async () => {
    await publish(0);
    const dyad = await until('/api/v1/dyads/IRN-PAK', (body) => expect(body.level).toBe(3));
    expect(dyad).toMatchObject({ levelName: 'USE_OF_FORCE', fatalities: 2, since: iso(0), levelHistory: [{ at: iso(0), level: 3 }] });
    expect(dyad.incidents).toEqual([expect.objectContaining({ category: 'STRIKE', source: 'IRN', target: 'PAK', sources: [STORY[0].reportId], corroboration: 1 })]);
  });

  it('a threat back does not raise the level above the strike', async () => {
    await publish(1);
    const dyad = await until('/api/v1/dyads/IRN-PAK', (body) => expect(body.incidents).toHaveLength(2));
    expect(dyad).toMatchObject({ level: 3, incidents: [expect.anything(), expect.objectContaining({ category: 'THREAT', source: 'PAK' })] });
  });

  it('a strike each way: EXCHANGE_OF_FIRE, listed first among the dyads', async () => {
    await publish(2);
    const dyad = await until('/api/v1/dyads/IRN-PAK', (body) => expect(body.level).toBe(4));
    expect(dyad).toMatchObject({ levelName: 'EXCHANGE_OF_FIRE', fatalities: 9, since: iso(2) });
    const { body: list } = await get('/api/v1/dyads?minLevel=4&actor=PAK');
    expect(list.items).toEqual([expect.objectContaining({ dyad: 'IRN-PAK', level: 4, incidents: 3 })]);
    expect((await get(`/api/v1/dyads/IRN-PAK?asOf=${iso(1)}`)).body).toMatchObject({ level: 3 });
  });

  it('an offer with a condition: OFFERED, with its speaker, and linked from the dyad', async () => {
    await publish(3);
    const offer = await until('/api/v1/mediation-offers/CHN:IRN-PAK', (body) => expect(body.status).toBe('OFFERED'));
    expect(offer).toMatchObject({ mediator: 'CHN', parties: ['IRN', 'PAK'], conditions: ['if both sides so wish'], firstReportedOn: iso(3) });
    expect(offer.statements[0]).toMatchObject({ reportId: STORY[3].reportId });
    expect((await get('/api/v1/dyads/IRN-PAK')).body.mediationOffers).toEqual(['CHN:IRN-PAK']);
    expect((await get('/api/v1/dyads')).body.items.map((item: any) => item.dyad)).not.toContain('CHN-IRN');
  });

  it('one party accepts: PARTIALLY_ACCEPTED, and the offer list filters by party and status', async () => {
    await publish(4);
    await until('/api/v1/mediation-offers/CHN:IRN-PAK', (body) => expect(body.status).toBe('PARTIALLY_ACCEPTED'));
    await until('/api/v1/mediation-offers?party=PAK&status=PARTIALLY_ACCEPTED', (body) => expect(body.items.map((item: any) => item.offerId)).toEqual(['CHN:IRN-PAK']));
    expect((await get(`/api/v1/mediation-offers/CHN:IRN-PAK?asOf=${iso(3)}`)).body).toMatchObject({ status: 'OFFERED' });
    expect((await get(`/api/v1/mediation-offers/CHN:IRN-PAK?asOf=${iso(2)}`)).status).toBe(404);
  });

  it('a ceasefire caps the level at COERCIVE_THREATS; the history tells the whole story', async () => {
    await publish(5);
    const dyad = await until('/api/v1/dyads/IRN-PAK', (body) => expect(body.level).toBe(2));
    expect(dyad.levelHistory).toEqual([
      { at: iso(0), level: 3, levelName: 'USE_OF_FORCE' },
      { at: iso(2), level: 4, levelName: 'EXCHANGE_OF_FIRE' },
      { at: iso(5), level: 2, levelName: 'COERCIVE_THREATS' },
    ]);
    const recordedBeforeCeasefire = dyad.incidents.find((incident: any) => incident.category === 'STRIKE' && incident.source === 'PAK').firstRecordedAt;
    expect((await get(`/api/v1/dyads/IRN-PAK?knownAt=${encodeURIComponent(recordedBeforeCeasefire)}`)).body).toMatchObject({ level: 4 });
  });

  it('wrote each level change and offer status change to the alert outbox, in order', async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT kind, key, payload FROM alert_outbox ORDER BY sequence`);
      expect(rows.filter((row) => row.kind === 'escalation').map((row) => [row.key, row.payload.fromLevel, row.payload.toLevel])).toEqual([
        ['IRN-PAK', 0, 3],
        ['IRN-PAK', 3, 4],
        ['IRN-PAK', 4, 2],
      ]);
      expect(rows.filter((row) => row.kind === 'mediation').map((row) => [row.key, row.payload.previousStatus, row.payload.status])).toEqual([
        ['CHN:IRN-PAK', null, 'OFFERED'],
        ['CHN:IRN-PAK', 'OFFERED', 'PARTIALLY_ACCEPTED'],
      ]);
    } finally {
      await client.end();
    }
  });

  it('rejects bad parameters naming the field, and answers 404 for a dyad or offer never seen', async () => {
    const bad = await fetch(`${apiUrl}/api/v1/dyads?minLevel=6&actor=XYZ&asOf=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await bad.json()) as { 'invalid-params': { name: string }[] };
    expect(problem['invalid-params'].map((field) => field.name)).toEqual(['minLevel', 'actor', 'asOf']);
    expect((await get('/api/v1/dyads/PAK-IRN')).status).toBe(400);
    expect((await get('/api/v1/dyads/IRN-PAK?knownAt=not-a-time')).status).toBe(400);
    expect((await get('/api/v1/dyads/FRA-NZL')).status).toBe(404);
    expect((await get('/api/v1/mediation-offers/CHN:IRN')).status).toBe(400);
    expect((await get('/api/v1/mediation-offers/QAT:FRA-NZL')).status).toBe(404);
  });

  it('documents the routes with response schemas', async () => {
    const { body: document } = await get('/docs-json');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/dyads', '/api/v1/dyads/{dyad}', '/api/v1/mediation-offers', '/api/v1/mediation-offers/{offerId}']));
    expect(document.components.schemas).toHaveProperty('DyadDetailDto');
    expect(document.components.schemas).toHaveProperty('OfferDto');
  });

  it('sends the cached lists gzipped to a client that takes gzip, the same JSON as to one that does not', async () => {
    for (const path of ['/api/v1/dyads', '/api/v1/mediation-offers']) {
      const plain = await rawGet(`${apiUrl}${path}`, {});
      const zipped = await rawGet(`${apiUrl}${path}`, { 'accept-encoding': 'gzip, deflate, br' });
      expect({ path, encoding: plain.headers['content-encoding'] }).toEqual({ path, encoding: undefined });
      expect({ path, encoding: zipped.headers['content-encoding'], vary: zipped.headers.vary }).toEqual({ path, encoding: 'gzip', vary: 'Accept-Encoding' });
      expect(gunzipSync(zipped.body).toString()).toBe(plain.body.toString());
      expect(JSON.parse(plain.body.toString()).items.length).toBeGreaterThan(0);
    }
    const filtered = await rawGet(`${apiUrl}/api/v1/dyads?minLevel=1`, { 'accept-encoding': 'gzip' });
    expect(filtered.headers['content-encoding']).toBeUndefined();
  });

  it('validates the cached lists: an ETag per encoding, and 304 without a body for a client that has it', async () => {
    for (const path of ['/api/v1/dyads', '/api/v1/mediation-offers']) {
      for (const headers of [{}, { 'accept-encoding': 'gzip' }] as Record<string, string>[]) {
        const first = await rawGet(`${apiUrl}${path}`, headers);
        const again = await rawGet(`${apiUrl}${path}`, headers);
        expect({ path, headers, etag: again.headers.etag }).toEqual({ path, headers, etag: first.headers.etag });
        const revalidated = await rawGet(`${apiUrl}${path}`, { ...headers, 'if-none-match': first.headers.etag! });
        expect({ path, headers, status: revalidated.status, bytes: revalidated.body.length }).toEqual({ path, headers, status: 304, bytes: 0 });
        const stale = await rawGet(`${apiUrl}${path}`, { ...headers, 'if-none-match': 'W/"0-stale"' });
        expect({ path, headers, status: stale.status }).toEqual({ path, headers, status: 200 });
      }
      const [plain, zipped] = await Promise.all([rawGet(`${apiUrl}${path}`, {}), rawGet(`${apiUrl}${path}`, { 'accept-encoding': 'gzip' })]);
      expect(plain.headers.etag).toMatch(/^W\/"/);
      expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    }
  });
});

function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
