import type { PostgresEventStore } from '@app/event-store';

/**
 * Waits until readers see every committed event. A reader sees only transactions below the cluster-wide
 * snapshot horizon, so a transaction held open anywhere on the server (another test, another database)
 * delays what a reader sees; a test that reads right after seeding waits for this first.
 */
export async function allVisible(store: PostgresEventStore, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // Three answers in a row: the horizon has been seen to dip back for a moment on a busy shared server
  // (a DROP DATABASE elsewhere, holding an older transaction id, showed up as running after it had not).
  for (let inARow = 0; inARow < 3; ) {
    inARow = (await newestIsVisible(store)) ? inARow + 1 : 0;
    if (Date.now() > deadline) throw new Error(`the newest events were not visible to readers within ${timeoutMs} ms (a transaction is open somewhere on the server)`);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

async function newestIsVisible(store: PostgresEventStore): Promise<boolean> {
  const { rows } = await store.pool.query<{ tx: string; pos: string }>(
    'SELECT transaction_id::text AS tx, global_position::text AS pos FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1',
  );
  if (rows.length === 0) return true;
  const head = await store.visibleHeadCheckpoint();
  return head.transactionId === BigInt(rows[0].tx) && head.position === BigInt(rows[0].pos);
}
