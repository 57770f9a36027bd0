import type { ActorCode } from '@app/contracts';
import { partiesOf } from '@app/escalation';
import { offerIdOf } from '@app/mediation';
import type { ContributionRow } from './rows';

export interface OfferKey {
  offerId: string;
  mediator: ActorCode;
  parties: ActorCode[];
}

/** The offer an offer or mediation row belongs to; null for answers. */
export function offerKeyOfRow(row: ContributionRow): OfferKey | null {
  const { event } = row.contribution;
  if (event.category !== 'MEDIATION_OFFER' && event.category !== 'MEDIATION') return null;
  const parties = (partiesOf(event) ?? []).filter((party) => party !== event.source.actor);
  return { offerId: offerIdOf(event.source.actor, parties), mediator: event.source.actor, parties };
}

/**
 * The offers that changed rows can change: an offer or mediation row its own offer; an answer (party P to
 * T) the offers of mediator T involving P and the offers between P and T. `known` lists the offers
 * involving an actor.
 */
export function offersTouchedBy(rows: readonly ContributionRow[], known: (actor: ActorCode) => readonly OfferKey[]): Map<string, OfferKey> {
  const touched = new Map<string, OfferKey>();
  for (const row of rows) {
    const own = offerKeyOfRow(row);
    if (own) {
      touched.set(own.offerId, own);
      continue;
    }
    const { event } = row.contribution;
    const party = event.source.actor;
    const named = event.target?.actor;
    if (!named) continue;
    for (const offer of [...known(party), ...rows.map(offerKeyOfRow).filter((key): key is OfferKey => key !== null)]) {
      if (!offer.parties.includes(party)) continue;
      if (offer.mediator === named || offer.parties.includes(named)) touched.set(offer.offerId, offer);
    }
  }
  return touched;
}

/**
 * The actors whose mediation rows decide the touched offers: their parties. Every row an offer's status
 * reads involves one of its parties (its statements, its parties' answers, and the same mediator's other
 * offers to those parties, which decide where an answer attaches), so the mediator's unrelated offers stay out.
 */
export function scopeOf(offers: Iterable<OfferKey>): Set<ActorCode> {
  const parties = new Set<ActorCode>();
  for (const offer of offers) for (const party of offer.parties) parties.add(party);
  return parties;
}
