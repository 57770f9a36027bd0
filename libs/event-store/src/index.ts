export * from './types';
export * from './checkpoint';
export * from './errors';
export { normalizeExpected, satisfiesExpected, validateAppends, toAppendParameters } from './append-plan';
export type { ExpectedKind, NormalizedExpected, AppendParameters } from './append-plan';
export * from './upcasting';
export * from './upcasters/wire-report-received';
export { migrateDatabase, MIGRATIONS_TABLE, type MigrationClass } from './migrate-database';
export { eventStoreMigrations } from './migrations';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
export type { Horizon } from './horizon';
export { EVENTS_CHANNEL } from './notifications';
export {
  CatchUpSubscription,
  type BatchHandler,
  type BatchRange,
  type SubscriptionOptions,
} from './subscriptions/catch-up-subscription';
export { initialCheckpoint, retryDelay, type SubscriptionStart } from './subscriptions/subscription-start';
export { compareAndSetCheckpoint, loadCheckpoint } from './subscriptions/checkpoint-store';
export { Wakeup } from './subscriptions/wakeup';
