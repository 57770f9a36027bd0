import type { ActorCode } from '@app/contracts';
import { incidentsKnownAt, type Incident, type ReportState } from '@app/escalation';
import type { OfferKey } from './offer-scope';
import { incidentViewOf, isCurrent, type ContributionRow, type DyadIncident, type DyadRow, type OfferRow, type OutboxAlert } from './rows';

/** What a batch (or a whole rebuild) changed, for the adapter to write in one transaction. */
export interface ReadModelChanges {
  reports: Map<string, ReportState>;
  contributionUpserts: Map<string, ContributionRow>;
  contributionDeletes: Set<string>;
  dyads: Map<string, DyadRow>;
  /** Incidents of the dyads above that changed, by `dyadIncidentId`; a rebuild writes every incident of its rows instead. */
  dyadIncidentUpserts: Map<string, { dyad: string; incident: DyadIncident }>;
  dyadIncidentDeletes: Map<string, { dyad: string; key: string }>;
  /** The detail form of every incident written above, as JSON text (a rebuild keeps hundreds of thousands), by incident key. */
  incidentViews: Map<string, string>;
  offerUpserts: Map<string, OfferRow>;
  offerDeletes: Set<string>;
  alerts: OutboxAlert[];
}

export const noChanges = (): ReadModelChanges => ({
  reports: new Map(),
  contributionUpserts: new Map(),
  contributionDeletes: new Set(),
  dyads: new Map(),
  dyadIncidentUpserts: new Map(),
  dyadIncidentDeletes: new Map(),
  incidentViews: new Map(),
  offerUpserts: new Map(),
  offerDeletes: new Set(),
  alerts: [],
});

/**
 * The working set a projection applies events to: report states, the current contribution rows of the
 * dyads and actors in play (indexed), dyad and offer rows. The live adapter loads what a batch touches;
 * a rebuild holds everything. Changes accumulate until taken.
 */
export class ReadModelState {
  readonly reports = new Map<string, ReportState>();
  private readonly current = new Map<string, ContributionRow>();
  private readonly byIncident = new Map<string, Set<string>>();
  /** The incidents (keys) of the current mediation rows of each actor. */
  private readonly mediationByActor = new Map<string, Set<string>>();
  /** Mediation incidents merged from their current rows, until one of those rows changes. */
  private readonly mediationIncidents = new Map<string, Incident>();
  readonly dyads = new Map<string, DyadRow>();
  readonly offers = new Map<string, OfferRow>();
  private readonly offersByActor = new Map<string, Set<string>>();
  private changes = noChanges();

  /** How many rows it holds (contributions, dyads and their incidents, offers): what a working set kept between batches is bounded by. */
  get rowCount(): number {
    let rows = this.current.size + this.dyads.size + this.offers.size;
    for (const dyad of this.dyads.values()) rows += dyad.incidents.length;
    return rows;
  }

  /** The changes so far, each written incident with its detail form (merged once, however often it changed). */
  takeChanges(): ReadModelChanges {
    const taken = this.changes;
    for (const { incident } of taken.dyadIncidentUpserts.values()) {
      if (taken.incidentViews.has(incident.key)) continue;
      taken.incidentViews.set(incident.key, JSON.stringify(incidentViewOf(this.currentOfIncident(incident.key).map((row) => row.contribution))));
    }
    this.changes = noChanges();
    return taken;
  }

  /** Adds a row read from storage (no change recorded). */
  loadContribution(row: ContributionRow): void {
    if (!isCurrent(row) || this.current.has(row.id)) return;
    this.current.set(row.id, row);
    indexAdd(this.byIncident, row.incidentKey, row.id);
    if (!row.mediation) return;
    for (const actor of row.actors) indexAdd(this.mediationByActor, actor, row.incidentKey);
    this.mediationIncidents.delete(row.incidentKey);
  }

  loadOffer(row: OfferRow): void {
    this.offers.set(row.offerId, row);
    for (const actor of [row.mediator, ...row.parties]) indexAdd(this.offersByActor, actor, row.offerId);
  }

  putReport(state: ReportState): void {
    this.reports.set(state.reportId, state);
    this.changes.reports.set(state.reportId, state);
  }

  putContribution(row: ContributionRow): void {
    this.unindex(row.id);
    this.loadContribution(row);
    this.changes.contributionDeletes.delete(row.id);
    this.changes.contributionUpserts.set(row.id, row);
  }

  deleteContribution(id: string): void {
    this.unindex(id);
    this.changes.contributionUpserts.delete(id);
    this.changes.contributionDeletes.add(id);
  }

  /** Puts a dyad's row; `changedKeys` names the incidents that may differ from the previous row (each is written or deleted). */
  putDyad(row: DyadRow, changedKeys: Iterable<string> = []): void {
    this.dyads.set(row.dyad, row);
    this.changes.dyads.set(row.dyad, row);
    const keys = new Set(changedKeys);
    if (keys.size === 0) return;
    const current = new Map(row.incidents.filter((incident) => keys.has(incident.key)).map((incident) => [incident.key, incident]));
    for (const key of keys) {
      const id = dyadIncidentId(row.dyad, key);
      const incident = current.get(key);
      if (incident) {
        this.changes.dyadIncidentDeletes.delete(id);
        this.changes.dyadIncidentUpserts.set(id, { dyad: row.dyad, incident });
      } else {
        this.changes.dyadIncidentUpserts.delete(id);
        this.changes.dyadIncidentDeletes.set(id, { dyad: row.dyad, key });
      }
    }
  }

