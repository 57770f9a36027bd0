import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { code, CODER_VERSION, isCodable } from '@app/coding';
import { PostgresEventStore } from '@app/event-store';
import { PG_POOL } from '@app/infrastructure';
import { RecodeJobs, type RecodeRange, type RecodingView } from '@app/replay';

/**
 * `{kind:"recode"}`: runs this process's coder over stored reports in the background and appends a new coding
 * where it changed (libs/replay/src/recode). Between two reports the event loop is free, so routes keep answering.
 */
@Injectable()
export class ReportRecodings implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Recodings');
  private readonly jobs: RecodeJobs;

  constructor(@Inject(PG_POOL) pool: Pool, @Inject(PostgresEventStore) store: PostgresEventStore) {
    this.jobs = new RecodeJobs(pool, store, { version: CODER_VERSION, isCodable, code });
  }

  async onApplicationBootstrap(): Promise<void> {
    const abandoned = await this.jobs.failAbandoned();
    if (abandoned > 0) this.logger.warn({ msg: 're-codings cut off by a stop were marked failed', abandoned });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs.stop();
  }

  request(range: RecodeRange, requestedBy: string | null): Promise<{ replayId: string }> {
    return this.jobs.request(range, requestedBy);
  }

  find(replayId: string): Promise<RecodingView | null> {
    return this.jobs.recodings.find(replayId);
  }
}
