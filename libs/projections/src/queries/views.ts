import type { ActorCode } from '@app/contracts';
import { dyadActors, levelAt, standingAt, type EvaluationTime, type Incident, type IsoDate, type LadderIncident, type LevelName } from '@app/escalation';
import type { MediationOffer, OfferStatus } from '@app/mediation';

/** SPEC §5 `GET /dyads` item. */
export interface DyadSummary {
  dyad: string;
  actors: [ActorCode, ActorCode];
  level: number;
  levelName: LevelName;
  index: number;
  since: IsoDate | null;
  lastIncidentOn: IsoDate | null;
  fatalities: number;
  /** Incidents in the 30-day window. */
  incidents: number;
}

/** An incident as the API shows it: the domain incident without its per-report detail. */
export type IncidentView = Omit<Incident, 'reports'>;

/** SPEC §5 `GET /dyads/{dyad}`: the summary, how it got there, every incident up to T, the offers between them. */
export interface DyadDetail extends Omit<DyadSummary, 'incidents'> {
  incidentsInWindow: number;
  levelHistory: { at: IsoDate; level: number; levelName: LevelName }[];
  incidents: IncidentView[];
  mediationOffers: string[];
}

/** SPEC §5 offer view: the domain offer as it is. */
export type OfferView = MediationOffer;

const rounded = (value: number): number => Math.round(value * 1000) / 1000;

/** The dyad's standing at T over its incidents (known at the chosen record time); null when none is dated up to T. */
export function dyadSummaryAt(dyad: string, incidents: readonly LadderIncident[], at: EvaluationTime): DyadSummary | null {
  const reading = standingAt(incidents, at);
  if (reading.lastIncidentOn === null) return null;
  return {
    dyad,
    actors: dyadActors(dyad),
    level: reading.level,
    levelName: reading.levelName,
    index: rounded(reading.index),
    since: reading.since,
    lastIncidentOn: reading.lastIncidentOn,
    fatalities: reading.fatalities,
    incidents: reading.incidents,
  };
}

/** `incidents`: the dyad's incidents as known at the chosen record time, merged (`Incident`) or as stored (`IncidentView`). */
export function dyadDetailAt(dyad: string, incidents: readonly IncidentView[], at: EvaluationTime, mediationOffers: string[]): DyadDetail {
  const reading = levelAt(incidents, at);
  return {
    dyad,
    actors: dyadActors(dyad),
    level: reading.level,
    levelName: reading.levelName,
    index: rounded(reading.index),
    since: reading.since,
    lastIncidentOn: reading.lastIncidentOn,
    fatalities: reading.fatalities,
    incidentsInWindow: reading.incidents,
    levelHistory: reading.levelHistory,
    incidents: incidents.filter((incident) => incident.occurredOn <= reading.at).map(incidentView),
    mediationOffers,
  };
}

export function incidentView(incident: IncidentView): IncidentView {
  return {
    incidentId: incident.incidentId,
    category: incident.category,
    source: incident.source,
    target: incident.target,
    parties: incident.parties,
    occurredOn: incident.occurredOn,
    goldstein: incident.goldstein,
    sources: incident.sources,
    corroboration: incident.corroboration,
    fatalities: incident.fatalities,
    injuries: incident.injuries,
    conditions: incident.conditions,
    speakers: incident.speakers,
    firstRecordedAt: incident.firstRecordedAt,
  };
}

export const offerView = (offer: MediationOffer): OfferView => ({ ...offer });

/** Sorted by level, then index, descending; then by dyad id for a stable order. */
export function compareSummaries(a: DyadSummary, b: DyadSummary): number {
  return b.level - a.level || b.index - a.index || (a.dyad < b.dyad ? -1 : a.dyad > b.dyad ? 1 : 0);
}

export interface DyadFilter {
  minLevel?: number;
  actor?: ActorCode;
}

export const matchesDyad = (summary: DyadSummary, filter: DyadFilter): boolean =>
  (filter.minLevel === undefined || summary.level >= filter.minLevel) && (filter.actor === undefined || summary.actors.includes(filter.actor));

export interface OfferFilter {
  mediator?: ActorCode;
  party?: ActorCode;
  status?: OfferStatus;
}

export const matchesOffer = (offer: OfferView, filter: OfferFilter): boolean =>
  (filter.mediator === undefined || offer.mediator === filter.mediator) &&
  (filter.party === undefined || offer.parties.includes(filter.party)) &&
  (filter.status === undefined || offer.status === filter.status);
