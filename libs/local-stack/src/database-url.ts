export const WIREWATCH_DATABASE = 'wirewatch';
export const LOCAL_POSTGRES = { host: '127.0.0.1', port: 5432 };
/** The embedded server gets its own port, so a system server started later on 5432 never collides with it. */
export const EMBEDDED_POSTGRES_PORT = 55432;
export const EMBEDDED_POSTGRES_USER = 'postgres';
export const EMBEDDED_POSTGRES_PASSWORD = 'wirewatch';

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

export function localServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  const user = env.PGUSER ?? 'postgres';
  return `postgres://${encodeURIComponent(user)}@${LOCAL_POSTGRES.host}:${LOCAL_POSTGRES.port}/postgres`;
}

export function embeddedServerUrl(port = EMBEDDED_POSTGRES_PORT): string {
  return `postgres://${EMBEDDED_POSTGRES_USER}:${EMBEDDED_POSTGRES_PASSWORD}@127.0.0.1:${port}/postgres`;
}

/** A URL safe to print: the password replaced by ***. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

const SAFE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;

export function quoteDatabaseName(name: string): string {
  if (!SAFE_IDENTIFIER.test(name)) throw new Error(`refusing an unusual database name: ${JSON.stringify(name)}`);
  return `"${name}"`;
}
