import { Client, type Pool } from 'pg';
import { evaluationDate, type EvaluationTime, type IsoDate, type LadderIncident } from '@app/escalation';
import type { MediationOffer } from '@app/mediation';
import { activeGeneration } from '../pg/generations';
import { dyadIncidentsJson, READ_MODELS_CHANNEL, schemaOf } from '../schema/read-model-schema';
import { JsonBody } from './json-body';
import { compareSummaries, dyadSummaryAt, matchesDyad, matchesOffer, offerView, type DyadFilter, type DyadSummary, type OfferFilter, type OfferView } from './views';

interface StoredDyad {
  dyad: string;
  incidents: LadderIncident[];
  digest: string;
}

interface StoredOffer {
  offer_id: string;
  offer: MediationOffer;
  digest: string;
}

/**
 * A dyad's digest: the transaction id that last wrote its row (`xmin`). The projector upserts a dyad's row in
 * every transaction that writes any of its incident rows, so the id changes with them. A resync reads it for
 * every dyad each minute from the small dyads table; hashing the incident rows instead read all of them
 * (337,713 rows of the benchmark's world: 250–730 ms of a core each minute, beside the requests being served).
 */
const DYAD_DIGEST = 'd.xmin::text';

/** Each dyad (those in $1 with `only`) with its incidents and their digest. */
const storedDyadsSql = (schema: string, only = false): string =>
  `SELECT d.dyad, ${dyadIncidentsJson(schema)} AS incidents, ${DYAD_DIGEST} AS digest
   FROM ${schema}.dyads d ${only ? 'WHERE d.dyad = ANY($1::text[])' : ''}`;

/** Every dyad's digest, as `storedDyadsSql` reads it. */
const dyadDigestsSql = (schema: string): string => `SELECT d.dyad AS id, ${DYAD_DIGEST} AS digest FROM ${schema}.dyads d`;

const OFFER_COLUMNS = 'offer_id, offer, md5(offer::text) AS digest';

/** The dyads' standing on one date: summaries worked out on demand, the sorted list and its body made once. */
interface Readings {
  byDyad: Map<string, DyadSummary | null>;
  sorted: DyadSummary[] | null;
  json: JsonBody | null;
}

/** Dates whose readings are kept (today and the dates a time slider visits), the least recently asked dropped first. */
const KEPT_DATES = 16;

const isUnfiltered = (filter: DyadFilter): boolean => filter.minLevel === undefined && filter.actor === undefined;

interface ChangeNotice {
  generation: number;
  dyads?: string[];
  offers?: string[];
  all?: boolean;
}

/**
 * The answers about current knowledge, from memory: every dyad's current incidents and every offer, loaded
 * once and then refreshed row by row from the projector's change notifications (LISTEN/NOTIFY), with a full
 * reload on a generation switch and a lost connection. Every `resyncMs`, as a safety net, the rows' digests are
 * compared with those in memory and only differing rows are re-read: a full reload would stall the event loop
 * (and every request) for a large fraction of a second each time. The dyad list is read at any valid time from
 * the same incidents (the ladder ignores those dated after it), and readings are cached per UTC date: nothing
 * on the ladder moves within a day unless a row changes.
 */
