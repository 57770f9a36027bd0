import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CodedEvent, WireReport } from '@app/contracts';
import type { CodingAnswer } from './coding-worker';

interface Request {
  report: WireReport;
  resolve(events: CodedEvent[]): void;
  reject(error: Error): void;
}

interface CodingThread {
  worker: Worker;
  /** The parts sent and not yet answered, by request id. */
  pending: Map<number, Request[]>;
}

/** The reports a thread has been sent and not yet answered. */
function outstanding(thread: CodingThread): number {
  let reports = 0;
  for (const part of thread.pending.values()) reports += part.length;
  return reports;
}

/**
 * Reports per message to a thread. A message per report cost ~17–19 µs of CPU a report in messaging alone, one per
 * 10–50 reports 8–10 µs (a micro-benchmark of 100,000 ~1 KiB reports over two threads, 2026-11-28).
 */
const REPORTS_PER_MESSAGE = 25;

/**
 * Codes reports on worker threads, so that the event loop stays free for Kafka heartbeats and database I/O
 * while the coder — the ingest's CPU bottleneck — runs on the other cores. The reports asked for in one turn of
 * the event loop (a chunk's) go out in parts, each to the thread with the fewest reports outstanding; callers
 * await per report, so order within a chunk is theirs to keep.
 */
export class CodingWorkerPool {
  private readonly threads: CodingThread[] = [];
  private queued: Request[] = [];
  private nextId = 0;

  constructor(size: number, script = codingWorkerScript()) {
    for (let index = 0; index < size; index += 1) this.threads.push(this.startThread(script));
  }

  code(report: WireReport): Promise<CodedEvent[]> {
    return new Promise((resolve, reject) => {
      this.queued.push({ report, resolve, reject });
      if (this.queued.length === 1) queueMicrotask(() => this.send());
    });
  }

  private send(): void {
    const requests = this.queued;
    this.queued = [];
    for (let start = 0; start < requests.length; start += REPORTS_PER_MESSAGE) {
      const part = requests.slice(start, start + REPORTS_PER_MESSAGE);
      const thread = this.threads.reduce((least, candidate) => (outstanding(candidate) < outstanding(least) ? candidate : least));
      const id = this.nextId++;
      try {
        thread.worker.postMessage({ id, reports: part.map((request) => request.report) });
      } catch (error) {
        // A report that cannot be copied to a thread fails its part here, not later as an unanswered promise.
        for (const request of part) request.reject(error as Error);
        continue;
      }
      thread.pending.set(id, part);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private startThread(script: string): CodingThread {
    const thread: CodingThread = { worker: new Worker(script), pending: new Map() };
    thread.worker.on('message', ({ id, answers }: { id: number; answers: CodingAnswer[] }) => {
      const part = thread.pending.get(id) ?? [];
      thread.pending.delete(id);
      part.forEach((request, index) => {
        const answer = answers[index];
        if ('error' in answer) request.reject(new Error(answer.error));
        else request.resolve(answer.events);
      });
    });
    thread.worker.on('error', (error) => {
      for (const part of thread.pending.values()) for (const request of part) request.reject(error);
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
