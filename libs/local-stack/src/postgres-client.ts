import { Client } from 'pg';
import { databaseNameOf, quoteDatabaseName, withDatabase } from './database-url';

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function serverAnswers(url: string): Promise<boolean> {
  try {
    await withClient(url, (client) => client.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}

/** Creates the database named in `url` unless it exists (connecting to the server's `postgres` database). */
export async function ensureDatabase(url: string): Promise<'created' | 'existing'> {
  const name = databaseNameOf(url);
  return withClient(withDatabase(url, 'postgres'), async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return 'existing';
    try {
      await client.query(`CREATE DATABASE ${quoteDatabaseName(name)}`);
      return 'created';
    } catch (error) {
      if ((error as { code?: string }).code === '42P04') return 'existing'; // created concurrently
      throw error;
    }
  });
}

export async function serverVersion(url: string): Promise<string> {
  return withClient(url, async (client) => (await client.query('SHOW server_version')).rows[0].server_version as string);
}
