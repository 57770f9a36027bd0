import { createTestDatabase, createTestTopics, freePort, startApp, waitForHttp, type TestDatabase, type TestTopics } from '@app/testing';

// Every app is a process that starts on its configuration and stops cleanly on SIGTERM (exit 0).
describe('app processes', () => {
  let database: TestDatabase;
  let topics: TestTopics;

  beforeAll(async () => {
    [database, topics] = await Promise.all([createTestDatabase('ww_e2e_processes'), createTestTopics('e2e-processes')]);
  });
  afterAll(() => database.drop());

  it.each(['ingest', 'api'] as const)('%s starts, reports healthy, and stops cleanly on SIGTERM', async (name) => {
    const port = await freePort();
    const app = startApp(name, { ...topics.env, DATABASE_URL: database.url, PORT: String(port), INGEST_METRICS_PORT: String(port) });
    await waitForHttp(`http://127.0.0.1:${port}/health`, 90_000, app);
    const health = await (await fetch(`http://127.0.0.1:${port}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, kafka: { status: 'up' } } });
    await app.stop('SIGTERM');
    expect(app.exitCode).toBe(0);
  });

  it('projector starts and stops cleanly on SIGTERM', async () => {
    const projector = startApp('projector', { ...topics.env, DATABASE_URL: database.url });
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(projector.exited).toBe(false);
    await projector.stop('SIGTERM');
    expect(projector.exitCode).toBe(0);
  });

  it('refuses to start on bad configuration, naming the variable', async () => {
    const api = startApp('api', { DATABASE_URL: database.url, PORT: 'eighty' });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => api.exited && (clearInterval(check), resolve()), 100);
    });
    expect(api.exitCode).toBe(1);
    expect(api.output()).toMatch(/PORT/);
  });
});
