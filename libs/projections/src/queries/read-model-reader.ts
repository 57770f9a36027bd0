import type { Pool } from 'pg';
import type { ActorCode } from '@app/contracts';
import { dyadActors, evaluationDate, incidentsByDyad, incidentsKnownAt, incidentsOfDyad, type Contribution, type EvaluationTime, type Instant } from '@app/escalation';
import { offerKeyOfRow } from '../core/offer-scope';
import { toContributionRow } from '../core/rows';
import { offerClosure, offersOf } from '../core/offer-evaluation';
import { activeGeneration } from '../pg/generations';
import { CONTRIBUTION_COLUMNS, contributionFromRecord, type ContributionRecord } from '../pg/row-codec';
import { schemaOf } from '../schema/read-model-schema';
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
 * store: rows counted at `knownAt` are merged into incidents and the ladder is evaluated at `at`.
 */
export class ReadModelReader {
  constructor(private readonly pool: Pool) {}

  async dyads(filter: DyadFilter, clocks: Clocks): Promise<DyadSummary[]> {
    const schema = await this.schema();
    const rows = await this.contributions(schema, filter.actor ? `actors @> ARRAY[$X]::text[] AND cardinality(dyads) > 0` : 'cardinality(dyads) > 0', filter.actor ? [filter.actor] : [], clocks.knownAt);
    const summaries: DyadSummary[] = [];
    for (const [dyad, incidents] of incidentsByDyad(incidentsKnownAt(rows, clocks.knownAt))) {
      const summary = dyadSummaryAt(dyad, incidents, clocks.at);
      if (summary && matchesDyad(summary, filter)) summaries.push(summary);
    }
    return summaries.sort(compareSummaries);
  }

  /** One dyad; null when it was never seen. */
  async dyad(dyad: string, clocks: Clocks): Promise<DyadDetail | null> {
    const schema = await this.schema();
    const { rows: seen } = await this.pool.query(`SELECT 1 FROM ${schema}.dyads WHERE dyad = $1`, [dyad]);
    if (seen.length === 0) return null;
    const rows = await this.contributions(schema, 'dyads @> ARRAY[$X]::text[]', [dyad], clocks.knownAt);
    const incidents = incidentsOfDyad(incidentsKnownAt(rows, clocks.knownAt), dyad);
    return dyadDetailAt(dyad, incidents, clocks.at, await this.offerIdsBetween(schema, dyadActors(dyad), clocks));
  }

  /** Offers exist from their first offer or mediation incident; answers never create one, so those rows suffice. */
  private async offerIdsBetween(schema: string, [a, b]: [ActorCode, ActorCode], clocks: Clocks): Promise<string[]> {
    const rows = await this.contributions(schema, `mediation AND category IN ('MEDIATION_OFFER', 'MEDIATION') AND actors @> $X::text[]`, [[a, b]], clocks.knownAt);
    const date = evaluationDate(clocks.at);
    const ids = new Set<string>();
    for (const contribution of rows) {
      const key = offerKeyOfRow(toContributionRow(contribution));
      if (key && contribution.event.occurredOn <= date && key.parties.includes(a) && key.parties.includes(b)) ids.add(key.offerId);
    }
    return [...ids].sort();
  }

  async offers(filter: OfferFilter, clocks: Clocks): Promise<OfferView[]> {
    const schema = await this.schema();
    const actors = [filter.mediator, filter.party].filter((actor): actor is ActorCode => actor !== undefined);
    const offers = actors.length > 0 ? await this.offersAmong(schema, actors, clocks) : offersOf(await this.mediationRows(schema, null, clocks.knownAt), clocks.at, clocks.knownAt);
    return offers.map(offerView).filter((offer) => matchesOffer(offer, filter));
  }

  /** One offer as of T; null when none with that id had been reported by then. */
  async offer(offerId: string, mediator: ActorCode, parties: ActorCode[], clocks: Clocks): Promise<OfferView | null> {
    const offers = await this.offersAmong(await this.schema(), [mediator, ...parties], clocks);
    const offer = offers.find((candidate) => candidate.offerId === offerId);
    return offer ? offerView(offer) : null;
  }

  async dyadExists(dyad: string): Promise<boolean> {
    const { rows } = await this.pool.query(`SELECT 1 FROM ${await this.schema()}.dyads WHERE dyad = $1`, [dyad]);
    return rows.length > 0;
  }

  private async offersAmong(schema: string, actors: ActorCode[], clocks: Clocks) {
    const closure = await offerClosure(new Set(actors), (wanted) => this.mediationRows(schema, wanted, clocks.knownAt));
    const involved = new Set(actors);
    return offersOf(closure.rows, clocks.at, clocks.knownAt).filter((offer) => [offer.mediator, ...offer.parties].some((actor) => involved.has(actor)));
  }

  private mediationRows(schema: string, actors: ReadonlySet<ActorCode> | null, knownAt?: Instant): Promise<Contribution[]> {
    return actors === null
      ? this.contributions(schema, 'mediation', [], knownAt)
      : this.contributions(schema, 'mediation AND actors && $X::text[]', [[...actors]], knownAt);
  }

  /** Rows counted at `knownAt` (or now), with `$X` in `where` standing for the one extra parameter. */
  private async contributions(schema: string, where: string, params: unknown[], knownAt?: Instant): Promise<Contribution[]> {
    const clock = knownAt === undefined ? 'withdrawn_at IS NULL' : `recorded_at <= $1 AND (withdrawn_at IS NULL OR withdrawn_at > $1)`;
    const values = knownAt === undefined ? params : [knownAt, ...params];
    const condition = where.replace(/\$X/g, `$${values.length}`);
    const { rows } = await this.pool.query<ContributionRecord>(`SELECT ${CONTRIBUTION_COLUMNS} FROM ${schema}.contributions WHERE ${clock} AND ${condition}`, values);
    return rows.map(contributionFromRecord);
  }

  private async schema(): Promise<string> {
    return schemaOf(await activeGeneration(this.pool));
  }
}
