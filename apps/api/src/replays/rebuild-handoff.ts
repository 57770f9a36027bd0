import type { RebuildView } from '@app/replay';

/**
 * Port for `{kind:"rebuild", projection}`: starts a blue/green rebuild and answers its id, whose progress
 * GET /api/v1/replays/{id} shows. Without a provider for REBUILD_REQUESTER the API answers 501.
 */
export interface RebuildRequester {
  readonly projections: readonly string[];
  request(projection: string, requestedBy: string | null): Promise<{ replayId: string }>;
  find(replayId: string): Promise<RebuildView | null>;
}

export const REBUILD_REQUESTER = Symbol('REBUILD_REQUESTER');

export const REBUILD_UNAVAILABLE =
  'rebuilds cannot be requested over HTTP in this version: run `wirewatch rebuild PROJECTION` on a host with database access';
