import { Client, type Pool } from 'pg';
import { READ_MODELS_CHANNEL } from '@app/projections';
import type { AlertPublisher } from './kafka-alert-publisher';
import { RelayLeadership } from './leadership';
import { correlationIdOf, OutboxStore, type PendingAlert } from './outbox-store';
import { Wakeup } from '@app/event-store';
import { backoffMs } from './backoff';

export type RelayLog = (level: 'log' | 'warn' | 'error', fields: Record<string, unknown>) => void;

export interface OutboxRelayOptions {
  /** Rows per publish (one batch in flight). */
  batchSize?: number;
  /** Safety-net poll when no notification arrives. */
  pollMs?: number;
  /** How often a relay that is not the leader tries the lock again. */
  standbyMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  log?: RelayLog;
  /** Fault-injection and observation hooks (tests): called around each Kafka send. */
  beforeSend?: (alerts: readonly PendingAlert[]) => void;
  afterSend?: (alerts: readonly PendingAlert[]) => void;
}

/**
 * The outbox relay: the leader reads unsent rows in sequence order, publishes them as one batch, and marks them
 * sent only after Kafka acknowledged them. A crash between the send and the mark re-sends the batch at the next
 * start (the same alertIds); a crash before the send loses nothing, since rows stay unsent. Woken by the
 * projector's NOTIFY, with a poll as the safety net; backs off while the broker or the database fails.
 */
export class OutboxRelay {
  private readonly store: OutboxStore;
  private readonly leadership: RelayLeadership;
  private readonly wakeup = new Wakeup();
  /** Ends a backoff early only on stop (notifications must not cut a backoff short while the broker is down). */
  private readonly stopWakeup = new Wakeup();
  private listener: Client | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private failures = 0;
  private lastListenAttempt = 0;
  published = 0;

  constructor(
    private readonly pool: Pool,
    private readonly publisher: AlertPublisher,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.store = new OutboxStore(pool);
    this.leadership = new RelayLeadership(pool.options);
  }

  get isLeader(): boolean {
    return this.leadership.isLeader;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeup.signal();
    this.stopWakeup.signal();
    await this.loop;
    this.loop = null;
    await Promise.allSettled([this.leadership.release(), this.closeListener(), this.publisher.close()]);
  }

  /** Wakes the relay now (a notification, a test). */
  nudge(): void {
    this.wakeup.signal();
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollMs ?? 1000;
    while (!this.stopping) {
      try {
        await this.ensureListening();
        if (!(await this.leadership.acquire())) {
          await this.wakeup.sleep(this.options.standbyMs ?? 2000);
          continue;
        }
        const sent = await this.relayOnce();
        if (this.failures > 0) this.log('log', { msg: 'alert relay recovered', afterFailures: this.failures });
        this.failures = 0;
        if (sent === 0) await this.wakeup.sleep(pollMs);
      } catch (error) {
        this.failures += 1;
        const delay = backoffMs(this.failures, this.options.backoff?.initialMs ?? 250, this.options.backoff?.maxMs ?? 10_000);
        if (this.failures === 1 || this.failures % 10 === 0) {
          this.log('warn', { msg: 'alert relay failed, backing off', error: (error as Error).message, failures: this.failures, delayMs: delay });
        }
        await this.stopWakeup.sleep(delay);
      }
    }
  }

  /** One batch: read, publish, mark. Returns how many alerts went out. */
  private async relayOnce(): Promise<number> {
    const batch = await this.store.pending(this.options.batchSize ?? 500);
    if (batch.length === 0) return 0;
    // The lock's session may have died while the rows were read: then another relay may lead; let it.
    if (!(await this.leadership.confirm())) return 0;
    this.options.beforeSend?.(batch);
    await this.publisher.publish(batch);
    this.options.afterSend?.(batch);
    await this.store.markSent(batch.map((alert) => alert.alertId));
    this.published += batch.length;
    for (const alert of batch) {
      this.log('log', {
        msg: 'alert published',
        alertId: alert.alertId,
        kind: alert.kind,
        key: alert.key,
        sequence: alert.sequence.toString(),
        correlationId: correlationIdOf(alert),
      });
    }
    return batch.length;
  }

  /** LISTENs on the projector's channel (NOTIFY sent in the transaction that writes rows and alerts); a lost connection only leaves the poll, retried every few seconds. */
  private async ensureListening(): Promise<void> {
    if (this.listener || Date.now() - this.lastListenAttempt < 5000) return;
    this.lastListenAttempt = Date.now();
    const client = new Client(this.pool.options);
    client.on('notification', () => this.wakeup.signal());
    client.on('error', () => {
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${READ_MODELS_CHANNEL}`);
      this.listener = client;
    } catch {
      await client.end().catch(() => undefined);
    }
  }

  private async closeListener(): Promise<void> {
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined);
  }

  private log(level: 'log' | 'warn' | 'error', fields: Record<string, unknown>): void {
    this.options.log?.(level, fields);
  }
}
