import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';
import { KAFKA_ADMIN } from './kafka.module';
import { PG_POOL } from './database.module';

const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);

@Injectable()
export class PostgresHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async check(key = 'postgres') {
    const session = this.health.check(key);
    try {
      const started = Date.now();
      await withTimeout(this.pool.query('SELECT 1'), 2000, 'PostgreSQL');
      return session.up({ latencyMs: Date.now() - started });
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}

@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
  ) {}

  async check(key = 'kafka') {
    const session = this.health.check(key);
    try {
      const cluster = await withTimeout(this.admin.describeCluster(), 3000, 'Kafka');
      return session.up({ brokers: cluster.brokers.length, controller: cluster.controller });
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}
