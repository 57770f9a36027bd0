import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder upwards holding the wirewatch package.json (works from src and dist). */
export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'wirewatch') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the wirewatch repository root above ${from}`);
    dir = parent;
  }
}

export interface KafkaPaths {
  pom: string;
  home: string;
  libs: string;
  data: string;
  logs: string;
  config: string;
  serverProperties: string;
  log4jProperties: string;
  pidFile: string;
  clusterIdFile: string;
  dockerMarker: string;
  lockFile: string;
}

export interface PostgresPaths {
  home: string;
  data: string;
  pidFile: string;
  logFile: string;
}

export interface StackPaths {
  root: string;
  stack: string;
  compose: string;
  kafka: KafkaPaths;
  postgres: PostgresPaths;
}

/** Everything the local stack writes lives in the git-ignored `.stack/` folder at the repository root. */
export function stackPaths(root: string = findRepoRoot()): StackPaths {
  const stack = join(root, '.stack');
  const kafkaHome = join(stack, 'kafka');
  const pgHome = postgresHome(root, stack);
  return {
    root,
    stack,
    compose: join(root, 'docker', 'docker-compose.yml'),
    kafka: { ...kafkaPathsIn(kafkaHome), pom: join(root, 'libs', 'local-stack', 'kafka', 'pom.xml'), libs: join(kafkaHome, 'libs') },
    postgres: {
      home: pgHome,
      data: join(pgHome, 'data'),
      pidFile: join(pgHome, 'postgres.pid'),
      logFile: join(pgHome, 'postgres.log'),
    },
  };
}

/**
 * Paths for a broker of a test's own: the checkout's pom and fetched jars, everything else (data, logs, config,
 * pid) in the given temp folder, so it never touches the shared broker's files.
 */
export function throwawayStackPaths(tmpRoot: string): StackPaths {
  const shared = stackPaths();
  const pgHome = join(tmpRoot, 'pg');
  return {
    ...shared,
    stack: tmpRoot,
    kafka: { ...shared.kafka, ...kafkaPathsIn(join(tmpRoot, 'kafka')) },
    postgres: { home: pgHome, data: join(pgHome, 'data'), pidFile: join(pgHome, 'pid'), logFile: join(pgHome, 'log') },
  };
}

function kafkaPathsIn(home: string): Omit<KafkaPaths, 'pom' | 'libs'> {
  const config = join(home, 'config');
  return {
    home,
    data: join(home, 'data'),
    logs: join(home, 'logs'),
    config,
    serverProperties: join(config, 'server.properties'),
    log4jProperties: join(config, 'log4j.properties'),
    pidFile: join(home, 'kafka.pid'),
    clusterIdFile: join(home, 'cluster-id'),
    dockerMarker: join(home, 'started-with-docker'),
    lockFile: join(home, 'up.lock'),
  };
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must reach its data folder: when the checkout lies
 * below a folder others cannot enter (e.g. /root), the embedded server's folder moves to the system temp dir.
 */
function postgresHome(root: string, stack: string): string {
  const inCheckout = join(stack, 'postgres');
  if (userInfo().uid !== 0 || othersCanEnter(root)) return inCheckout;
  return join(tmpdir(), `wirewatch-postgres-${createHash('sha256').update(root).digest('hex').slice(0, 10)}`);
}

function othersCanEnter(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    try {
      if ((statSync(current).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    if (dirname(current) === current) return true;
  }
}
