import type { PoolClient } from 'pg';
import type { ActorCode } from '@app/contracts';
import type { ReportState } from '@app/escalation';
import { diffCoding, reportIdsOf, type RecordedCoding } from '../core/coding-diff';
import { offersTouchedBy, scopeOf } from '../core/offer-scope';
import type { ContributionRow } from '../core/rows';
import { ReadModelState } from '../core/read-model-state';
import {
  CONTRIBUTION_COLUMNS,
  contributionRowFromRecord,
  dyadColumns,
  dyadFromRecord,
  offerFromRecord,
  type ContributionRecord,
  type DyadRecord,
  type OfferRecord,
} from './row-codec';

type Queryable = Pick<PoolClient, 'query'>;

/**
 * What a working set holds in full, as stored: each dyad's row (or that it has none), every current row of
 * each incident, the offers naming each actor as a party, the current mediation rows of each actor. A batch
 * queries only what is not here yet.
 */
export class LoadedKeys {
  readonly dyads = new Set<string>();
  readonly incidents = new Set<string>();
  readonly offerParties = new Set<ActorCode>();
  readonly mediationActors = new Set<ActorCode>();
}

/**
 * Loads what a batch of codings touches into `state` (a fresh one by default): first the report states, from
 * which a dry run finds the dyads, incidents and offers in play, then the dyad rows, the incidents' current
 * rows and the offers' rows, skipping what `loaded` says `state` already holds.
 */
export async function loadWorkingSet(
  db: Queryable,
  schema: string,
  codings: readonly RecordedCoding[],
  state = new ReadModelState(),
  loaded = new LoadedKeys(),
): Promise<ReadModelState> {
  state.reports.clear();
  const reportIds = [...new Set(codings.flatMap(reportIdsOf))];
  const { rows: reports } = await db.query<{ state: ReportState }>(`SELECT state FROM ${schema}.reports WHERE report_id = ANY($1::text[])`, [reportIds]);
  for (const { state: report } of reports) state.reports.set(report.reportId, report);

  const { dyadsOfIncident, mediation } = touchedBy(new Map(state.reports), codings);
  const dyads = new Set([...dyadsOfIncident.values()].flat());
  const unloadedDyads = [...dyads].filter((dyad) => !loaded.dyads.has(dyad));
  if (unloadedDyads.length > 0) {
    const { rows } = await db.query<DyadRecord>(`SELECT ${dyadColumns(schema)} FROM ${schema}.dyads d WHERE d.dyad = ANY($1::text[])`, [unloadedDyads]);
    for (const record of rows) state.dyads.set(record.dyad, dyadFromRecord(record));
    for (const dyad of unloadedDyads) loaded.dyads.add(dyad);
  }
  const unloadedIncidents = incidentsToLoad(state, loaded, dyadsOfIncident);
  if (unloadedIncidents.length > 0) {
    const { rows } = await db.query<ContributionRecord>(
      `SELECT ${CONTRIBUTION_COLUMNS} FROM ${schema}.contributions WHERE withdrawn_at IS NULL AND incident_key = ANY($1::text[])`,
      [unloadedIncidents],
    );
    for (const record of rows) state.loadContribution(contributionRowFromRecord(record));
  }
  for (const key of dyadsOfIncident.keys()) loaded.incidents.add(key);

  if (mediation.length > 0) {
    const parties = [...new Set(mediation.flatMap((row) => row.actors))].filter((actor) => !loaded.offerParties.has(actor));
    if (parties.length > 0) {
      const { rows } = await db.query<OfferRecord>(`SELECT offer_id, mediator, parties, status, offer, changed_at FROM ${schema}.offers WHERE parties && $1::text[]`, [parties]);
      for (const record of rows) if (!state.offers.has(record.offer_id)) state.loadOffer(offerFromRecord(record));
      for (const actor of parties) loaded.offerParties.add(actor);
    }
    const scope = scopeOf(offersTouchedBy(mediation, (actor) => state.offersInvolving(new Set([actor]))).values());
    const actors = [...scope].filter((actor) => !loaded.mediationActors.has(actor));
    if (actors.length > 0) {
      for (const record of await mediationRecords(db, schema, actors)) state.loadContribution(contributionRowFromRecord(record));
      for (const actor of actors) loaded.mediationActors.add(actor);
    }
  }
  return state;
}

/**
 * The incidents whose current rows must be read. A dyad's row lists every incident with current rows filed
 * under it, so an incident missing from the row of one of its dyads has none, and there is nothing to read.
 */
function incidentsToLoad(state: ReadModelState, loaded: LoadedKeys, dyadsOfIncident: ReadonlyMap<string, string[]>): string[] {
  const listed = new Map<string, Set<string>>();
  const listedUnder = (dyad: string): Set<string> => {
    let keys = listed.get(dyad);
    if (!keys) listed.set(dyad, (keys = new Set(state.dyads.get(dyad)?.incidents.map((incident) => incident.key))));
    return keys;
  };
  return [...dyadsOfIncident]
    .filter(([key]) => !loaded.incidents.has(key))
    .filter(([key, dyads]) => dyads.every((dyad) => listedUnder(dyad).has(key)))
    .map(([key]) => key);
}

async function mediationRecords(db: Queryable, schema: string, actors: readonly ActorCode[]): Promise<ContributionRecord[]> {
  const { rows } = await db.query<ContributionRecord>(
    `SELECT ${CONTRIBUTION_COLUMNS} FROM ${schema}.contributions WHERE withdrawn_at IS NULL AND mediation AND actors && $1::text[]`,
    [actors],
  );
  return rows;
}

/** Dry run over copies of the report states: the dyads of each incident the batch will re-evaluate, and its mediation rows. */
function touchedBy(reports: Map<string, ReportState>, codings: readonly RecordedCoding[]) {
  const dyadsOfIncident = new Map<string, string[]>();
  const mediation: ContributionRow[] = [];
  for (const coding of codings) {
    const diff = diffCoding((reportId) => reports.get(reportId), coding);
    for (const report of diff.states) reports.set(report.reportId, report);
    for (const [dyad, rows] of diff.touchedDyads) {
      for (const row of rows) {
        const dyads = dyadsOfIncident.get(row.incidentKey);
        if (!dyads) dyadsOfIncident.set(row.incidentKey, [dyad]);
        else if (!dyads.includes(dyad)) dyads.push(dyad);
      }
    }
    mediation.push(...diff.touchedMediation);
  }
  return { dyadsOfIncident, mediation };
}
