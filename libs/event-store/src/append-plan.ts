import { randomUUID } from 'node:crypto';
import { InvalidAppendError } from './errors';
import type { ExpectedVersion, StreamAppend } from './types';

export type ExpectedKind = 'no_stream' | 'stream_exists' | 'any' | 'exact';

export interface NormalizedExpected {
  kind: ExpectedKind;
  version: number;
}

/** Expected version 0 is "no stream": a stream exists from its first event (version 1). */
export function normalizeExpected(expected: ExpectedVersion): NormalizedExpected {
  if (typeof expected === 'number') {
    if (!Number.isSafeInteger(expected) || expected < 0) {
      throw new InvalidAppendError(`Expected version must be a whole number ≥ 0, got ${expected}`);
    }
    return expected === 0 ? { kind: 'no_stream', version: 0 } : { kind: 'exact', version: expected };
  }
  if (expected === 'no_stream' || expected === 'stream_exists' || expected === 'any') {
    return { kind: expected, version: 0 };
  }
  throw new InvalidAppendError(`Unknown expected version ${String(expected)}`);
}

/** Whether a stream at `actualVersion` (0 = absent) satisfies the expectation. */
export function satisfiesExpected(expected: ExpectedVersion, actualVersion: number): boolean {
  const { kind, version } = normalizeExpected(expected);
  switch (kind) {
    case 'any':
      return true;
    case 'no_stream':
      return actualVersion === 0;
    case 'stream_exists':
      return actualVersion > 0;
    case 'exact':
      return actualVersion === version;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** The column arrays of one multi-stream append, in the order the SQL `unnest`s them. */
export interface AppendParameters {
  streamIds: string[];
  expectedKinds: ExpectedKind[];
  expectedVersions: number[];
  eventCounts: number[];
  idempotencyKeys: (string | null)[];
  eventStreamIndexes: number[];
  eventOffsets: number[];
  eventIds: string[];
  eventTypes: string[];
  schemaVersions: number[];
  /**
   * Every event's data, then metadata, as one JSON array each: serialized in one pass, where a text array
   * of JSON documents would be escaped element by element by the driver (the bulk of an append's CPU).
   */
  data: string;
  metadata: string;
}

export type SchemaVersionOf = (type: string) => number;

export function validateAppends(appends: readonly StreamAppend[]): void {
  const streams = new Set<string>();
  const keys = new Set<string>();
  for (const append of appends) {
    if (typeof append.streamId !== 'string' || append.streamId.length === 0) {
      throw new InvalidAppendError('A stream id must be a non-empty string');
    }
    if (streams.has(append.streamId)) {
      throw new InvalidAppendError(`Stream ${append.streamId} appears twice in one append`);
    }
    streams.add(append.streamId);
    if (append.events.length === 0) throw new InvalidAppendError(`Append to ${append.streamId} has no events`);
    for (const event of append.events) {
      if (typeof event.type !== 'string' || event.type.length === 0) {
        throw new InvalidAppendError(`An event for ${append.streamId} has no type`);
      }
      if (event.data === undefined) throw new InvalidAppendError(`Event ${event.type} for ${append.streamId} has no data`);
    }
    if (append.idempotencyKey !== undefined) {
      if (append.idempotencyKey.length === 0) throw new InvalidAppendError('An idempotency key must not be empty');
      if (keys.has(append.idempotencyKey)) {
        throw new InvalidAppendError(`Idempotency key ${append.idempotencyKey} appears twice in one append`);
      }
      keys.add(append.idempotencyKey);
    }
    normalizeExpected(append.expected);
  }
}

/** Turns appends into column arrays; stream i (1-based) owns the events whose stream index is i. */
export function toAppendParameters(
  appends: readonly StreamAppend[],
  schemaVersionOf: SchemaVersionOf,
  newEventId: () => string = randomUUID,
): AppendParameters {
  validateAppends(appends);
  const params: AppendParameters = {
    streamIds: [],
    expectedKinds: [],
    expectedVersions: [],
    eventCounts: [],
    idempotencyKeys: [],
    eventStreamIndexes: [],
    eventOffsets: [],
    eventIds: [],
    eventTypes: [],
    schemaVersions: [],
    data: '',
    metadata: '',
  };
  const data: unknown[] = [];
  const metadata: unknown[] = [];
  appends.forEach((append, index) => {
    const expected = normalizeExpected(append.expected);
    params.streamIds.push(append.streamId);
    params.expectedKinds.push(expected.kind);
    params.expectedVersions.push(expected.version);
    params.eventCounts.push(append.events.length);
    params.idempotencyKeys.push(append.idempotencyKey ?? null);
    append.events.forEach((event, offset) => {
      params.eventStreamIndexes.push(index + 1);
      params.eventOffsets.push(offset + 1);
      params.eventIds.push(event.eventId ?? newEventId());
      params.eventTypes.push(event.type);
      params.schemaVersions.push(event.schemaVersion ?? schemaVersionOf(event.type));
      data.push(event.data);
      metadata.push(event.metadata ?? {});
    });
  });
  params.data = JSON.stringify(data);
  params.metadata = JSON.stringify(metadata);
  return params;
}

export function appendParameterValues(params: AppendParameters): unknown[] {
  return [
    params.streamIds,
    params.expectedKinds,
    params.expectedVersions,
    params.eventCounts,
    params.idempotencyKeys,
    params.eventStreamIndexes,
    params.eventOffsets,
    params.eventIds,
    params.eventTypes,
    params.schemaVersions,
    params.data,
    params.metadata,
  ];
}
