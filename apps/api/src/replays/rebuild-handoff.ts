/**
 * Port for `{kind:"rebuild", projection}`: the projections side provides it (token REBUILD_REQUESTER, from a
 * global module) to start a blue/green rebuild and answer its id. Until it does, the API answers 501.
 */
export interface RebuildRequester {
  /** Starts rebuilding the projection; resolves with an id whose progress GET /api/v1/replays/{id} need not know. */
  request(projection: string, requestedBy: string | null): Promise<{ replayId: string }>;
}

export const REBUILD_REQUESTER = Symbol('REBUILD_REQUESTER');

export const REBUILD_UNAVAILABLE =
  'rebuilds cannot be requested over HTTP in this version: run `wirewatch rebuild PROJECTION` on a host with database access';
