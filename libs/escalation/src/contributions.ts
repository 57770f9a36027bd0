import type { CodedEvent } from '@app/contracts';
import { instantMs, type Instant } from './calendar';

/**
 * One coded event of one coding of one report, with the record-time interval in which it counts:
 * from `recordedAt` (the coding was stored) until `withdrawnAt` (a newer coding of the same report, or a
 * report superseding it, was stored), or for good when `withdrawnAt` is null. A projector stores these rows
 * per dyad and evaluates any `knownAt` from them without replaying the store.
 */
export interface Contribution {
  reportId: string;
  coderVersion: string;
  recordedAt: Instant;
  withdrawnAt: Instant | null;
  event: CodedEvent;
}

/** Stable id of a contribution row (same coding, same event → same id). */
export function contributionId(contribution: Contribution): string {
  return `${contribution.reportId}@${contribution.recordedAt}#${contribution.event.eventId}`;
}

/**
 * Whether the store counted this contribution at record time `knownAt`; without `knownAt`, whether it
 * counts now (never withdrawn).
 */
export function isCountedAt(contribution: Contribution, knownAt?: Instant): boolean {
  return countedAtMs(contribution, knownAt === undefined ? null : instantMs(knownAt));
}

/** `isCountedAt` with `knownAt` already in epoch milliseconds (null = now), for filtering many rows. */
export function countedAtMs(contribution: Contribution, knownAtMs: number | null): boolean {
  if (knownAtMs === null) return contribution.withdrawnAt === null;
  if (instantMs(contribution.recordedAt) > knownAtMs) return false;
  return contribution.withdrawnAt === null || instantMs(contribution.withdrawnAt) > knownAtMs;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
