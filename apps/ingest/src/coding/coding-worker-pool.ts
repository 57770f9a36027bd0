import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CodedEvent, WireReport } from '@app/contracts';

interface Pending {
  resolve(events: CodedEvent[]): void;
  reject(error: Error): void;
}

interface CodingThread {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * Codes reports on worker threads, so that the event loop stays free for Kafka heartbeats and database I/O
 * while the coder — the ingest's CPU bottleneck — runs on the other cores. Each report goes to the thread
 * with the fewest outstanding requests; callers await per report, so order within a chunk is theirs to keep.
 */
export class CodingWorkerPool {
  private readonly threads: CodingThread[] = [];
  private nextId = 0;

  constructor(size: number, script = codingWorkerScript()) {
    for (let index = 0; index < size; index += 1) this.threads.push(this.startThread(script));
  }

  code(report: WireReport): Promise<CodedEvent[]> {
    const thread = this.threads.reduce((least, candidate) => (candidate.pending.size < least.pending.size ? candidate : least));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, report });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private startThread(script: string): CodingThread {
    const thread: CodingThread = { worker: new Worker(script), pending: new Map() };
    thread.worker.on('message', ({ id, events, error }: { id: number; events?: CodedEvent[]; error?: string }) => {
      const pending = thread.pending.get(id);
      thread.pending.delete(id);
      if (error !== undefined) pending?.reject(new Error(error));
      else pending?.resolve(events ?? []);
    });
    thread.worker.on('error', (error) => {
      for (const pending of thread.pending.values()) pending.reject(error);
      thread.pending.clear();
      const index = this.threads.indexOf(thread);
      if (index >= 0) this.threads[index] = this.startThread(script);
    });
    thread.worker.unref();
    return thread;
  }
}

/**
 * The thread's compiled script: beside this module in a build. Run from TypeScript sources (Jest), it is the twin
 * in dist/, which `npm test` builds before any test runs.
 */
function codingWorkerScript(): string {
  const beside = join(__dirname, 'coding-worker.js');
  if (existsSync(beside)) return beside;
  const built = join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'ingest', 'src', 'coding', 'coding-worker.js');
  if (existsSync(built)) return built;
  throw new Error(`coding: ${built} is missing; run \`npm run build\` first`);
}
