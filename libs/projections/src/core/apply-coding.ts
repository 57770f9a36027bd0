import { dyadActors, escalationAlertFor, type Instant } from '@app/escalation';
import { mediationAlertFor, offersAt } from '@app/mediation';
import { diffCoding, triggerOf, type RecordedCoding } from './coding-diff';
import { evaluateDyad, type DyadEvaluation } from './dyad-evaluation';
import { ALL_DATES } from './offer-evaluation';
import { offersTouchedBy } from './offer-scope';
import type { ReadModelState } from './read-model-state';
import { incidentViewOf, type ContributionRow, type DyadRow } from './rows';

/** The clock of alerts' `emittedAt`, an argument so that applying stays deterministic in tests. */
export type Clock = () => Instant;

/** When each dyad a run of codings touched was first and last touched (recorded times). */
export type DyadTouches = Map<string, { first: Instant; last: Instant }>;

/**
 * Applies one recorded coding to the working set: report states and contribution rows, then each touched
 * dyad's incidents and level (an EscalationAlert when the level changes) and each touched offer (a
 * MediationAlert when it is new or its status changes). Idempotent: a coding applied twice changes nothing.
 * With `deferredDyads` (a rebuild, which emits no alert), touched dyads are only noted there, to be evaluated
 * once at the end by `settleDyads`: the same rows as evaluating them after every coding.
 */
export function applyCoding(state: ReadModelState, recorded: RecordedCoding, clock: Clock, deferredDyads?: DyadTouches): void {
  const diff = diffCoding((reportId) => state.reports.get(reportId), recorded);
  if (diff.states.length === 0) return;
  for (const report of diff.states) state.putReport(report);
  for (const id of diff.deletes) state.deleteContribution(id);
  for (const row of diff.upserts) state.putContribution(row);
  for (const [dyad, candidates] of [...diff.touchedDyads].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!deferredDyads) reevaluateDyad(state, dyad, candidates, recorded, clock);
    else {
      const touch = deferredDyads.get(dyad);
      if (touch) touch.last = recorded.recordedAt;
      else deferredDyads.set(dyad, { first: state.dyads.get(dyad)?.firstRecordedAt ?? recorded.recordedAt, last: recorded.recordedAt });
    }
  }
  if (diff.touchedMediation.length > 0) reevaluateOffers(state, diff.touchedMediation, recorded.coded.reportId, recorded.recordedAt, clock);
}

/** Evaluates each deferred dyad once, from all its current contributions, as of its last touch; and each of its incidents' detail form once. */
export function settleDyads(state: ReadModelState, touches: DyadTouches): void {
  const rowsByDyad = state.currentByDyad();
  const viewed = new Set<string>();
  for (const [dyad, touch] of touches) {
    const byIncident = new Map<string, ContributionRow['contribution'][]>();
    for (const row of rowsByDyad.get(dyad) ?? []) {
      const rows = byIncident.get(row.incidentKey);
      if (rows) rows.push(row.contribution);
      else byIncident.set(row.incidentKey, [row.contribution]);
    }
    state.putDyad(dyadRow(dyad, evaluateDyad([], byIncident, touch.last), touch.first, touch.last));
    for (const [key, contributions] of byIncident) {
      if (viewed.has(key)) continue;
      viewed.add(key);
      state.putIncidentView(key, JSON.stringify(incidentViewOf(contributions)));
    }
  }
}

const dyadRow = (dyad: string, evaluation: DyadEvaluation, firstRecordedAt: Instant, changedAt: Instant): DyadRow => ({
  dyad,
  actors: dyadActors(dyad),
  alertLevel: evaluation.level,
  evaluatedOn: evaluation.evaluatedOn,
  incidents: evaluation.incidents,
  firstRecordedAt,
  changedAt,
});

function reevaluateDyad(state: ReadModelState, dyad: string, candidates: ContributionRow[], recorded: RecordedCoding, clock: Clock): void {
  const { recordedAt } = recorded;
  const existing = state.dyads.get(dyad);
  const changed = new Map(candidates.map((row) => [row.incidentKey, state.currentOfIncident(row.incidentKey).map((current) => current.contribution)]));
  const evaluation = evaluateDyad(existing?.incidents ?? [], changed, recordedAt);
  const fromLevel = existing?.alertLevel ?? 0;
  const at = evaluation.evaluatedOn ?? new Date(recordedAt).toISOString().slice(0, 10);
  const trigger = triggerOf(candidates, evaluation.level > fromLevel, recorded.coded.reportId);
  const alert = escalationAlertFor({ dyad, fromLevel, toLevel: evaluation.level, at, trigger, emittedAt: clock() });
  if (alert) state.addAlert({ alertId: alert.alertId, kind: 'escalation', key: dyad, payload: alert });
  state.putDyad(dyadRow(dyad, evaluation, existing?.firstRecordedAt ?? recordedAt, recordedAt), changed.keys());
}

function reevaluateOffers(state: ReadModelState, changed: readonly ContributionRow[], reportId: string, recordedAt: Instant, clock: Clock): void {
  const touched = offersTouchedBy(changed, (actor) => state.offersInvolving(new Set([actor])));
  if (touched.size === 0) return;
  const offers = offersAt(state.currentMediationIncidentsFor(touched.values()), ALL_DATES, new Set(touched.keys()));
  for (const offer of offers) {
    const previous = state.offers.get(offer.offerId);
    const alert = mediationAlertFor({ offer, previousStatus: previous?.status ?? null, reportId, emittedAt: clock() });
    if (alert) state.addAlert({ alertId: alert.alertId, kind: 'mediation', key: offer.offerId, payload: alert });
    if (previous && JSON.stringify(previous.offer) === JSON.stringify(offer)) continue;
    state.putOffer({ offerId: offer.offerId, mediator: offer.mediator, parties: offer.parties, status: offer.status, offer, changedAt: recordedAt });
  }
  const computed = new Set(offers.map((offer) => offer.offerId));
  for (const offerId of touched.keys()) if (!computed.has(offerId)) state.deleteOffer(offerId);
}
