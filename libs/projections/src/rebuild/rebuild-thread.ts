import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Pool } from 'pg';
import type { ReplayOptions, ReplayProgress, ReplayResult } from './replay-generation';

/** What the replay thread is given: plain data, since functions and pools do not cross threads. */
export interface ReplayRequest extends Omit<ReplayOptions, 'onProgress'> {
  connection: Record<string, unknown>;
  generation: number;
  writers: number;
}

export type ReplayThreadMessage =
  | { kind: 'progress'; progress: ReplayProgress }
  | { kind: 'done'; result: ReplayResult }
  | { kind: 'failed'; message: string; stack?: string };

/**
 * The replay allocates at a high rate, and most of it (parsed pages, intermediate rows) dies young: a young
 * generation of 384 MB (semi-spaces of 128 MB, against V8's 16 MB) made the replay and write 14 % faster on
 * the bench world, in alternating runs, by scavenging far less often.
 */
const REPLAY_YOUNG_GENERATION_MB = 384;

/**
 * Runs `replayIntoGeneration` on a worker thread with connections of its own. The replay is seconds to minutes
 * of solid CPU; on the calling thread it would stall everything else the process serves (the API answers
 * dashboards while it rebuilds) and the progress bar. The thread gets the same old-generation limit as this one.
 */
export function replayOnWorkerThread(pool: Pool, generation: number, options: ReplayOptions & { writers: number }): Promise<ReplayResult> {
  const { onProgress, ...rest } = options;
  const request: ReplayRequest = { ...rest, generation, connection: connectionOf(pool) };
  const worker = new Worker(replayWorkerScript(), {
    workerData: request,
    resourceLimits: { maxOldGenerationSizeMb: Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20), maxYoungGenerationSizeMb: REPLAY_YOUNG_GENERATION_MB },
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      finish();
    };
    worker.on('message', (message: ReplayThreadMessage) => {
      if (message.kind === 'progress') onProgress?.(message.progress);
      else if (message.kind === 'done') settle(() => resolve(message.result));
      else settle(() => reject(Object.assign(new Error(`rebuild replay failed: ${message.message}`), { stack: message.stack })));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`rebuild replay thread exited (code ${code}) before it finished`))));
  });
}

/** The pool's connection settings that can cross to another thread (a password given as a function cannot). */
function connectionOf(pool: Pool): Record<string, unknown> {
  const options = (pool as unknown as { options: Record<string, unknown> }).options;
  const names = ['connectionString', 'host', 'port', 'user', 'password', 'database', 'ssl', 'application_name', 'options', 'statement_timeout'];
  const connection: Record<string, unknown> = {};
  for (const name of names) {
    const value = options[name];
    if (value === undefined || value === null) continue;
    if (typeof value === 'function') throw new Error(`rebuild: the pool's ${name} is a function, which a replay thread cannot use`);
    connection[name] = value;
  }
  return connection;
}

/**
 * The thread's compiled script: beside this module in a build. Run from TypeScript sources (Jest), it is the twin
 * in dist/, which `npm test` builds before any test runs.
 */
function replayWorkerScript(): string {
  const beside = join(__dirname, 'rebuild-worker.js');
  if (existsSync(beside)) return beside;
  const built = join(__dirname, '..', '..', '..', '..', 'dist', 'libs', 'projections', 'src', 'rebuild', 'rebuild-worker.js');
  if (existsSync(built)) return built;
  throw new Error(`rebuild: ${built} is missing; run \`npm run build\` first`);
}
