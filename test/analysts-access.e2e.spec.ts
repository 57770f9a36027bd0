import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore, wireReportUpcasters } from '@app/event-store';
import { reportStreamId } from '@app/contracts';
import { aWireReport, createTestDatabase, freePort, startApp, waitForHttp, type AppProcess, type TestDatabase } from '@app/testing';

// SPEC §5 access: every /api route × every role × no key / a wrong key, against the real api process.
type Role = 'viewer' | 'analyst' | 'admin';
interface RouteCase {
  name: string;
  role: Role;
  /** What the route answers a key that may use it (404 for a detail never seen; 409 for a rebuild or re-coding while one runs). */
  allowed: number[];
  send: (base: string, headers: Record<string, string>) => Promise<Response>;
}

const KEYS: Record<Role, string> = {
  viewer: `view-${randomBytes(12).toString('hex')}`,
  analyst: `analyst-${randomBytes(12).toString('hex')}`,
  admin: `admin-${randomBytes(12).toString('hex')}`,
};
const WRONG_KEY = `wrong-${randomBytes(12).toString('hex')}`;
const replayTopic = `replay.e2e-access-${Date.now().toString(36)}`;

const get = (path: string) => (base: string, headers: Record<string, string>) => fetch(`${base}${path}`, { headers });
const post = (path: string, body: unknown) => (base: string, headers: Record<string, string>) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
/** An SSE route never ends: read the status line and hang up. */
const openStream = (path: string) => async (base: string, headers: Record<string, string>) => {
  const controller = new AbortController();
  const response = await fetch(`${base}${path}`, { headers, signal: controller.signal });
  if (response.status !== 200) return response;
  controller.abort();
  return new Response(null, { status: response.status, headers: response.headers });
};