  /** The detail form of an incident, as JSON text: a rebuild, which writes every incident, puts each one's as it settles. */
  putIncidentView(key: string, viewJson: string): void {
    this.changes.incidentViews.set(key, viewJson);
  }

  putOffer(row: OfferRow): void {
    this.loadOffer(row);
    this.changes.offerDeletes.delete(row.offerId);
    this.changes.offerUpserts.set(row.offerId, row);
  }

  deleteOffer(offerId: string): void {
    const row = this.offers.get(offerId);
    if (!row) return;
    this.offers.delete(offerId);
    for (const actor of [row.mediator, ...row.parties]) this.offersByActor.get(actor)?.delete(offerId);
    this.changes.offerUpserts.delete(offerId);
    this.changes.offerDeletes.add(offerId);
  }

  addAlert(alert: OutboxAlert): void {
    this.changes.alerts.push(alert);
  }

  currentOfIncident(incidentKey: string): ContributionRow[] {
    return rowsOf(this.byIncident.get(incidentKey), this.current);
  }

  /** Every current row under each of its dyads, sorted by id (as `currentOfIncident`). */
  currentByDyad(): Map<string, ContributionRow[]> {
    const byDyad = new Map<string, ContributionRow[]>();
    for (const id of [...this.current.keys()].sort()) {
      const row = this.current.get(id)!;
      for (const dyad of row.dyads) {
        const rows = byDyad.get(dyad);
        if (rows) rows.push(row);
        else byDyad.set(dyad, [row]);
      }
    }
    return byDyad;
  }

  /**
   * The current mediation incidents that decide `offers` in `offersAt`, out of those involving their parties:
   * the ones spoken by one of their mediators or parties. An answer attaches only to offers of the party that
   * gave it: to the open one of the mediator it names, if that mediator made any offer to the party, else to
   * every offer between the party and the one it names. So statements by anyone else cannot move it. (A busy
   * mediator's offers to other states are never read.)
   */
  currentMediationIncidentsFor(offers: Iterable<OfferKey>): Incident[] {
    const parties = new Set<ActorCode>();
    const speakers = new Set<ActorCode>();
    for (const offer of offers) {
      speakers.add(offer.mediator);
      for (const party of offer.parties) {
        parties.add(party);
        speakers.add(party);
      }
    }
    const keys = new Set<string>();
    for (const party of parties) {
      for (const key of this.mediationByActor.get(party) ?? []) if (speakers.has(sourceOfIncidentKey(key))) keys.add(key);
    }
    return [...keys].map((key) => this.mediationIncident(key));
  }

  /** A mediation incident merged from its current rows, kept until one of them changes: every coding that touches an offer reads its incidents again. */
  private mediationIncident(key: string): Incident {
    let incident = this.mediationIncidents.get(key);
    if (!incident) {
      [incident] = incidentsKnownAt(this.currentOfIncident(key).map((row) => row.contribution));
      this.mediationIncidents.set(key, incident);
    }
    return incident;
  }

  offersInvolving(actors: ReadonlySet<ActorCode>): OfferRow[] {
    const ids = new Set<string>();
    for (const actor of actors) for (const id of this.offersByActor.get(actor) ?? []) ids.add(id);
    return [...ids].map((id) => this.offers.get(id)!).filter(Boolean);
  }

  private unindex(id: string): void {
    const row = this.current.get(id);
    if (!row) return;
    this.current.delete(id);
    this.byIncident.get(row.incidentKey)?.delete(id);
    if (!row.mediation) return;
    this.mediationIncidents.delete(row.incidentKey);
    // Every row of an incident names the same actors: the incident leaves their index with its last row.
    if (this.byIncident.get(row.incidentKey)?.size) return;
    for (const actor of row.actors) this.mediationByActor.get(actor)?.delete(row.incidentKey);
  }
}

/** The SOURCE of `CATEGORY|SOURCE|TARGET-or-PARTIES|occurredOn` (incidentKeyOf). */
function sourceOfIncidentKey(key: string): string {
  const start = key.indexOf('|') + 1;
  return key.slice(start, key.indexOf('|', start));
}

/** The key of a dyad's incident row. */
export const dyadIncidentId = (dyad: string, key: string): string => `${dyad} ${key}`;

function indexAdd(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  if (ids) ids.add(id);
  else index.set(key, new Set([id]));
}

// Sorted by id so that evaluation never depends on load or arrival order.
function rowsOf(ids: Iterable<string> | undefined, rows: Map<string, ContributionRow>): ContributionRow[] {
  if (!ids) return [];
  return [...ids].sort().map((id) => rows.get(id)!).filter(Boolean);
}
