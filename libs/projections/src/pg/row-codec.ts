import type { CodedEvent } from '@app/contracts';
import type { Contribution, Level, ReportState } from '@app/escalation';
import type { MediationOffer, OfferStatus } from '@app/mediation';
import { toContributionRow, type ContributionRow, type DyadIncident, type DyadRow, type OfferRow } from '../core/rows';
import { dyadIncidentsJson } from '../schema/read-model-schema';

/** Column list of a contribution row as read back. */
export const CONTRIBUTION_COLUMNS = 'report_id, coder_version, recorded_at, withdrawn_at, event';

export interface ContributionRecord {
  report_id: string;
  coder_version: string;
  recorded_at: Date;
  withdrawn_at: Date | null;
  event: CodedEvent;
}

export function contributionFromRecord(record: ContributionRecord): Contribution {
  return {
    reportId: record.report_id,
    coderVersion: record.coder_version,
    recordedAt: record.recorded_at.toISOString(),
    withdrawnAt: record.withdrawn_at ? record.withdrawn_at.toISOString() : null,
    event: record.event,
  };
}

export const contributionRowFromRecord = (record: ContributionRecord): ContributionRow => toContributionRow(contributionFromRecord(record));

export function contributionToJson(row: ContributionRow): object {
  const { contribution } = row;
  return {
    contribution_id: row.id,
    incident_key: row.incidentKey,
    report_id: contribution.reportId,
    event_id: contribution.event.eventId,
    coder_version: contribution.coderVersion,
    category: contribution.event.category,
    dyads: row.dyads,
    actors: row.actors,
    mediation: row.mediation,
    occurred_on: contribution.event.occurredOn,
    recorded_at: contribution.recordedAt,
    withdrawn_at: contribution.withdrawnAt,
    event: contribution.event,
  };
}

export interface DyadRecord {
  dyad: string;
  actors: string[];
  alert_level: number;
  evaluated_on: string | null;
  incidents: DyadIncident[];
  first_recorded_at: Date;
  changed_at: Date;
}

/** Column list of a dyad row with its incidents, from `${schema}.dyads d`. */
export const dyadColumns = (schema: string): string =>
  `d.dyad, d.actors, d.alert_level, to_char(d.evaluated_on, 'YYYY-MM-DD') AS evaluated_on, ${dyadIncidentsJson(schema)} AS incidents, d.first_recorded_at, d.changed_at`;

export function dyadFromRecord(record: DyadRecord): DyadRow {
  return {
    dyad: record.dyad,
    actors: [record.actors[0], record.actors[1]],
    alertLevel: record.alert_level as Level,
    evaluatedOn: record.evaluated_on,
    incidents: record.incidents,
    firstRecordedAt: record.first_recorded_at.toISOString(),
    changedAt: record.changed_at.toISOString(),
  };
}

export function dyadToJson(row: DyadRow): object {
  return {
    dyad: row.dyad,
    actors: row.actors,
    alert_level: row.alertLevel,
    evaluated_on: row.evaluatedOn,
    first_recorded_at: row.firstRecordedAt,
    changed_at: row.changedAt,
  };
}

/** A dyad's incident row: the ladder's form, and the detail form as JSON text (from the change set's `incidentViews`). */
export function dyadIncidentToJson(dyad: string, incident: DyadIncident, viewJson: string | undefined): object {
  return { dyad, incident_key: incident.key, occurred_on: incident.occurredOn, incident, view: viewJson ?? null };
}

export interface OfferRecord {
  offer_id: string;
  mediator: string;
  parties: string[];
  status: OfferStatus;
  offer: MediationOffer;
  changed_at: Date;
}

export function offerFromRecord(record: OfferRecord): OfferRow {
  return {
    offerId: record.offer_id,
    mediator: record.mediator,
    parties: record.parties,
    status: record.status,
    offer: record.offer,
    changedAt: record.changed_at.toISOString(),
  };
}

export function offerToJson(row: OfferRow): object {
  return { offer_id: row.offerId, mediator: row.mediator, parties: row.parties, status: row.status, offer: row.offer, changed_at: row.changedAt };
}

export const reportToJson = (state: ReportState): object => ({ report_id: state.reportId, state });
