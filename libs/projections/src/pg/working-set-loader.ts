import type { PoolClient } from 'pg';
import type { ActorCode } from '@app/contracts';
import type { ReportState } from '@app/escalation';
import { diffCoding, reportIdsOf, type RecordedCoding } from '../core/coding-diff';
import { offersTouchedBy, scopeOf } from '../core/offer-scope';
import type { ContributionRow } from '../core/rows';
import { ReadModelState } from '../core/read-model-state';
import {
  CONTRIBUTION_COLUMNS,
  DYAD_COLUMNS,
  contributionRowFromRecord,
  dyadFromRecord,
  offerFromRecord,
  type ContributionRecord,
  type DyadRecord,
  type OfferRecord,
} from './row-codec';

type Queryable = Pick<PoolClient, 'query'>;

/**
 * Loads what a batch of codings touches: first the report states, from which a dry run finds the dyads,
 * incidents and offers in play, then the dyad rows, the incidents' current rows and the offers' rows.
 */
export async function loadWorkingSet(db: Queryable, schema: string, codings: readonly RecordedCoding[]): Promise<ReadModelState> {
  const state = new ReadModelState();
  const reportIds = [...new Set(codings.flatMap(reportIdsOf))];
  const { rows: reports } = await db.query<{ state: ReportState }>(`SELECT state FROM ${schema}.reports WHERE report_id = ANY($1::text[])`, [reportIds]);
  for (const { state: report } of reports) state.reports.set(report.reportId, report);

  const { dyads, incidentKeys, mediation } = touchedBy(new Map(state.reports), codings);
  if (dyads.size > 0) {
    const { rows } = await db.query<ContributionRecord>(
      `SELECT ${CONTRIBUTION_COLUMNS} FROM ${schema}.contributions WHERE withdrawn_at IS NULL AND incident_key = ANY($1::text[])`,
      [[...incidentKeys]],
    );
    for (const record of rows) state.loadContribution(contributionRowFromRecord(record));
    const { rows: dyadRows } = await db.query<DyadRecord>(`SELECT ${DYAD_COLUMNS} FROM ${schema}.dyads WHERE dyad = ANY($1::text[])`, [[...dyads]]);
    for (const record of dyadRows) state.dyads.set(record.dyad, dyadFromRecord(record));
  }
  if (mediation.length > 0) {
    const actors = new Set(mediation.flatMap((row) => row.actors));
    const { rows: offerRows } = await db.query<OfferRecord>(
      `SELECT offer_id, mediator, parties, status, offer, changed_at FROM ${schema}.offers WHERE parties && $1::text[]`,
      [[...actors]],
    );
    for (const record of offerRows) state.loadOffer(offerFromRecord(record));
    const scope = scopeOf(offersTouchedBy(mediation, (actor) => state.offersInvolving(new Set([actor]))).values());
    for (const record of await mediationRecords(db, schema, scope)) state.loadContribution(contributionRowFromRecord(record));
  }
  return state;
}

async function mediationRecords(db: Queryable, schema: string, actors: ReadonlySet<ActorCode>): Promise<ContributionRecord[]> {
  const { rows } = await db.query<ContributionRecord>(
    `SELECT ${CONTRIBUTION_COLUMNS} FROM ${schema}.contributions WHERE withdrawn_at IS NULL AND mediation AND actors && $1::text[]`,
    [[...actors]],
  );
  return rows;
}

/** Dry run over copies of the report states: every dyad and offer actor the batch will re-evaluate. */
function touchedBy(reports: Map<string, ReportState>, codings: readonly RecordedCoding[]) {
  const dyads = new Set<string>();
  const incidentKeys = new Set<string>();
  const mediation: ContributionRow[] = [];
  for (const coding of codings) {
    const diff = diffCoding((reportId) => reports.get(reportId), coding);
    for (const report of diff.states) reports.set(report.reportId, report);
    for (const [dyad, rows] of diff.touchedDyads) {
      dyads.add(dyad);
      for (const row of rows) incidentKeys.add(row.incidentKey);
    }
    mediation.push(...diff.touchedMediation);
  }
  return { dyads, incidentKeys, mediation };
}
