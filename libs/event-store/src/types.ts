import type { Checkpoint } from './checkpoint';

/** Where a stored fact came from on Kafka. */
export interface KafkaOrigin {
  topic: string;
  partition: number;
  offset: string;
}

export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  kafka?: KafkaOrigin;
  [extra: string]: unknown;
}

/** An event as a writer hands it over. `schemaVersion` defaults to the registry's current version, else 1. */
export interface EventToAppend<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  metadata?: EventMetadata;
  eventId?: string;
  schemaVersion?: number;
}

/** An event as the store gives it back (already upcast to its current schema version). */
export interface StoredEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  metadata: EventMetadata;
  eventId: string;
  schemaVersion: number;
  streamId: string;
  /** 1 for the first event of a stream. */
  streamVersion: number;
  globalPosition: bigint;
  transactionId: bigint;
  recordedAt: Date;
}

/**
 * What the writer expects the stream to be: at this version (0 means "does not exist"), absent,
 * present at any version, or anything at all.
 */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendOptions {
  /** A key stored once: appending it again is a no-op that answers with what was stored the first time. */
  idempotencyKey?: string;
}

export interface StreamAppend {
  streamId: string;
  expected: ExpectedVersion;
  events: readonly EventToAppend[];
  idempotencyKey?: string;
}

/** Positions of one stored batch: its versions in the stream and its place in the global order. */
export interface StoredRange {
  streamId: string;
  firstVersion: number;
  lastVersion: number;
  firstPosition: bigint;
  lastPosition: bigint;
  transactionId: bigint;
  /** The checkpoint of the batch's last event: a reader past it has seen the whole batch. */
  checkpoint: Checkpoint;
}

export interface AppendedResult extends StoredRange {
  status: 'appended';
  /** The version to pass as `expected` on the next append. */
  nextExpectedVersion: number;
}

export interface DuplicateResult extends StoredRange {
  status: 'duplicate';
  idempotencyKey: string;
  nextExpectedVersion: number;
}

export interface ConflictResult {
  status: 'conflict';
  streamId: string;
  expected: ExpectedVersion;
  /** 0 when the stream does not exist. */
  actualVersion: number;
}

export type AppendResult = AppendedResult | DuplicateResult;
export type StreamAppendResult = AppendedResult | DuplicateResult | ConflictResult;

export interface StreamInfo {
  streamId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReadAllFilter {
  types?: readonly string[];
  streamId?: string;
  streamPrefix?: string;
  /** recordedAt ≥ from */
  from?: Date;
  /** recordedAt < until */
  until?: Date;
}

export interface ReadAllPage {
  events: StoredEvent[];
  /** The checkpoint after this page: the last event's, or `after` when the page is empty. */
  checkpoint: Checkpoint;
  /** True when fewer than `limit` visible events were left. */
  isEnd: boolean;
}

/** What was stored under an idempotency key. */
export interface IdempotentBatch {
  idempotencyKey: string;
  range: StoredRange;
  events: StoredEvent[];
}
