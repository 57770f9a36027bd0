import type { Pool, PoolClient } from 'pg';
import { BEGINNING, checkpointOf, laterCheckpoint, type Checkpoint } from './checkpoint';
import { appendParameterValues, toAppendParameters, type AppendParameters } from './append-plan';
import { singleAppendSql } from './sql/single-append-sql';
import { ConcurrencyError } from './errors';
import { horizonOf, type Horizon } from './horizon';
import { CommitNotifier } from './notifications';
import { toBigInt, toNumber, toStoredEvent, toStoredRange, type EventRow, type RangeRow } from './row-mapping';
import { appendShapeName, appendSql, SETTLE_CONFLICTS_SQL, type AppendShape } from './sql/append-sql';
import { toAppendResults, type AppendRow } from './append-results';
import {
  COMMITTED_HEAD_SQL,
  HEAD_CHECKPOINT_SQL,
  READ_IDEMPOTENT_SQL,
  READ_STREAM_SQL,
  STREAM_INFO_SQL,
  readAllQuery,
} from './sql/read-sql';
import { CatchUpSubscription, type SubscriptionOptions } from './subscriptions/catch-up-subscription';
import type {
  AppendOptions,
  AppendResult,
  EventToAppend,
  ExpectedVersion,
  IdempotentBatch,
  ReadAllFilter,
  ReadAllPage,
  StoredEvent,
  StreamAppend,
  StreamAppendResult,
  StreamInfo,
} from './types';
import { createUpcasterRegistry, NO_UPCASTERS, type Upcaster, type UpcasterRegistry } from './upcasting';

export interface PostgresEventStoreOptions {
  upcasters?: UpcasterRegistry | readonly Upcaster[];
  /** Send NOTIFY after commits so subscribers in other processes wake at once (default true). */
  notify?: boolean;
  /** Attempts when a concurrent writer stored the same idempotency key or a deadlock broke a batch. */
  maxAttempts?: number;
}

type Queryable = Pick<Pool | PoolClient, 'query'>;

/** Unique violation on an idempotency key, serialization failure (stream writer order), deadlock. */
const RETRIED_CODES = new Set(['23505', '40001', '40P01']);

interface HeadColumns {
  head_transaction_id: string | null;
  head_position: string | null;
}

interface SettleRow extends Partial<RangeRow> {
  stream_index: string;
  actual_version: string;
  key_stream_id: string | null;
}

function singleStreamQuery(params: AppendParameters): { name: string; text: string; values: unknown[] } {
  const kind = params.expectedKinds[0];
  const key = params.idempotencyKeys[0];
  const values: unknown[] = [
    params.streamIds[0],
    params.eventCounts[0],
    params.eventIds,
    params.eventTypes,
    params.schemaVersions,
    params.data,
    params.metadata,
  ];
  if (key !== null) values.push(key);
  if (kind === 'exact') values.push(params.expectedVersions[0]);
  return { ...singleAppendSql(kind, key !== null), values };
}

export class PostgresEventStore {
  readonly upcasters: UpcasterRegistry;
  readonly notifier: CommitNotifier;
  private readonly maxAttempts: number;
  private readonly statements = new Map<string, string>();

  constructor(
    readonly pool: Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    const upcasters = options.upcasters ?? NO_UPCASTERS;
    this.upcasters = Array.isArray(upcasters) ? createUpcasterRegistry(upcasters) : (upcasters as UpcasterRegistry);
    this.notifier = new CommitNotifier(pool, options.notify ?? true);
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /** Appends to one stream atomically; throws ConcurrencyError when `expected` does not hold. */
  async append(
    streamId: string,
    expected: ExpectedVersion,
    events: readonly EventToAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const [result] = await this.appendMany([{ streamId, expected, events, idempotencyKey: options.idempotencyKey }]);
    if (result.status === 'conflict') throw new ConcurrencyError(result.streamId, result.expected, result.actualVersion);
    return result;
  }

  /**
   * Appends to many streams in one transaction. Each stream gets its own result, in input order:
   * appended, duplicate (its idempotency key was stored before) or conflict (nothing written for it).
   */
  async appendMany(appends: readonly StreamAppend[], db: Queryable = this.pool): Promise<StreamAppendResult[]> {
    if (appends.length === 0) return [];
    const params = toAppendParameters(appends, (type) => this.upcasters.currentVersion(type));
    const shape: AppendShape = {
      kinds: new Set(params.expectedKinds),
      keyed: params.idempotencyKeys.some((key) => key !== null),
    };
    const query = appends.length === 1 ? singleStreamQuery(params) : { ...this.statementFor(shape), values: appendParameterValues(params) };
    const run = async () => (await db.query<AppendRow>(query)).rows;
    // Only a statement of its own can be retried; in the caller's transaction the error is the caller's to retry.
    const rows = db === this.pool ? await this.withRetries(run) : await run();
    const results = toAppendResults(appends, rows);
    if (rows.some((row) => row.status === 'appended') && db === this.pool) this.notifier.signal();
    const unsettled = results.flatMap((result, index) => (result ? [] : [index]));
    if (unsettled.length > 0) await this.settleConflicts(appends, unsettled, results, db);
    return results as StreamAppendResult[];
  }

  /**
   * Sent unnamed, so PostgreSQL plans every append for its own parameters. A named statement switches to a
   * generic plan after five runs, which takes each array for ten rows and joins the CTEs by nested loops:
   * quadratic in the batch, 4× slower at 500 streams.
   */
  private statementFor(shape: AppendShape): { text: string } {
    const name = appendShapeName(shape);
    let text = this.statements.get(name);
    if (!text) {
      text = appendSql(shape);
      this.statements.set(name, text);
    }
    return { text };
  }

  /** Tells subscribers that events were committed by a transaction the caller ran (`appendMany(…, client)`). */
  notifyCommitted(): void {
    this.notifier.signal();
  }

  private async settleConflicts(
    appends: readonly StreamAppend[],
    indexes: number[],
    results: (StreamAppendResult | undefined)[],
    db: Queryable,
  ): Promise<void> {
    const streamIds = indexes.map((index) => appends[index].streamId);
    const keys = indexes.map((index) => appends[index].idempotencyKey ?? null);
    const { rows } = await db.query<SettleRow>(SETTLE_CONFLICTS_SQL, [streamIds, keys]);
    for (const row of rows) {
      const index = indexes[toNumber(row.stream_index) - 1];
      const append = appends[index];
      if (row.key_stream_id !== null) {
        const range = toStoredRange({ ...(row as RangeRow), stream_id: row.key_stream_id });
        results[index] = {
          status: 'duplicate',
          ...range,
          idempotencyKey: append.idempotencyKey ?? '',
          nextExpectedVersion: range.lastVersion,
        };
      } else {
        results[index] = {
          status: 'conflict',
          streamId: append.streamId,
          expected: append.expected,
          actualVersion: toNumber(row.actual_version),
        };
      }
    }
  }

  private async withRetries<T>(attempt: () => Promise<T>): Promise<T> {
    for (let attemptNumber = 1; ; attemptNumber += 1) {
      try {
        return await attempt();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attemptNumber >= this.maxAttempts || !code || !RETRIED_CODES.has(code)) throw error;
      }
    }
  }

