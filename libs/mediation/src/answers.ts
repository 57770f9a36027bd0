import type { ActorCode } from '@app/contracts';
import { instantMs, type Incident, type IsoDate } from '@app/escalation';
import type { Answer, OfferResponse } from './offer';

/** What answers attach to: an offer's mediator, parties and the date it was first reported. */
export interface AnswerableOffer {
  mediator: ActorCode;
  parties: readonly ActorCode[];
  firstReportedOn: IsoDate;
}

/**
 * The offers a MEDIATION_ACCEPTED / MEDIATION_REJECTED answers. Its source is the answering party; its
 * target is the mediator when the report names one, else the other side of the dispute (SPEC §3).
 * - Target is a mediator with an offer involving the party: that mediator's open offer, i.e. the one most
 *   recently reported on or before the answer (else the earliest one).
 * - Otherwise the target is the other side: every offer between the party and it, whoever mediates.
 */
export function offersAnsweredBy<T extends AnswerableOffer>(answer: Incident, offers: readonly T[]): T[] {
  const party = answer.source;
  const named = answer.target;
  if (named === null) return [];
  const byMediator = offers.filter((offer) => offer.mediator === named && offer.parties.includes(party));
  if (byMediator.length > 0) return [openOffer(byMediator, answer.occurredOn)];
  return offers.filter((offer) => offer.parties.includes(party) && offer.parties.includes(named));
}

function openOffer<T extends AnswerableOffer>(candidates: readonly T[], answeredOn: IsoDate): T {
  const byDate = [...candidates].sort((a, b) => compare(a.firstReportedOn, b.firstReportedOn) || compare(a.parties.join('-'), b.parties.join('-')));
  const before = byDate.filter((offer) => offer.firstReportedOn <= answeredOn);
  return before.length > 0 ? before[before.length - 1] : byDate[0];
}

/** An answer incident as a response of its answering party. */
export function responseOf(answer: Incident): OfferResponse {
  const first = answer.reports[0];
  return { party: answer.source, answer: answerOf(answer), occurredOn: answer.occurredOn, reportId: first.reportId, text: first.evidence.text };
}

function answerOf(incident: Incident): Answer {
  switch (incident.category) {
    case 'MEDIATION_ACCEPTED':
      return 'ACCEPTED';
    case 'MEDIATION_REJECTED':
      return 'REJECTED';
    default:
      throw new Error(`${incident.category} is not an answer to a mediation offer`);
  }
}

/** Latest occurredOn wins; on the same date, the one recorded later (then the later sentence) wins. */
export function compareAnswerOrder(a: Incident, b: Incident): number {
  return (
    compare(a.occurredOn, b.occurredOn) ||
    instantMs(a.firstRecordedAt) - instantMs(b.firstRecordedAt) ||
    compare(a.reports[0].reportId, b.reports[0].reportId) ||
    a.reports[0].evidence.sentence - b.reports[0].evidence.sentence ||
    compare(a.incidentId, b.incidentId)
  );
}

/** Each party's latest answer among `answers`, for the given parties only, sorted by party. */
export function latestResponses(parties: readonly ActorCode[], answers: readonly Incident[]): OfferResponse[] {
  const latest = new Map<ActorCode, Incident>();
  for (const answer of answers) {
    if (!parties.includes(answer.source)) continue;
    const kept = latest.get(answer.source);
    if (!kept || compareAnswerOrder(answer, kept) > 0) latest.set(answer.source, answer);
  }
  return [...latest.values()].map(responseOf).sort((a, b) => compare(a.party, b.party));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
