import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { PostgresEventStore } from '@app/event-store';
import { PG_POOL } from '@app/infrastructure';
import { READ_MODELS_PROJECTION, rebuildReadModels } from '@app/projections';
import { Rebuilder, type RebuildView } from '@app/replay';
import type { RebuildRequester } from './rebuild-handoff';

/** Dyads and mediation offers are one projection (offers read the same incidents): any of these names rebuilds it. */
const PROJECTIONS = [READ_MODELS_PROJECTION, 'dyads', 'mediation-offers'];

/** Rebuilds the read models in this process while the active generation keeps serving (libs/projections). */
@Injectable()
export class ProjectionRebuilds implements RebuildRequester, OnApplicationBootstrap, OnApplicationShutdown {
  readonly projections = PROJECTIONS;
  private readonly logger = new Logger('Rebuilds');
  private readonly rebuilder: Rebuilder;

  constructor(@Inject(PG_POOL) pool: Pool, @Inject(PostgresEventStore) store: PostgresEventStore) {
    this.rebuilder = new Rebuilder(pool, async (_projection, onProgress) => {
      const result = await rebuildReadModels(store, { onProgress });
      this.logger.log({ msg: 'read models rebuilt', generation: result.generation, events: result.events, seconds: result.totalSeconds });
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const abandoned = await this.rebuilder.failAbandoned();
    if (abandoned > 0) this.logger.warn({ msg: 'rebuilds cut off by a stop were marked failed', abandoned });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rebuilder.settled();
  }

  request(projection: string, requestedBy: string | null): Promise<{ replayId: string }> {
    return this.rebuilder.request(projection, requestedBy);
  }

  find(replayId: string): Promise<RebuildView | null> {
    return this.rebuilder.rebuilds.find(replayId);
  }
}
