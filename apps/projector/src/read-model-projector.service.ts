import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { WIREWATCH_ENV, type Environment } from '@app/config';
import { PostgresEventStore } from '@app/event-store';
import { ReadModelProjector } from '@app/projections';

/** Runs the read-model subscription once migrations are done; stops it before the pool closes. */
@Injectable()
export class ReadModelProjectorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ReadModels');
  private readonly projector: ReadModelProjector;

  constructor(@Inject(PostgresEventStore) store: PostgresEventStore, @Inject(WIREWATCH_ENV) env: Environment) {
    this.projector = new ReadModelProjector(store, {
      warmRowLimit: env.PROJECTOR_WARM_ROWS,
      onError: (error) => this.logger.warn(`projection batch failed, retrying: ${(error as Error).message}`),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.start();
    this.logger.log(`projecting into generation ${this.projector.activeGeneration}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.projector.stop();
    this.logger.log('stopped');
  }
}
