import type { Pool } from 'pg';
import { toBigInt } from './row-mapping';
import { HORIZON_SQL } from './sql/read-sql';

/**
 * Readers see only transactions below `visibleBelow` (the snapshot's xmin). A transaction left open
 * anywhere on the server holds it back; `oldestOpenTransactionMs` is that transaction's age and
 * `heldBackEvents` the committed events readers cannot see yet because of it.
 */
export interface Horizon {
  visibleBelow: bigint;
  oldestOpenTransactionMs: number | null;
  heldBackEvents: number;
}

export async function horizonOf(pool: Pick<Pool, 'query'>): Promise<Horizon> {
  const { rows } = await pool.query(HORIZON_SQL);
  const row = rows[0] as { horizon: string; oldest_ms: string | number | null; held_back: string };
  return {
    visibleBelow: toBigInt(row.horizon),
    oldestOpenTransactionMs: row.oldest_ms === null ? null : Math.max(0, Math.round(Number(row.oldest_ms))),
    heldBackEvents: Number(row.held_back),
  };
}
