import type { ActorCode } from '@app/contracts';

const ACTOR = /^[A-Z]{3}$/;

/** Why a mediation computation refused its input; the HTTP edge maps the code to problem+json. */
export class MediationError extends Error {
  constructor(
    readonly code: 'INVALID_OFFER_ID',
    message: string,
  ) {
    super(message);
    this.name = 'MediationError';
  }
}

/** `CHN:IRN-PAK`: the mediator, a colon, the parties sorted and joined by `-`. */
export function offerIdOf(mediator: ActorCode, parties: readonly ActorCode[]): string {
  return `${mediator}:${[...new Set(parties)].sort().join('-')}`;
}

/** The mediator and parties of a well-formed offer id; throws INVALID_OFFER_ID otherwise. */
export function parseOfferId(offerId: string): { mediator: ActorCode; parties: ActorCode[] } {
  const [mediator, partyList, ...rest] = offerId.split(':');
  const parties = partyList?.split('-') ?? [];
  const wellFormed =
    rest.length === 0 &&
    ACTOR.test(mediator) &&
    parties.length >= 2 &&
    parties.every((party, i) => ACTOR.test(party) && party !== mediator && (i === 0 || parties[i - 1] < party));
  if (!wellFormed) {
    throw new MediationError('INVALID_OFFER_ID', `"${offerId}" is not an offer id (MEDIATOR:PARTY-PARTY, ISO3 codes, parties sorted)`);
  }
  return { mediator, parties };
}

export function isOfferId(offerId: string): boolean {
  try {
    parseOfferId(offerId);
    return true;
  } catch {
    return false;
  }
}
