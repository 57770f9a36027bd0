import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { sleep } from './topics';

export function readPidFile(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** On Linux, whether the process' command line contains `mark`; elsewhere (no /proc) assumed true. */
export function commandLineContains(pid: number, mark: string): boolean {
  const file = `/proc/${pid}/cmdline`;
  if (!existsSync(file)) return !existsSync('/proc/self/cmdline');
  try {
    return readFileSync(file, 'utf8').split('\0').some((arg) => arg.includes(mark));
  } catch {
    return false;
  }
}

/**
 * The pid recorded in the file, if that process still lives and is ours: its command line names `mark` (our
 * config or data path), so a pid reused by an unrelated process is never signalled. A stale file is removed.
 */
export function livePid(pidFile: string, mark: string): number | undefined {
  const pid = readPidFile(pidFile);
  if (pid === undefined) return undefined;
  if (processAlive(pid) && commandLineContains(pid, mark)) return pid;
  rmSync(pidFile, { force: true });
  return undefined;
}

export interface StopResult {
  pid?: number;
  stopped: boolean;
  forced: boolean;
  seconds: number;
}

/** Stops the process recorded in the pid file — the signal (SIGTERM), then SIGKILL after the grace period. Never by name. */
export async function stopByPidFile(pidFile: string, mark: string, graceMs = 30000, signal: NodeJS.Signals = 'SIGTERM'): Promise<StopResult> {
  const started = Date.now();
  const pid = livePid(pidFile, mark);
  if (pid === undefined) return { stopped: false, forced: false, seconds: 0 };
  process.kill(pid, signal);
  let forced = false;
  while (processAlive(pid)) {
    if (!forced && Date.now() - started > graceMs) {
      process.kill(pid, 'SIGKILL');
      forced = true;
    }
    await sleep(200);
  }
  rmSync(pidFile, { force: true });
  return { pid, stopped: true, forced, seconds: (Date.now() - started) / 1000 };
}

/** Runs a command synchronously; undefined when it cannot run at all (not installed). */
export function runQuietly(command: string, args: string[], timeoutMs = 15000): { status: number | null; output: string } | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** Java's major version from `java -version` output ("17.0.15", "1.8.0_402" → 8). */
export function javaMajorFrom(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}
