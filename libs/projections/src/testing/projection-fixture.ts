import { Pool } from 'pg';
import { reportStreamId, type ReportCoded } from '@app/contracts';
import { migrateDatabase, PostgresEventStore } from '@app/event-store';
import { aCodedEvent, type CodedEventOverrides } from '@app/escalation';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { readModelMigrations } from '../migrations';
import { activeGeneration } from '../pg/generations';
import { READ_MODEL_EVENT_TYPES, readModelBatchHandler } from '../pg/read-model-projection';
import { WarmWorkingSet } from '../pg/warm-working-set';
import { subscriptionOf } from '../schema/read-model-schema';

export interface CodingSpec {
  reportId: string;
  events?: CodedEventOverrides[];
  supersedes?: string;
  coderVersion?: string;
  /** The store's record time of the coding (set on the stored row). */
  recordedAt?: string;
}

export function aReportCoded(spec: CodingSpec): ReportCoded {
  return {
    type: 'ReportCoded',
    data: {
      reportId: spec.reportId,
      coderVersion: spec.coderVersion ?? 'coder-1',
      events: (spec.events ?? [{}]).map((event, index) => aCodedEvent({ eventId: `${spec.reportId}#${spec.coderVersion ?? 'coder-1'}#${index}`, ...event, reportId: spec.reportId })),
      ...(spec.supersedes ? { supersedes: spec.supersedes } : {}),
    },
  };
}

/** A real database with the store and read models, a way to record codings, and to run the projection to the head. */
export class ProjectionFixture {
  private constructor(
    readonly database: TestDatabase,
    readonly pool: Pool,
    readonly store: PostgresEventStore,
  ) {}

  static async create(prefix = 'ww_projections'): Promise<ProjectionFixture> {
    const database = await createTestDatabase(prefix);
    await migrateDatabase(database.url, readModelMigrations);
    const pool = new Pool({ connectionString: database.url, max: 6 });
    return new ProjectionFixture(database, pool, new PostgresEventStore(pool, { notify: false }));
  }

  async record(...specs: CodingSpec[]): Promise<void> {
    for (const spec of specs) {
      const result = await this.store.append(reportStreamId(spec.reportId), 'any', [aReportCoded(spec)]);
      if (spec.recordedAt) {
        await this.pool.query(`UPDATE events SET recorded_at = $1 WHERE stream_id = $2 AND stream_version = $3`, [spec.recordedAt, result.streamId, result.lastVersion]);
      }
    }
  }

  /**
   * Runs the active generation's subscription until it has seen every stored event, keeping its working set
   * between batches as the projector does (a fresh one unless `warm` is given; null reads everything each batch).
   */
  async project(clock = () => '2026-01-01T00:00:00.000Z', batchSize = 500, warm: WarmWorkingSet | null = new WarmWorkingSet()): Promise<void> {
    const generation = await activeGeneration(this.pool);
    const subscription = this.store.subscribe({
      subscriptionId: subscriptionOf(generation),
      batchSize,
      listen: false,
      pollIntervalMs: 20,
      filter: { types: [...READ_MODEL_EVENT_TYPES] },
      handler: readModelBatchHandler(generation, clock, warm ?? undefined),
      afterCommit: (range) => warm?.committed(range),
    });
    await subscription.start();
    await subscription.waitFor(await this.store.headCheckpoint());
    await subscription.stop();
  }

  async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(sql, params)).rows;
  }

  async close(): Promise<void> {
    await this.store.close();
    await this.pool.end();
    await this.database.drop();
  }
}
