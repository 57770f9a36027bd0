import { Client, type ClientConfig } from 'pg';

/** The advisory lock all relays of one database compete for (a 64-bit key derived from this name). */
export const ALERT_RELAY_LOCK = 'wirewatch:alert-relay';

/**
 * Leadership by a session-level advisory lock on a connection of its own: it holds no transaction and no row
 * lock (so the event store's read horizon is never held back) and it is released by PostgreSQL the moment the
 * leader's session ends, a SIGKILL included. Only the leader publishes, so two relays never interleave a key.
 */
export class RelayLeadership {
  private client: Client | null = null;
  private leading = false;

  constructor(private readonly connection: ClientConfig) {}

  get isLeader(): boolean {
    return this.leading && this.client !== null;
  }

  /** True when this relay holds the lock (acquired now or before). */
  async acquire(): Promise<boolean> {
    if (this.isLeader) return true;
    if (!this.client) {
      const client = new Client(this.connection);
      client.on('error', () => this.drop(client));
      try {
        await client.connect();
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
      this.client = client;
    }
    const { rows } = await this.client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [ALERT_RELAY_LOCK]);
    this.leading = rows[0].locked;
    return this.leading;
  }

  /**
   * Proves the lock's session is still alive just before a batch goes out (a session-level lock lives as long as
   * its session): a cut connection is noticed here rather than whenever its error event arrives.
   */
  async confirm(): Promise<boolean> {
    const client = this.client;
    if (!this.leading || !client) return false;
    try {
      await client.query('SELECT 1');
      return this.isLeader;
    } catch {
      this.drop(client);
      return false;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.leading = false;
    await client?.end().catch(() => undefined);
  }

  private drop(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.leading = false;
    client.end().catch(() => undefined);
  }
}
