import type { ExpectedVersion } from './types';

export type EventStoreErrorCode =
  | 'CONCURRENCY_CONFLICT'
  | 'INVALID_APPEND'
  | 'CHECKPOINT_CONFLICT'
  | 'UPCAST_FAILED'
  | 'SUBSCRIPTION_STATE';

export class EventStoreError extends Error {
  constructor(
    readonly code: EventStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export function describeExpected(expected: ExpectedVersion): string {
  return typeof expected === 'number' ? `version ${expected}` : expected;
}

export function describeActual(actualVersion: number): string {
  return actualVersion === 0 ? 'no stream' : `version ${actualVersion}`;
}

/** The stream was not where the writer expected it. `actualVersion` is 0 when the stream does not exist. */
export class ConcurrencyError extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(
      'CONCURRENCY_CONFLICT',
      `Stream ${streamId}: expected ${describeExpected(expected)}, found ${describeActual(actualVersion)}`,
    );
  }
}

export class InvalidAppendError extends EventStoreError {
  constructor(message: string) {
    super('INVALID_APPEND', message);
  }
}

/** Another subscriber instance advanced the checkpoint first; this instance's batch was rolled back. */
export class CheckpointConflictError extends EventStoreError {
  constructor(readonly subscriptionId: string) {
    super('CHECKPOINT_CONFLICT', `Subscription ${subscriptionId}: checkpoint was advanced by another instance`);
  }
}

export class UpcastError extends EventStoreError {
  constructor(type: string, fromVersion: number, cause: unknown) {
    super('UPCAST_FAILED', `Cannot upcast ${type} v${fromVersion}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
