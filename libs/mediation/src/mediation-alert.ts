import type { ActorCode } from '@app/contracts';
import { deterministicId, type Instant } from '@app/escalation';
import type { MediationOffer, OfferStatus } from './offer';

/** SPEC §4 MediationAlert (value of `alerts.mediation.v1`, key = offerId). */
export interface MediationAlert {
  alertId: string;
  offerId: string;
  mediator: ActorCode;
  parties: ActorCode[];
  status: OfferStatus;
  /** null for a new offer. */
  previousStatus: OfferStatus | null;
  conditions: string[];
  /** The report whose incident caused the change. */
  reportId: string;
  emittedAt: Instant;
}

export interface OfferChangeInput {
  offer: MediationOffer;
  previousStatus: OfferStatus | null;
  reportId: string;
  /** The caller's clock, an argument so that the alert stays a pure value. */
  emittedAt: Instant;
}

/** Same offer, same transition, same causing report → same id. */
export function mediationAlertId(offerId: string, previousStatus: OfferStatus | null, status: OfferStatus, reportId: string): string {
  return deterministicId(['mediation', offerId, previousStatus, status, reportId]);
}

/** The alert for a new offer or a status change; null when the status did not change. */
export function mediationAlertFor({ offer, previousStatus, reportId, emittedAt }: OfferChangeInput): MediationAlert | null {
  if (previousStatus === offer.status) return null;
  return {
    alertId: mediationAlertId(offer.offerId, previousStatus, offer.status, reportId),
    offerId: offer.offerId,
    mediator: offer.mediator,
    parties: [...offer.parties],
    status: offer.status,
    previousStatus,
    conditions: [...offer.conditions],
    reportId,
    emittedAt,
  };
}

/**
 * The alerts between two evaluations of the offers (before and after applying one report's coding):
 * one per new offer and one per offer whose status changed, in offerId order.
 */
export function mediationAlertsBetween(
  before: readonly MediationOffer[],
  after: readonly MediationOffer[],
  reportId: string,
  emittedAt: Instant,
): MediationAlert[] {
  const previous = new Map(before.map((offer) => [offer.offerId, offer.status]));
  return after
    .map((offer) => mediationAlertFor({ offer, previousStatus: previous.get(offer.offerId) ?? null, reportId, emittedAt }))
    .filter((alert): alert is MediationAlert => alert !== null);
}
