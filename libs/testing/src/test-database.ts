import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server tests run against: DATABASE_URL's server if set, else the local one. */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_SERVER_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates a fresh, uniquely named database for one test file; `drop()` removes it. */
export async function createTestDatabase(prefix = 'ww_test'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(testServerUrl(), 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(testServerUrl(), name);
  return {
    url,
    name,
    async drop() {
      const client = new Client({ connectionString: withDatabase(testServerUrl(), 'postgres') });
      await client.connect();
      try {
        // Connections still closing (a LISTEN client, a pool's idle clients) get a moment to go on their own: a
        // FORCE drop terminates them, and their owners would see an error they no longer listen for.
        for (let waited = 0; waited < 5000; waited += 100) {
          const { rows } = await client.query<{ open: string }>(
            'SELECT count(*) AS open FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
            [name],
          );
          if (Number(rows[0].open) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
