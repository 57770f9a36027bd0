import type { PoolClient } from 'pg';
import type { Checkpoint } from '../checkpoint';
import { toBigInt } from '../row-mapping';

type Queryable = Pick<PoolClient, 'query'>;

export async function ensureCheckpoint(db: Queryable, subscriptionId: string, initial: Checkpoint): Promise<void> {
  await db.query(
    `INSERT INTO subscription_checkpoints (subscription_id, transaction_id, global_position)
     VALUES ($1, $2::xid8, $3) ON CONFLICT (subscription_id) DO NOTHING`,
    [subscriptionId, initial.transactionId.toString(), initial.position.toString()],
  );
}

export async function loadCheckpoint(db: Queryable, subscriptionId: string): Promise<Checkpoint | null> {
  const { rows } = await db.query(
    `SELECT transaction_id::text AS transaction_id, global_position FROM subscription_checkpoints WHERE subscription_id = $1`,
    [subscriptionId],
  );
  if (rows.length === 0) return null;
  return { transactionId: toBigInt(rows[0].transaction_id), position: toBigInt(rows[0].global_position) };
}

/**
 * Moves the checkpoint from `expected` to `next` inside the caller's transaction; false when another
 * instance moved it first. The row lock makes a concurrent instance wait, then find the value changed.
 */
export async function compareAndSetCheckpoint(
  tx: Queryable,
  subscriptionId: string,
  expected: Checkpoint,
  next: Checkpoint,
): Promise<boolean> {
  const result = await tx.query(
    `UPDATE subscription_checkpoints
     SET transaction_id = $4::xid8, global_position = $5, updated_at = now()
     WHERE subscription_id = $1 AND transaction_id = $2::xid8 AND global_position = $3`,
    [
      subscriptionId,
      expected.transactionId.toString(),
      expected.position.toString(),
      next.transactionId.toString(),
      next.position.toString(),
    ],
  );
  return result.rowCount === 1;
}
