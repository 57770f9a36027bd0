import type { ActorCode } from '@app/contracts';
import type { IsoDate } from '@app/escalation';

export const OFFER_STATUSES = ['OFFERED', 'PARTIALLY_ACCEPTED', 'ACCEPTED', 'REJECTED', 'ACTIVE'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** One speaker's words in a MEDIATION_OFFER incident. */
export interface OfferStatement {
  speaker: string | null;
  role: string | null;
  reportId: string;
  occurredOn: IsoDate;
  text: string;
  conditions: string[];
}

export type Answer = 'ACCEPTED' | 'REJECTED';

/** A party's latest answer to the offer. */
export interface OfferResponse {
  party: ActorCode;
  answer: Answer;
  occurredOn: IsoDate;
  reportId: string;
  text: string;
}

/** SPEC §4 mediation offer, as of T. */
export interface MediationOffer {
  offerId: string;
  mediator: ActorCode;
  parties: ActorCode[];
  status: OfferStatus;
  conditions: string[];
  statements: OfferStatement[];
  /** Each party's latest answer, by party. */
  responses: OfferResponse[];
  /** The date of the last MEDIATION incident between them, null if none. */
  lastMediationOn: IsoDate | null;
  /** The earliest date of an offer statement or a MEDIATION incident. */
  firstReportedOn: IsoDate;
  /** The latest date of an offer statement, MEDIATION incident or answer. */
  lastReportedOn: IsoDate;
}

/**
 * SPEC §4, in order: ACTIVE if they are being mediated, unless a party's latest answer is a rejection dated
 * after the last MEDIATION; else REJECTED if any party's latest answer is a rejection; else ACCEPTED if every
 * party's is an acceptance; else PARTIALLY_ACCEPTED if some are; else OFFERED.
 */
export function offerStatus(parties: readonly ActorCode[], responses: readonly OfferResponse[], lastMediationOn: IsoDate | null): OfferStatus {
  const latest = new Map(responses.map((response) => [response.party, response]));
  const answers = parties.map((party) => latest.get(party));
  const rejections = answers.filter((response) => response?.answer === 'REJECTED');
  if (lastMediationOn !== null && !rejections.some((rejection) => rejection!.occurredOn > lastMediationOn)) return 'ACTIVE';
  if (rejections.length > 0) return 'REJECTED';
  const acceptances = answers.filter((response) => response?.answer === 'ACCEPTED').length;
  if (acceptances === parties.length) return 'ACCEPTED';
  if (acceptances > 0) return 'PARTIALLY_ACCEPTED';
  return 'OFFERED';
}
