import type { Pool } from 'pg';
import type { ActorCode } from '@app/contracts';
import { dyadActors, evaluationDate, incidentsByDyad, incidentsKnownAt, incidentsOfDyad, type Contribution, type EvaluationTime, type Instant } from '@app/escalation';
import { offerKeyOfRow } from '../core/offer-scope';
import { toContributionRow } from '../core/rows';
import { offerClosure, offersOf } from '../core/offer-evaluation';
import { activeGeneration } from '../pg/generations';
import { CONTRIBUTION_COLUMNS, contributionFromRecord, type ContributionRecord } from '../pg/row-codec';
import { READ_MODELS_PROJECTION, schemaOf } from '../schema/read-model-schema';
import {
  compareSummaries,
  dyadDetailAt,
  dyadSummaryAt,
  matchesDyad,
  matchesOffer,
  offerView,
  type DyadDetail,
  type DyadFilter,
  type DyadSummary,
  type IncidentView,
  type OfferFilter,
  type OfferView,
} from './views';

/** The two clocks of a query: valid time `at` (asOf, or now) and record time `knownAt` (absent = now). */
export interface Clocks {
  at: EvaluationTime;
  knownAt?: Instant;
}

/**
 * Answers any (asOf, knownAt) from the contribution rows of the active generation, without replaying the
 * store: rows counted at `knownAt` are merged into incidents and the ladder is evaluated at `at`. The active
 * generation is remembered; the statement that reads the rows also reads the pointer (same snapshot), and a
 * stale generation re-runs the read against the one the pointer names.
 */
export class ReadModelReader {
  private generation: number | null = null;

  constructor(private readonly pool: Pool) {}

  async dyads(filter: DyadFilter, clocks: Clocks): Promise<DyadSummary[]> {
    const rows = await this.inGeneration((schema) =>
      this.rows(schema, filter.actor ? `actors @> ARRAY[$X]::text[] AND cardinality(dyads) > 0` : 'cardinality(dyads) > 0', filter.actor ? [filter.actor] : [], clocks.knownAt),
    );
    const summaries: DyadSummary[] = [];
    for (const [dyad, incidents] of incidentsByDyad(incidentsKnownAt(rows, clocks.knownAt))) {
      const summary = dyadSummaryAt(dyad, incidents, clocks.at);
      if (summary && matchesDyad(summary, filter)) summaries.push(summary);
    }
    return summaries.sort(compareSummaries);
  }

  /** One dyad; null when it was never seen. */
  async dyad(dyad: string, clocks: Clocks): Promise<DyadDetail | null> {
    return clocks.knownAt === undefined ? this.currentDyad(dyad, clocks.at) : this.dyadKnownAt(dyad, clocks);
  }

  /**
   * Current knowledge at any valid time, from the dyad's incident rows as the projector merged them (one
   * index range, a few pages) and the offers' rows, in one statement: no contribution is read or merged again.
   */
  private currentDyad(dyad: string, at: EvaluationTime): Promise<DyadDetail | null> {
    const [a, b] = dyadActors(dyad);
    const date = evaluationDate(at);
    return this.inGeneration(async (schema): Promise<Pointed<DyadDetail | null>> => {
      const { rows } = await this.pool.query<CurrentDyadRecord>(
        `SELECT ${POINTER},
                EXISTS (SELECT 1 FROM ${schema}.dyads WHERE dyad = $1) AS seen,
                coalesce((SELECT json_agg(i.view ORDER BY i.occurred_on, i.incident_key COLLATE "C") FROM ${schema}.dyad_incidents i
                          WHERE i.dyad = $1 AND i.occurred_on <= $2::date), '[]'::json) AS incidents,
                ARRAY(SELECT o.offer_id FROM ${schema}.offers o
                      WHERE o.parties @> ARRAY[$3, $4]::text[] AND o.offer->>'firstReportedOn' <= $5::text ORDER BY o.offer_id COLLATE "C") AS offers`,
        [dyad, date, a, b, date],
      );
      const [record] = rows;
      return [record.seen ? dyadDetailAt(dyad, record.incidents, at, record.offers) : null, record.active_generation];
    });
  }

  /** As the store knew it at `knownAt`: the contribution rows counted then, merged into incidents. */
  private async dyadKnownAt(dyad: string, clocks: Clocks): Promise<DyadDetail | null> {
    const actors = dyadActors(dyad);
    return this.inGeneration(async (schema): Promise<Pointed<DyadDetail | null>> => {
      // One statement reads the dyad's rows and the mediation rows naming both its states (its offers);
      // incidents of other dyads among the latter are left out below.
      const [rows, pointer] = await this.rows(
        schema,
        `(dyads @> ARRAY[$X]::text[] OR (mediation AND category IN ('MEDIATION_OFFER', 'MEDIATION') AND actors @> string_to_array($X, '-')))`,
        [dyad],
        clocks.knownAt,
      );
      const incidents = incidentsOfDyad(incidentsKnownAt(rows, clocks.knownAt), dyad);
      if (incidents.length === 0) {
        const { rows: seen } = await this.pool.query(`SELECT 1 FROM ${schema}.dyads WHERE dyad = $1`, [dyad]);
        if (seen.length === 0) return [null, pointer];
      }
      return [dyadDetailAt(dyad, incidents, clocks.at, offerIdsBetween(rows, actors, clocks)), pointer];
    });
  }