  /** The stream's events from `fromVersion` (1 = the first), at most `limit`. */
  async readStream(streamId: string, fromVersion = 1, limit = 1_000_000): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(READ_STREAM_SQL, [streamId, fromVersion, limit]);
    return rows.map((row) => toStoredEvent(row, this.upcasters));
  }

  async streamInfo(streamId: string): Promise<StreamInfo | null> {
    const { rows } = await this.pool.query(STREAM_INFO_SQL, [streamId]);
    if (rows.length === 0) return null;
    const row = rows[0] as { stream_id: string; version: string; created_at: Date; updated_at: Date };
    return { streamId: row.stream_id, version: toNumber(row.version), createdAt: row.created_at, updatedAt: row.updated_at };
  }

  /**
   * Events after `after` in global order, gap-safe: an event that commits later never lands behind a
   * checkpoint already handed out, and none is delivered twice.
   */
  async readAll(
    after: Checkpoint = BEGINNING,
    limit = 1000,
    filter: ReadAllFilter = {},
    db: Queryable = this.pool,
  ): Promise<ReadAllPage> {
    const { rows } = await db.query<EventRow & Partial<HeadColumns>>(readAllQuery(after, limit, filter));
    const events = rows.filter((row) => row.global_position !== null).map((row) => toStoredEvent(row, this.upcasters));
    const last = events[events.length - 1];
    const isEnd = events.length < limit;
    let checkpoint = last ? checkpointOf(last) : after;
    const head = rows[0]?.head_transaction_id;
    if (isEnd && head !== undefined && head !== null) {
      checkpoint = laterCheckpoint(checkpoint, { transactionId: toBigInt(head), position: toBigInt(rows[0].head_position) });
    }
    return { events, checkpoint, isEnd };
  }

  /** What was stored under each of these idempotency keys (keys never stored are absent). */
  async readIdempotent(keys: readonly string[]): Promise<Map<string, IdempotentBatch>> {
    const batches = new Map<string, IdempotentBatch>();
    if (keys.length === 0) return batches;
    const { rows } = await this.pool.query(READ_IDEMPOTENT_SQL, [[...keys]]);
    for (const row of rows) {
      const key = row.idempotency_key as string;
      let batch = batches.get(key);
      if (!batch) {
        const range = toStoredRange({ ...row, stream_id: row.key_stream_id, transaction_id: row.key_transaction_id });
        batch = { idempotencyKey: key, range, events: [] };
        batches.set(key, batch);
      }
      batch.events.push(toStoredEvent(row as EventRow, this.upcasters));
    }
    return batches;
  }

  async readByIdempotencyKey(key: string): Promise<IdempotentBatch | null> {
    return (await this.readIdempotent([key])).get(key) ?? null;
  }

  /**
   * The checkpoint a reader must reach to have seen every event committed so far (BEGINNING for an empty
   * store): the barrier for `subscription.waitFor`. It may lie beyond the visibility horizon for a while.
   */
  async headCheckpoint(db: Queryable = this.pool): Promise<Checkpoint> {
    return this.checkpointFrom(db, COMMITTED_HEAD_SQL);
  }

  /** The newest checkpoint readers can see now: nothing invisible sorts before it (where 'now' starts). */
  async visibleHeadCheckpoint(db: Queryable = this.pool): Promise<Checkpoint> {
    return this.checkpointFrom(db, HEAD_CHECKPOINT_SQL);
  }

  private async checkpointFrom(db: Queryable, text: string): Promise<Checkpoint> {
    const { rows } = await db.query(text);
    if (rows.length === 0) return BEGINNING;
    return { transactionId: toBigInt(rows[0].transaction_id), position: toBigInt(rows[0].global_position) };
  }

  /** How far behind the visibility horizon is, and what holds it back. */
  async horizon(): Promise<Horizon> {
    return horizonOf(this.pool);
  }

  subscribe(options: SubscriptionOptions): CatchUpSubscription {
    return new CatchUpSubscription(this, options);
  }

  /** Waits for pending notifications; the pool belongs to the caller and stays open. */
  async close(): Promise<void> {
    await this.notifier.drain();
  }
}

