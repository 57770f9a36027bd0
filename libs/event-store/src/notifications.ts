import type { Pool } from 'pg';

export const EVENTS_CHANNEL = 'wirewatch_events';

/** Under a steady stream of appends, at most one NOTIFY per this many milliseconds (after a pause, at once). */
export const NOTIFY_INTERVAL_MS = 10;

/**
 * Tells listeners that events were committed. NOTIFY inside the append would take PostgreSQL's global
 * notify lock through the commit flush and serialize all writers, so it is sent after the commit,
 * coalesced: at most one in flight per process, and one more if appends landed meanwhile. A NOTIFY is a
 * transaction with a commit flush of its own, so under load they are spaced NOTIFY_INTERVAL_MS apart: one per
 * append would cost a quarter of single-event append throughput (bench:store), and readers woken 10 ms later
 * lose nothing. In-process listeners are called at once. A lost notification only delays readers until their
 * next poll.
 */
export class CommitNotifier {
  private inFlight = false;
  private pending = false;
  private lastSentAt = 0;
  private spacing: NodeJS.Timeout | null = null;
  private readonly localListeners = new Set<() => void>();

  constructor(
    private readonly pool: Pool,
    private readonly enabled: boolean,
    private readonly intervalMs = NOTIFY_INTERVAL_MS,
  ) {}

  onLocalCommit(listener: () => void): () => void {
    this.localListeners.add(listener);
    return () => this.localListeners.delete(listener);
  }

  signal(): void {
    for (const listener of this.localListeners) listener();
    if (!this.enabled) return;
    this.pending = true;
    if (!this.inFlight && !this.spacing) this.sendWhenDue();
  }

  /** Sends now if the last NOTIFY is at least the interval old, else when it will be. */
  private sendWhenDue(): void {
    const wait = this.lastSentAt + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.send();
      return;
    }
    this.spacing = setTimeout(() => {
      this.spacing = null;
      this.send();
    }, wait);
  }

  /** The interval counts from when the NOTIFY went to the driver: a thread preempted just before does not shorten it. */
  private send(): void {
    this.inFlight = true;
    this.pending = false;
    const notified = this.pool.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, '']);
    this.lastSentAt = Date.now();
    notified
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = false;
        if (this.pending) this.sendWhenDue();
      });
  }

  /** Waits for the notification in flight (and one spaced after it), so a pool can be ended cleanly. */
  async drain(): Promise<void> {
    while (this.inFlight || this.spacing) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