describe('access control of the API', () => {
  let database: TestDatabase;
  let keyed: AppProcess;
  let open: AppProcess;
  let keyedUrl: string;
  let openUrl: string;
  let reportId: string;
  let replayId: string;
  const routes: RouteCase[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('ww_e2e_access');
    const [keyedPort, openPort] = await Promise.all([freePort(), freePort()]);
    keyedUrl = `http://127.0.0.1:${keyedPort}`;
    openUrl = `http://127.0.0.1:${openPort}`;
    const keys = Object.entries(KEYS).map(([role, key]) => `${key}:${role}`).join(',');
    keyed = startApp('api', { DATABASE_URL: database.url, PORT: String(keyedPort), WIREWATCH_API_KEYS: keys, CORS_ORIGINS: 'https://ops.example.org', LOG_LEVEL: 'debug' });
    await waitForHttp(`${keyedUrl}/health`, 90_000, keyed);
    open = startApp('api', { DATABASE_URL: database.url, PORT: String(openPort), WIREWATCH_API_KEYS: '', LOG_LEVEL: 'log' });
    await waitForHttp(`${openUrl}/health`, 90_000, open);

    const pool = new Pool({ connectionString: database.url });
    const report = aWireReport();
    reportId = report.reportId;
    await new PostgresEventStore(pool, { upcasters: wireReportUpcasters, notify: false }).append(reportStreamId(reportId), 'no_stream', [
      { type: 'WireReportReceived', data: { report, receivedVia: null } },
      { type: 'ReportCoded', data: { reportId, coderVersion: 'test', events: [] } },
    ]);
    await pool.end();
    const started = await post('/api/v1/replays', { kind: 'topic', topic: replayTopic })(openUrl, {});
    replayId = ((await started.json()) as { replayId: string }).replayId;

    routes.push(
      { name: 'GET /api/v1/reports/{id}', role: 'viewer', allowed: [200], send: get(`/api/v1/reports/${reportId}`) },
      { name: 'GET /api/v1/dyads', role: 'viewer', allowed: [200], send: get('/api/v1/dyads') },
      { name: 'GET /api/v1/dyads/{dyad}', role: 'viewer', allowed: [404], send: get('/api/v1/dyads/IRN-PAK') },
      { name: 'GET /api/v1/mediation-offers', role: 'viewer', allowed: [200], send: get('/api/v1/mediation-offers') },
      { name: 'GET /api/v1/mediation-offers/{id}', role: 'viewer', allowed: [404], send: get('/api/v1/mediation-offers/CHN:IRN-PAK') },
      { name: 'GET /api/v1/stream', role: 'viewer', allowed: [200], send: openStream('/api/v1/stream') },
      { name: 'GET /api/v1/events', role: 'analyst', allowed: [200], send: get('/api/v1/events?limit=5') },
      { name: 'POST /api/v1/replays (topic)', role: 'analyst', allowed: [202], send: post('/api/v1/replays', { kind: 'topic', topic: replayTopic }) },
      { name: 'GET /api/v1/replays/{id}', role: 'analyst', allowed: [200], send: get(`/api/v1/replays/${replayId}`) },
      { name: 'POST /api/v1/replays (rebuild)', role: 'admin', allowed: [202, 409, 501], send: post('/api/v1/replays', { kind: 'rebuild', projection: 'read-models' }) },
      { name: 'POST /api/v1/replays (recode)', role: 'admin', allowed: [202, 409], send: post('/api/v1/replays', { kind: 'recode', from: '2999-01-01T00:00:00Z' }) },
    );
  });

  afterAll(async () => {
    await Promise.allSettled([keyed?.stop(), open?.stop()]);
    await database?.drop();
  });

  const ranks: Role[] = ['viewer', 'analyst', 'admin'];
  const mayUse = (held: Role, required: Role) => ranks.indexOf(held) >= ranks.indexOf(required);

  it('answers every route × every role × no key × a wrong key as SPEC §5 says', async () => {
    const table: string[] = [];
    for (const route of routes) {
      const cases: [string, Record<string, string>, number[]][] = [
        ['no key', {}, [401]],
        ['wrong key', { authorization: `Bearer ${WRONG_KEY}` }, [401]],
        ['not bearer', { authorization: `Basic ${Buffer.from(`x:${KEYS.admin}`).toString('base64')}` }, [401]],
        ...ranks.map((role): [string, Record<string, string>, number[]] => [role, { authorization: `Bearer ${KEYS[role]}` }, mayUse(role, route.role) ? route.allowed : [403]]),
      ];
      for (const [who, headers, expected] of cases) {
        const response = await route.send(keyedUrl, headers);
        if (!expected.includes(response.status)) table.push(`${route.name} as ${who}: ${response.status}, expected ${expected.join('/')}`);
        if (response.status === 401 || response.status === 403) {
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          const problem = (await response.json()) as { status: number; detail: string };
          expect(problem.status).toBe(response.status);
          expect(problem.detail.length).toBeGreaterThan(0);
        }
      }
    }
    expect(table).toEqual([]);
  });

  it('asks for the key on 401 and never echoes or logs a key', async () => {
    const response = await fetch(`${keyedUrl}/api/v1/events`, { headers: { authorization: `Bearer ${WRONG_KEY}` } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await response.text()).not.toContain(WRONG_KEY);
    for (const key of [...Object.values(KEYS), WRONG_KEY]) expect(keyed.output()).not.toContain(key);
  });

  it('needs no key for health, metrics, docs and the dashboard', async () => {
    for (const path of ['/health', '/metrics', '/docs-json', '/docs', '/']) {
      const response = await fetch(`${keyedUrl}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    }
  });

  it('is open without keys, on 127.0.0.1, with a warning', async () => {
    const refused: string[] = [];
    for (const route of routes) {
      const response = await route.send(openUrl, {});
      if (!route.allowed.includes(response.status)) refused.push(`${route.name}: ${response.status}`);
    }
    expect(refused).toEqual([]);
    expect(open.output()).toMatch(/WIREWATCH_API_KEYS is empty/);
  });

  it('refuses request bodies over the size limit with a problem', async () => {
    const response = await post('/api/v1/replays', { kind: 'topic', topic: replayTopic, padding: 'x'.repeat(200 * 1024) })(keyedUrl, {
      authorization: `Bearer ${KEYS.analyst}`,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers CORS preflights for the configured origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${keyedUrl}/api/v1/events`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect((await preflight('https://ops.example.org')).headers.get('access-control-allow-origin')).toBe('https://ops.example.org');
    expect((await preflight('https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits the rate per key: one key exhausted, another still served', async () => {
    const hit = () => fetch(`${keyedUrl}/api/v1/events?limit=1`, { headers: { authorization: `Bearer ${KEYS.viewer}` } });
    let limited: Response | undefined;
    for (let round = 0; round < 20 && !limited; round += 1) {
      const responses = await Promise.all(Array.from({ length: 50 }, hit));
      limited = responses.find((response) => response.status === 429);
    }
    expect(limited?.status).toBe(429);
    expect(limited?.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${keyedUrl}/api/v1/events?limit=1`, { headers: { authorization: `Bearer ${KEYS.analyst}` } })).status).toBe(200);
  });
});