export class CurrentReadModels {
  private generation = 0;
  private readonly incidents = new Map<string, LadderIncident[]>();
  private readonly offers = new Map<string, MediationOffer>();
  /** Each row's digest as read (a dyad's last writer, an offer's md5), to find rows that changed without a notification. */
  private readonly dyadDigests = new Map<string, string>();
  private readonly offerDigests = new Map<string, string>();
  private offersJsonCache: JsonBody | null = null;
  private readonly readings = new Map<IsoDate, Readings>();
  private listener: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    private readonly resyncMs = 60_000,
  ) {}

  async start(): Promise<void> {
    await this.listen();
    await this.reloadAll();
    this.timer = setInterval(() => this.enqueue(async () => {
      if (this.listener) return this.resync();
      await this.listen();
      await this.reloadAll();
    }), this.resyncMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.refreshing.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /** Resolves when the refreshes queued so far are done (tests, benchmarks). */
  settled(): Promise<void> {
    return this.refreshing;
  }

  /** Every dyad with an incident dated up to `at` (default now), as known now. */
  dyads(filter: DyadFilter, at: EvaluationTime = new Date().toISOString()): DyadSummary[] {
    const sorted = this.sortedOn(evaluationDate(at)).sorted!;
    return isUnfiltered(filter) ? sorted : sorted.filter((summary) => matchesDyad(summary, filter));
  }

  /** `{items}` as JSON; a date's unfiltered list is serialized (and gzipped) once per change, not once per request. */
  dyadsJson(filter: DyadFilter, at: EvaluationTime = new Date().toISOString()): JsonBody {
    const readings = this.sortedOn(evaluationDate(at));
    if (!isUnfiltered(filter)) return new JsonBody(JSON.stringify({ items: readings.sorted!.filter((summary) => matchesDyad(summary, filter)) }), false);
    readings.json ??= new JsonBody(JSON.stringify({ items: readings.sorted }), true);
    return readings.json;
  }

  /** `{items}` as JSON; the unfiltered list is serialized (and gzipped) once per change. */
  offersJson(filter: OfferFilter): JsonBody {
    const unfiltered = filter.mediator === undefined && filter.party === undefined && filter.status === undefined;
    if (!unfiltered) return new JsonBody(JSON.stringify({ items: this.offerViews(filter) }), false);
    this.offersJsonCache ??= new JsonBody(JSON.stringify({ items: this.offerViews(filter) }), true);
    return this.offersJsonCache;
  }

  offerViews(filter: OfferFilter): OfferView[] {
    return [...this.offers.values()].map(offerView).filter((offer) => matchesOffer(offer, filter)).sort((a, b) => (a.offerId < b.offerId ? -1 : 1));
  }

  /** The date's readings with their sorted list worked out. */
  private sortedOn(date: IsoDate): Readings {
    const readings = this.readingsOn(date);
    readings.sorted ??= [...this.incidents.keys()].map((dyad) => this.summary(dyad, date, readings)).filter((s): s is DyadSummary => s !== null).sort(compareSummaries);
    return readings;
  }

  private summary(dyad: string, date: IsoDate, readings: Readings): DyadSummary | null {
    if (!readings.byDyad.has(dyad)) readings.byDyad.set(dyad, dyadSummaryAt(dyad, this.incidents.get(dyad) ?? [], { date }));
    return readings.byDyad.get(dyad)!;
  }

  private readingsOn(date: IsoDate): Readings {
    let readings = this.readings.get(date);
    if (readings) this.readings.delete(date);
    else readings = { byDyad: new Map(), sorted: null, json: null };
    // Map order is insertion order: re-inserting keeps the most recently asked last.
    this.readings.set(date, readings);
    if (this.readings.size > KEPT_DATES) this.readings.delete(this.readings.keys().next().value!);
    return readings;
  }

  private enqueue(work: () => Promise<void>): void {
    this.refreshing = this.refreshing.then(work).catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client(this.pool.options);
    client.on('notification', (message) => {
      const notice = JSON.parse(message.payload ?? '{}') as ChangeNotice;
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
    } catch {
      await client.end().catch(() => undefined);
    }
  }

  private async apply(notice: ChangeNotice): Promise<void> {
    if (notice.generation !== this.generation || notice.all) {
      await this.reloadAll();
      return;
    }
    const schema = schemaOf(this.generation);
    if (notice.dyads && notice.dyads.length > 0) {
      const { rows } = await this.pool.query<StoredDyad>(storedDyadsSql(schema, true), [notice.dyads]);
      for (const dyad of notice.dyads) {
        this.incidents.delete(dyad);
        this.dyadDigests.delete(dyad);
        for (const readings of this.readings.values()) readings.byDyad.delete(dyad);
      }
      for (const row of rows) {
        this.incidents.set(row.dyad, row.incidents);
        this.dyadDigests.set(row.dyad, row.digest);
      }
      for (const readings of this.readings.values()) {
        readings.sorted = null;
        readings.json = null;
      }
    }
    if (notice.offers && notice.offers.length > 0) {
      const { rows } = await this.pool.query<StoredOffer>(`SELECT ${OFFER_COLUMNS} FROM ${schema}.offers WHERE offer_id = ANY($1::text[])`, [notice.offers]);
      this.offersJsonCache = null;
      for (const id of notice.offers) {
        this.offers.delete(id);
        this.offerDigests.delete(id);
      }
      for (const row of rows) {
        this.offers.set(row.offer_id, row.offer);
        this.offerDigests.set(row.offer_id, row.digest);
      }
    }
  }

  /** Re-reads only the rows whose stored documents differ from what is in memory (or that are gone). */
  private async resync(): Promise<void> {
    const generation = await activeGeneration(this.pool);
    if (generation !== this.generation) return this.reloadAll();
    const schema = schemaOf(generation);
    const [dyads, offers] = await Promise.all([
      this.pool.query<{ id: string; digest: string }>(dyadDigestsSql(schema)),
      this.pool.query<{ id: string; digest: string }>(`SELECT offer_id AS id, md5(offer::text) AS digest FROM ${schema}.offers`),
    ]);
    const stale = (rows: { id: string; digest: string }[], known: Map<string, string>): string[] => {
      const present = new Set(rows.map((row) => row.id));
      const gone = [...known.keys()].filter((id) => !present.has(id));
      return [...rows.filter((row) => known.get(row.id) !== row.digest).map((row) => row.id), ...gone];
    };
    await this.apply({ generation, dyads: stale(dyads.rows, this.dyadDigests), offers: stale(offers.rows, this.offerDigests) });
  }

  private async reloadAll(): Promise<void> {
    const generation = await activeGeneration(this.pool);
    const schema = schemaOf(generation);
    const [dyads, offers] = await Promise.all([
      this.pool.query<StoredDyad>(storedDyadsSql(schema)),
      this.pool.query<StoredOffer>(`SELECT ${OFFER_COLUMNS} FROM ${schema}.offers`),
    ]);
    this.generation = generation;
    this.incidents.clear();
    this.dyadDigests.clear();
    for (const row of dyads.rows) {
      this.incidents.set(row.dyad, row.incidents);
      this.dyadDigests.set(row.dyad, row.digest);
    }
    this.offers.clear();
    this.offerDigests.clear();
    this.offersJsonCache = null;
    for (const row of offers.rows) {
      this.offers.set(row.offer_id, row.offer);
      this.offerDigests.set(row.offer_id, row.digest);
    }
    this.readings.clear();
  }
}
