import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { WIREWATCH_ENV, type Environment } from '@app/config';

export const PG_POOL = Symbol('PG_POOL');

@Injectable()
class PoolCloser implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/** One pg pool per process, closed on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: PG_POOL,
      inject: [WIREWATCH_ENV],
      useFactory: (env: Environment) =>
        new Pool({ connectionString: env.DATABASE_URL, max: 10, application_name: 'wirewatch' }),
    },
    PoolCloser,
  ],
  exports: [PG_POOL],
})
export class DatabaseModule {}