  async offers(filter: OfferFilter, clocks: Clocks): Promise<OfferView[]> {
    const actors = [filter.mediator, filter.party].filter((actor): actor is ActorCode => actor !== undefined);
    const offers = actors.length > 0 ? await this.offersAmong(actors, clocks) : offersOf(await this.mediationRows(null, clocks.knownAt), clocks.at, clocks.knownAt);
    return offers.map(offerView).filter((offer) => matchesOffer(offer, filter));
  }

  /** One offer as of T; null when none with that id had been reported by then. */
  async offer(offerId: string, mediator: ActorCode, parties: ActorCode[], clocks: Clocks): Promise<OfferView | null> {
    const offers = await this.offersAmong([mediator, ...parties], clocks);
    const offer = offers.find((candidate) => candidate.offerId === offerId);
    return offer ? offerView(offer) : null;
  }

  private async offersAmong(actors: ActorCode[], clocks: Clocks) {
    const closure = await offerClosure(new Set(actors), (wanted) => this.mediationRows(wanted, clocks.knownAt));
    const involved = new Set(actors);
    return offersOf(closure.rows, clocks.at, clocks.knownAt).filter((offer) => [offer.mediator, ...offer.parties].some((actor) => involved.has(actor)));
  }

  private mediationRows(actors: ReadonlySet<ActorCode> | null, knownAt?: Instant): Promise<Contribution[]> {
    return this.inGeneration((schema) =>
      actors === null ? this.rows(schema, 'mediation', [], knownAt) : this.rows(schema, 'mediation AND actors && $X::text[]', [[...actors]], knownAt),
    );
  }

  /**
   * Runs `read` against the remembered generation's schema. `read` answers with the pointer its statement saw
   * (null when it saw none: no row came back, or it did not read it), which is then asked for on its own.
   */
  private async inGeneration<T>(read: (schema: string) => Promise<Pointed<T>>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      const generation = this.generation ?? (this.generation = await activeGeneration(this.pool));
      try {
        const [result, pointer] = await read(schemaOf(generation));
        const active = pointer ?? (await activeGeneration(this.pool));
        if (active === generation) return result;
        this.generation = active;
      } catch (error) {
        // A remembered generation dropped since (a later rebuild began): ask the pointer again, once.
        if ((error as { code?: string }).code !== UNDEFINED_TABLE || attempt > 0) throw error;
        this.generation = null;
      }
    }
  }

  /** Rows counted at `knownAt` (or now), with `$X` in `where` standing for the one extra parameter, and the pointer. */
  private async rows(schema: string, where: string, params: unknown[], knownAt?: Instant): Promise<Pointed<Contribution[]>> {
    const clock = knownAt === undefined ? 'withdrawn_at IS NULL' : `recorded_at <= $1 AND (withdrawn_at IS NULL OR withdrawn_at > $1)`;
    const values = knownAt === undefined ? params : [knownAt, ...params];
    const condition = where.replace(/\$X/g, `$${values.length}`);
    const { rows } = await this.pool.query<PointedRecord>(`SELECT ${POINTER}, ${CONTRIBUTION_COLUMNS} FROM ${schema}.contributions WHERE ${clock} AND ${condition}`, values);
    return [rows.map(contributionFromRecord), rows.length > 0 ? rows[0].active_generation : null];
  }
}

/** A read's result and the generation pointer its statement saw (null: none seen). */
type Pointed<T> = [T, number | null];

type PointedRecord = ContributionRecord & { active_generation: number };

interface CurrentDyadRecord {
  active_generation: number;
  seen: boolean;
  incidents: IncidentView[];
  offers: string[];
}

/** The generation pointer, read by the same statement as the rows (same snapshot). */
const POINTER = `(SELECT active_generation FROM read_model_generations WHERE projection = '${READ_MODELS_PROJECTION}') AS active_generation`;

const UNDEFINED_TABLE = '42P01';

/** Offers exist from their first offer or mediation incident; answers never create one, so those rows suffice. */
function offerIdsBetween(rows: readonly Contribution[], [a, b]: [ActorCode, ActorCode], clocks: Clocks): string[] {
  const date = evaluationDate(clocks.at);
  const ids = new Set<string>();
  for (const contribution of rows) {
    const key = offerKeyOfRow(toContributionRow(contribution));
    if (key && contribution.event.occurredOn <= date && key.parties.includes(a) && key.parties.includes(b)) ids.add(key.offerId);
  }
  return [...ids].sort();
}
