import type { Pool } from 'pg';

export const EVENTS_CHANNEL = 'wirewatch_events';

/**
 * Tells listeners that events were committed. NOTIFY inside the append would take PostgreSQL's global
 * notify lock through the commit flush and serialize all writers, so it is sent after the commit,
 * coalesced: at most one in flight per process, and one more if appends landed meanwhile.
 * In-process listeners are called at once. A lost notification only delays readers until their next poll.
 */
export class CommitNotifier {
  private inFlight = false;
  private pending = false;
  private readonly localListeners = new Set<() => void>();

  constructor(
    private readonly pool: Pool,
    private readonly enabled: boolean,
  ) {}

  onLocalCommit(listener: () => void): () => void {
    this.localListeners.add(listener);
    return () => this.localListeners.delete(listener);
  }

  signal(): void {
    for (const listener of this.localListeners) listener();
    if (!this.enabled) return;
    if (this.inFlight) {
      this.pending = true;
      return;
    }
    this.send();
  }

  private send(): void {
    this.inFlight = true;
    this.pending = false;
    this.pool
      .query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, ''])
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = false;
        if (this.pending) this.send();
      });
  }

  /** Waits for the notification in flight, so a pool can be ended cleanly. */
  async drain(): Promise<void> {
    while (this.inFlight) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
