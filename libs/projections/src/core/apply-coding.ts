import type { ActorCode } from '@app/contracts';
import { dyadActors, escalationAlertFor, type Instant } from '@app/escalation';
import { mediationAlertFor } from '@app/mediation';
import { diffCoding, triggerOf, type RecordedCoding } from './coding-diff';
import { evaluateDyad } from './dyad-evaluation';
import { actorsOfOffer, involvesAny, offersOf } from './offer-evaluation';
import type { ReadModelState } from './read-model-state';
import type { ContributionRow } from './rows';

/** The clock of alerts' `emittedAt`, an argument so that applying stays deterministic in tests. */
export type Clock = () => Instant;

/**
 * Applies one recorded coding to the working set: report states and contribution rows, then each touched
 * dyad's incidents and level (an EscalationAlert when the level changes) and each touched offer (a
 * MediationAlert when it is new or its status changes). Idempotent: a coding applied twice changes nothing.
 */
export function applyCoding(state: ReadModelState, recorded: RecordedCoding, clock: Clock): void {
  const diff = diffCoding((reportId) => state.reports.get(reportId), recorded);
  if (diff.states.length === 0) return;
  for (const report of diff.states) state.putReport(report);
  for (const id of diff.deletes) state.deleteContribution(id);
  for (const row of diff.upserts) state.putContribution(row);
  for (const [dyad, candidates] of [...diff.touchedDyads].sort(([a], [b]) => (a < b ? -1 : 1))) {
    reevaluateDyad(state, dyad, candidates, recorded, clock);
  }
  if (diff.touchedActors.size > 0) reevaluateOffers(state, diff.touchedActors, recorded.coded.reportId, recorded.recordedAt, clock);
}

function reevaluateDyad(state: ReadModelState, dyad: string, candidates: ContributionRow[], recorded: RecordedCoding, clock: Clock): void {
  const { recordedAt } = recorded;
  const evaluation = evaluateDyad(state.currentOfDyad(dyad).map((row) => row.contribution), recordedAt);
  const existing = state.dyads.get(dyad);
  const fromLevel = existing?.alertLevel ?? 0;
  const at = evaluation.evaluatedOn ?? new Date(recordedAt).toISOString().slice(0, 10);
  const trigger = triggerOf(candidates, evaluation.level > fromLevel, recorded.coded.reportId);
  const alert = escalationAlertFor({ dyad, fromLevel, toLevel: evaluation.level, at, trigger, emittedAt: clock() });
  if (alert) state.addAlert({ alertId: alert.alertId, kind: 'escalation', key: dyad, payload: alert });
  state.putDyad({
    dyad,
    actors: dyadActors(dyad),
    alertLevel: evaluation.level,
    evaluatedOn: evaluation.evaluatedOn,
    incidents: evaluation.incidents,
    firstRecordedAt: existing?.firstRecordedAt ?? recordedAt,
    changedAt: recordedAt,
  });
}

function reevaluateOffers(state: ReadModelState, touched: ReadonlySet<ActorCode>, reportId: string, recordedAt: Instant, clock: Clock): void {
  const widened = new Set(touched);
  for (const offer of offersOf(state.currentMediationOf(touched).map((row) => row.contribution))) {
    for (const actor of actorsOfOffer(offer)) widened.add(actor);
  }
  const offers = offersOf(state.currentMediationOf(widened).map((row) => row.contribution)).filter((offer) => involvesAny(offer, touched));
  const seen = new Set<string>();
  for (const offer of offers) {
    seen.add(offer.offerId);
    const previous = state.offers.get(offer.offerId);
    const alert = mediationAlertFor({ offer, previousStatus: previous?.status ?? null, reportId, emittedAt: clock() });
    if (alert) state.addAlert({ alertId: alert.alertId, kind: 'mediation', key: offer.offerId, payload: alert });
    if (previous && JSON.stringify(previous.offer) === JSON.stringify(offer)) continue;
    state.putOffer({ offerId: offer.offerId, mediator: offer.mediator, parties: offer.parties, status: offer.status, offer, changedAt: recordedAt });
  }
  for (const row of state.offersInvolving(touched)) if (!seen.has(row.offerId)) state.deleteOffer(row.offerId);
}
