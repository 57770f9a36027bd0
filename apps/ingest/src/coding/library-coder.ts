import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { code, CODER_VERSION, isCodable } from '@app/coding';
import type { CodedEvent, WireReport } from '@app/contracts';
import { WIREWATCH_ENV, type Environment } from '@app/config';
import { ReportCoder } from '../report-ingestor';
import { CodingWorkerPool } from './coding-worker-pool';

/** How many coding threads: CODER_THREADS if set, else one per core but one (0 codes on the event loop). */
export function codingThreads(env: Pick<Environment, 'CODER_THREADS'>, cores = availableParallelism()): number {
  return env.CODER_THREADS ?? Math.max(1, cores - 1);
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
