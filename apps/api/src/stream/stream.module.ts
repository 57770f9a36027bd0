import { BeforeApplicationShutdown, Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/infrastructure';
import { ReadModelChangeFeed } from './change-feed';
import { OpenStreams } from './open-streams';
import { StreamController } from './stream.controller';

/** `STREAM_HEARTBEAT_MS` shortens the ~15 s heartbeat (tests); not part of the documented configuration. */
const heartbeatMs = (): number => {
  const value = Number(process.env.STREAM_HEARTBEAT_MS);
  return Number.isInteger(value) && value >= 100 ? value : 15_000;
};

@Injectable()
class StreamLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(ReadModelChangeFeed) private readonly feed: ReadModelChangeFeed,
    @Inject(OpenStreams) private readonly open: OpenStreams,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.feed.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.open.endAll();
    await this.feed.stop();
  }
}

/** SPEC §5 live stream. Relies on the global DatabaseModule and on ReadModelsModule's migrations. */
@Module({
  controllers: [StreamController],
  providers: [
    { provide: ReadModelChangeFeed, inject: [PG_POOL], useFactory: (pool: Pool) => new ReadModelChangeFeed(pool) },
    { provide: OpenStreams, useFactory: () => new OpenStreams(heartbeatMs()) },
    StreamLifecycle,
  ],
  exports: [ReadModelChangeFeed],
})
export class StreamModule {}
