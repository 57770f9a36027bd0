import type { ActorCode } from '@app/contracts';
import { incidentsKnownAt, type Contribution, type EvaluationTime, type Instant } from '@app/escalation';
import { offersAt, type MediationOffer } from '@app/mediation';

/** Offers as recorded so far, whatever their dates (offers do not expire). */
export const ALL_DATES: EvaluationTime = { date: '9999-12-31' };

export function offersOf(mediationRows: readonly Contribution[], at: EvaluationTime = ALL_DATES, knownAt?: Instant): MediationOffer[] {
  return offersAt(incidentsKnownAt(mediationRows, knownAt), at);
}

export const actorsOfOffer = (offer: { mediator: ActorCode; parties: readonly ActorCode[] }): ActorCode[] => [offer.mediator, ...offer.parties];

export const involvesAny = (offer: { mediator: ActorCode; parties: readonly ActorCode[] }, actors: ReadonlySet<ActorCode>): boolean =>
  actorsOfOffer(offer).some((actor) => actors.has(actor));

/**
 * The mediation rows that decide the offers involving `actors`: every row an offer reads involves one of
 * its parties (see offer-scope), so the rows of `actors` are widened once by the parties of the offers
 * found, never by their mediators (whose other offers are unrelated).
 */
export async function offerClosure(
  actors: ReadonlySet<ActorCode>,
  rowsFor: (actors: ReadonlySet<ActorCode>) => Promise<Contribution[]>,
): Promise<{ actors: Set<ActorCode>; rows: Contribution[] }> {
  const first = await rowsFor(actors);
  const widened = new Set(actors);
  for (const offer of offersOf(first)) for (const party of offer.parties) widened.add(party);
  if (widened.size === actors.size) return { actors: widened, rows: first };
  return { actors: widened, rows: await rowsFor(widened) };
}
