import { BEGINNING, type Checkpoint } from '../checkpoint';

export type SubscriptionStart = 'beginning' | 'now' | Checkpoint;

/** Where a subscription with no stored checkpoint begins, given the newest visible checkpoint. */
export function initialCheckpoint(from: SubscriptionStart, head: Checkpoint): Checkpoint {
  if (from === 'beginning') return BEGINNING;
  if (from === 'now') return head;
  return from;
}

/** The delay before retrying a failed batch: doubling from `base`, capped at `max`. */
export function retryDelay(failures: number, base: number, max: number): number {
  if (failures <= 0) return 0;
  return Math.min(max, base * 2 ** Math.min(failures - 1, 20));
}
