import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { processAlive } from './process-control';
import { sleep } from './topics';

/**
 * Serializes `stack up` between processes (parallel test workers, two terminals): the lock file holds the
 * owner's pid; a lock whose owner died is taken over.
 */
export async function withStackLock<T>(lockFile: string, log: (line: string) => void, work: () => Promise<T>, timeoutMs = 300000): Promise<T> {
  mkdirSync(dirname(lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = lockOwner(lockFile);
      if (owner === undefined && lockAgeMs(lockFile) < 5000) {
        await sleep(100); // its owner is still writing its pid
        continue;
      }
      if (owner === undefined || !processAlive(owner)) {
        rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another wirewatch stack command (pid ${owner}) holds ${lockFile}`);
      if (!announced) log(`Waiting for another wirewatch stack command (pid ${owner}) ...`);
      announced = true;
      await sleep(500);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

function lockOwner(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function lockAgeMs(lockFile: string): number {
  try {
    return Date.now() - statSync(lockFile).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
