import { WIREWATCH_DATABASE, LOCAL_POSTGRES, localServerUrl, redactUrl, withDatabase } from './database-url';
import { startEmbeddedPostgres } from './embedded-postgres';
import type { Log } from './jar-broker';
import { portAnswers } from './kafka-readiness';
import { ensureDatabase, serverAnswers } from './postgres-client';
import { withStackLock } from './stack-lock';
import type { PostgresPaths } from './stack-paths';

export type DatabaseKind = 'env' | 'local' | 'embedded';

export interface ResolvedDatabase {
  url: string;
  kind: DatabaseKind;
  action: 'found' | 'started';
  pid?: number;
}

export interface ResolveDatabaseOptions {
  env?: NodeJS.ProcessEnv;
  log?: Log;
}

/** A PostgreSQL that answers: DATABASE_URL, else 127.0.0.1:5432 (database `wirewatch` created), else embedded. */
export async function resolveDatabaseAt(paths: PostgresPaths, options: ResolveDatabaseOptions = {}): Promise<ResolvedDatabase> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  if (env.DATABASE_URL) {
    if (!(await serverAnswers(env.DATABASE_URL))) throw new Error(`DATABASE_URL (${redactUrl(env.DATABASE_URL)}) does not answer`);
    return { url: env.DATABASE_URL, kind: 'env', action: 'found' };
  }
  if (await portAnswers(LOCAL_POSTGRES.host, LOCAL_POSTGRES.port)) {
    const server = localServerUrl(env);
    if (!(await serverAnswers(server))) {
      throw new Error(`a server answers on 127.0.0.1:5432 but refuses ${redactUrl(server)}; set DATABASE_URL (or PGUSER)`);
    }
    const url = withDatabase(server, WIREWATCH_DATABASE);
    if ((await ensureDatabase(url)) === 'created') log(`Created database ${WIREWATCH_DATABASE} on 127.0.0.1:5432`);
    return { url, kind: 'local', action: 'found' };
  }
  return withStackLock(`${paths.home}.lock`, log, async () => {
    const server = await startEmbeddedPostgres(paths, log);
    const url = withDatabase(server.url, WIREWATCH_DATABASE);
    await ensureDatabase(url);
    return { url, kind: 'embedded' as const, action: server.alreadyRunning ? ('found' as const) : ('started' as const), pid: server.pid };
  });
}
