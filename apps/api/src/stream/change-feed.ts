import { randomBytes } from 'node:crypto';
import { Client, type Pool } from 'pg';
import { dyadActors, type LadderIncident } from '@app/escalation';
import type { MediationOffer } from '@app/mediation';
import { activeGeneration, dyadIncidentsJson, dyadSummaryAt, offerView, READ_MODELS_CHANNEL, schemaOf } from '@app/projections';

/** One server-sent event: `dyad`, `mediation-offer`, or `reset` (changes may have been missed: fetch again). */
export interface StreamMessage {
  id: string;
  seq: number;
  event: 'dyad' | 'mediation-offer' | 'reset';
  data: string;
}

interface ChangeNotice {
  generation: number;
  dyads?: string[];
  offers?: string[];
  all?: boolean;
}

export type Replay = { kind: 'replay'; messages: StreamMessage[] } | { kind: 'unknown' };

/**
 * The read-model changes of this API process, as SSE messages: the projector's NOTIFY (sent in the transaction
 * that wrote the rows) names the dyads and offers that changed; their current rows are read and turned into the
 * list items of `GET /api/v1/dyads` and `/mediation-offers`. Ids are `<boot>-<seq>`: a sequence per process,
 * prefixed by a random boot id. The last `capacity` messages are kept, so a client that reconnects with
 * `Last-Event-ID` gets what it missed; an id from another boot (a restart, another replica) or older than the
 * buffer, a lost LISTEN connection and a generation switch all give a `reset` (re-read everything).
 */
export class ReadModelChangeFeed {
  readonly bootId = randomBytes(4).toString('hex');
  private seq = 0;
  private readonly buffer: StreamMessage[] = [];
  private readonly subscribers = new Set<(message: StreamMessage) => void>();
  private listener: Client | null = null;
  private generation: number | null = null;
  private work: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly pool: Pool,
    private readonly capacity = 5000,
    private readonly relistenMs = 5000,
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.listen(false);
    this.timer = setInterval(() => {
      if (!this.listener && !this.stopped) this.enqueue(() => this.listen(true));
    }, this.relistenMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.work.catch(() => undefined);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  get listening(): boolean {
    return this.listener !== null;
  }

  /** Settles once the notices received so far are turned into messages (tests). */
  settled(): Promise<void> {
    return this.work;
  }

  subscribe(subscriber: (message: StreamMessage) => void): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** The messages after `lastEventId`, if this process still holds every one of them. */
  since(lastEventId: string): Replay {
    const match = /^([0-9a-f]+)-(\d+)$/.exec(lastEventId.trim());
    if (!match || match[1] !== this.bootId) return { kind: 'unknown' };
    const after = Number(match[2]);
    if (after > this.seq) return { kind: 'unknown' };
    const oldest = this.buffer[0]?.seq ?? this.seq + 1;
    if (after < oldest - 1) return { kind: 'unknown' };
    return { kind: 'replay', messages: this.buffer.filter((message) => message.seq > after) };
  }

  private enqueue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch(() => undefined);
  }

  private publish(event: StreamMessage['event'], data: unknown): void {
    this.seq += 1;
    const message: StreamMessage = { id: `${this.bootId}-${this.seq}`, seq: this.seq, event, data: JSON.stringify(data) };
    this.buffer.push(message);
    if (this.buffer.length > this.capacity) this.buffer.splice(0, this.buffer.length - this.capacity);
    for (const subscriber of this.subscribers) subscriber(message);
  }

  private async listen(afterLoss: boolean): Promise<void> {
    const client = new Client(this.pool.options);
    client.on('notification', (notification) => {
      if (notification.channel !== READ_MODELS_CHANNEL) return;
      const notice = JSON.parse(notification.payload ?? '{}') as ChangeNotice;
      this.enqueue(() => this.apply(notice));
    });
    client.on('error', () => {
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${READ_MODELS_CHANNEL}`);
      this.listener = client;
      this.generation = await activeGeneration(this.pool);
      if (afterLoss) this.publish('reset', { reason: 'listener reconnected', generation: this.generation });
    } catch {
      await client.end().catch(() => undefined);
    }
  }

  private async apply(notice: ChangeNotice): Promise<void> {
    if (notice.all || notice.generation !== this.generation) {
      const active = await activeGeneration(this.pool);
      if (notice.all || active !== this.generation) {
        this.generation = active;
        this.publish('reset', { reason: 'generation switched', generation: active });
        return;
      }
      if (notice.generation !== active) return; // a rebuild's generation, not served yet
    }
    const schema = schemaOf(this.generation ?? notice.generation);
    const date = this.today();
    if (notice.dyads && notice.dyads.length > 0) {
      const { rows } = await this.pool.query<{ dyad: string; incidents: LadderIncident[] }>(
        `SELECT d.dyad, ${dyadIncidentsJson(schema)} AS incidents FROM ${schema}.dyads d WHERE d.dyad = ANY($1::text[]) ORDER BY d.dyad`,
        [notice.dyads],
      );
      for (const row of rows) this.publish('dyad', dyadSummaryAt(row.dyad, row.incidents, { date }) ?? calmDyad(row.dyad));
    }
    if (notice.offers && notice.offers.length > 0) {
      const { rows } = await this.pool.query<{ offer_id: string; offer: MediationOffer }>(
        `SELECT offer_id, offer FROM ${schema}.offers WHERE offer_id = ANY($1::text[]) ORDER BY offer_id`,
        [notice.offers],
      );
      const found = new Set(rows.map((row) => row.offer_id));
      for (const row of rows) this.publish('mediation-offer', offerView(row.offer));
      for (const offerId of [...new Set(notice.offers)].filter((id) => !found.has(id)).sort()) this.publish('mediation-offer', { offerId, deleted: true });
    }
  }
}

/** A dyad whose incidents all lie outside the 30-day window (or were withdrawn). */
function calmDyad(dyad: string) {
  return { dyad, actors: dyadActors(dyad), level: 0, levelName: 'CALM', index: 0, since: null, lastIncidentOn: null, fatalities: 0, incidents: 0 };
}
