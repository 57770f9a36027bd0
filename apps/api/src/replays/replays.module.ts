import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { PostgresEventStore } from '@app/event-store';
import { EventStoreModule, KAFKA, PG_POOL } from '@app/infrastructure';
import { KafkaReplayTarget, Replayer } from '@app/replay';
import { ApiKeysModule } from '../access/access.module';
import { ProjectionRebuilds } from './projection-rebuilds';
import { REBUILD_REQUESTER } from './rebuild-handoff';
import { ReportRecodings } from './report-recodings';
import { ReplaysController } from './replays.controller';

/** Resumes replays a stopped or crashed process left running, and pauses the running ones at shutdown. */
@Injectable()
class ReplayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Replays');

  constructor(
    @Inject(Replayer) private readonly replayer: Replayer,
    @Inject(KafkaReplayTarget) private readonly target: KafkaReplayTarget,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const resumed = await this.replayer.resumeUnfinished();
    if (resumed.length > 0) this.logger.log({ msg: 'resuming unfinished replays', replays: resumed });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.replayer.stop();
    await this.target.close();
  }
}

@Module({
  imports: [EventStoreModule, ApiKeysModule],
  controllers: [ReplaysController],
  providers: [
    { provide: KafkaReplayTarget, inject: [KAFKA], useFactory: (kafka: Kafka) => new KafkaReplayTarget(kafka) },
    {
      provide: Replayer,
      inject: [PG_POOL, PostgresEventStore, KafkaReplayTarget],
      useFactory: (pool: Pool, store: PostgresEventStore, target: KafkaReplayTarget) => {
        const logger = new Logger('Replays');
        const log = { info: (msg: string, fields = {}) => logger.log({ msg, ...fields }), error: (msg: string, fields = {}) => logger.error({ msg, ...fields }) };
        return new Replayer(pool, store, target, { log });
      },
    },
    ReplayLifecycle,
    ProjectionRebuilds,
    { provide: REBUILD_REQUESTER, useExisting: ProjectionRebuilds },
    ReportRecodings,
  ],
})
export class ReplaysModule {}
