import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above this file with a package.json (from src or from dist). */
function repositoryRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const ROOT = repositoryRoot(__dirname);

export interface AppProcess {
  name: string;
  pid: number | undefined;
  output: () => string;
  /** SIGTERM (clean) or SIGKILL (crash); resolves when the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  readonly exited: boolean;
  /** Exit code once exited (null when ended by a signal). */
  readonly exitCode: number | null;
}

/** Runs a built app (`dist/apps/<name>/src/main.js`) as a real process; `npm test` builds before running. */
export function startApp(name: 'ingest' | 'projector' | 'api', env: Record<string, string>): AppProcess {
  // WIREWATCH_DIST_DIR lets a developer test a build of their own while others rebuild dist/.
  const entry = join(ROOT, process.env.WIREWATCH_DIST_DIR ?? 'dist', 'apps', name, 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does)`);
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  let exitCode: number | null = null;
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      exitCode = code;
      resolve();
    }),
  );
  return {
    name,
    pid: child.pid,
    output: () => output,
    get exited() {
      return exited;
    },
    get exitCode() {
      return exitCode;
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (exited) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

export async function waitForHttp(url: string, timeoutMs = 60_000, app?: AppProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app?.exited) throw new Error(`${app.name} exited before ${url} answered:\n${app.output()}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms${app ? `:\n${app.output()}` : ''}`);
}

/** A free TCP port on 127.0.0.1 for an app under test. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
