import type { ActorCode } from '@app/contracts';
import { contributionId, dyadsOfEvent, incidentKeyOf, incidentsKnownAt, partiesOf, type Contribution, type Instant, type IsoDate, type LadderIncident, type Level } from '@app/escalation';
import { isMediationCategory, type MediationOffer, type OfferStatus } from '@app/mediation';
import { incidentView, type IncidentView } from '../queries/views';

/** A contribution as a read-model row: filed under its dyads, and under its actors when it shapes offers. */
export interface ContributionRow {
  id: string;
  /** The incident it contributes to: `CATEGORY|SOURCE|TARGET-or-PARTIES|occurredOn`. */
  incidentKey: string;
  contribution: Contribution;
  dyads: string[];
  actors: ActorCode[];
  mediation: boolean;
}

/** A dyad ever seen: the level its last alert was about, and its current incidents in the form the ladder reads. */
export interface DyadRow {
  dyad: string;
  actors: [ActorCode, ActorCode];
  alertLevel: Level;
  evaluatedOn: IsoDate | null;
  incidents: DyadIncident[];
  firstRecordedAt: Instant;
  changedAt: Instant;
}

/** A dyad's incident as the ladder reads it, with its key so that a change replaces just that incident. */
export type DyadIncident = LadderIncident & { key: string };

/**
 * An incident as a dyad's detail shows it, merged from its current contributions: kept beside the ladder's form
 * in its dyads' incident rows, so that an answer about current knowledge reads those rows instead of merging
 * every contribution again.
 */
export function incidentViewOf(contributions: readonly Contribution[]): IncidentView {
  const [incident] = incidentsKnownAt(contributions);
  return incidentView(incident);
}

/** An offer ever seen, with every statement, answer and mediation recorded so far. */
export interface OfferRow {
  offerId: string;
  mediator: ActorCode;
  parties: ActorCode[];
  status: OfferStatus;
  offer: MediationOffer;
  changedAt: Instant;
}

/** A row of `alert_outbox`. */
export interface OutboxAlert {
  alertId: string;
  kind: 'escalation' | 'mediation';
  key: string;
  payload: object;
}

export function toContributionRow(contribution: Contribution): ContributionRow {
  const { event } = contribution;
  const parties = partiesOf(event) ?? [];
  const actors = [...new Set([event.source.actor, ...(event.target ? [event.target.actor] : []), ...parties])].sort();
  return {
    id: contributionId(contribution),
    incidentKey: incidentKeyOf(event),
    contribution,
    dyads: dyadsOfEvent(event),
    actors,
    mediation: isMediationCategory(event.category),
  };
}

export const isCurrent = (row: ContributionRow): boolean => row.contribution.withdrawnAt === null;

/** Same content, same row: the test for whether a re-derived row needs writing. */
export function sameContribution(a: ContributionRow, b: ContributionRow): boolean {
  return a.id === b.id && a.contribution.withdrawnAt === b.contribution.withdrawnAt;
}
