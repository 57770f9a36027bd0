import { Client, type Pool } from 'pg';
import { EVENTS_CHANNEL } from '../notifications';

/** A sleep that ends early when signalled; a signal while nobody sleeps makes the next sleep return at once. */
export class Wakeup {
  private signalled = false;
  private wake: (() => void) | null = null;

  signal(): void {
    this.signalled = true;
    this.wake?.();
  }

  /** Resolves true when a signal ended (or preceded) the sleep, false when its time ran out. */
  async sleep(ms: number): Promise<boolean> {
    if (this.signalled) {
      this.signalled = false;
      return true;
    }
    const bySignal = await new Promise<boolean>((resolve) => {
      const done = (signalled: boolean): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve(signalled);
      };
      const timer = setTimeout(() => done(false), ms);
      this.wake = () => done(true);
    });
    this.signalled = false;
    return bySignal;
  }
}

/** A dedicated connection that LISTENs on the events channel; losing it only leaves polling. */
export class EventsListener {
  private client: Client | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly onNotification: () => void,
  ) {}

  async connect(): Promise<void> {
    if (this.client) return;
    const client = new Client(this.pool.options);
    client.on('notification', () => this.onNotification());
    client.on('error', () => {
      if (this.client === client) this.client = null;
      client.end().catch(() => undefined);
    });
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.client = client;
  }

  get connected(): boolean {
    return this.client !== null;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
