import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PostgresEventStore } from '@app/event-store';
import { ReadModelProjector } from '@app/projections';

/** Runs the read-model subscription once migrations are done; stops it before the pool closes. */
@Injectable()
export class ReadModelProjectorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ReadModels');
  private readonly projector: ReadModelProjector;

  constructor(@Inject(PostgresEventStore) store: PostgresEventStore) {
    this.projector = new ReadModelProjector(store, {
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
