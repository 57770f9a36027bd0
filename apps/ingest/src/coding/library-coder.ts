import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { code, CODER_VERSION, isCodable } from '@app/coding';
import type { CodedEvent, WireReport } from '@app/contracts';
import { WIREWATCH_ENV, type Environment } from '@app/config';
import { ReportCoder } from '../report-ingestor';
import { CodingWorkerPool } from './coding-worker-pool';

/**
 * How many coding threads: CODER_THREADS if set (0 codes on the event loop), else one per core — the event
 * loop mostly waits on Kafka and PostgreSQL (bench:ingest on 2 cores: 3,800 reports/s with 2 threads, 3,000 with 1).
 */
export function codingThreads(env: Pick<Environment, 'CODER_THREADS'>, cores = availableParallelism()): number {
  return env.CODER_THREADS ?? Math.max(1, cores);
}

/** Binds the ingest's coder port to the pure coding library, on worker threads when there are any. */
@Injectable()
export class LibraryCoder extends ReportCoder implements OnApplicationShutdown {
  readonly version = CODER_VERSION;
  private readonly pool: CodingWorkerPool | null;

  constructor(@Inject(WIREWATCH_ENV) env: Environment) {
    super();
    const threads = codingThreads(env);
    this.pool = threads > 0 ? new CodingWorkerPool(threads) : null;
  }

  isCodable(report: WireReport): boolean {
    return isCodable(report);
  }

  code(report: WireReport): Promise<CodedEvent[]> | CodedEvent[] {
    return this.pool ? this.pool.code(report) : code(report);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.close();
  }
}
