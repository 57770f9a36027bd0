import type { ActorCode, Category, CodedEvent } from '@app/contracts';
import { EscalationError } from './errors';
import { partiesOf, type Incident } from './incidents';

const ACTOR_PATTERN = /^[A-Z]{3}$/;

/** `IRN-PAK`: the two codes sorted and joined by `-`. */
export function dyadId(a: ActorCode, b: ActorCode): string {
  if (!ACTOR_PATTERN.test(a) || !ACTOR_PATTERN.test(b) || a === b) {
    throw new EscalationError('INVALID_DYAD', `a dyad needs two different ISO3 codes, got "${a}" and "${b}"`);
  }
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

/** The two actors of a well-formed dyad id (sorted, distinct ISO3 codes); throws INVALID_DYAD otherwise. */
export function dyadActors(dyad: string): [ActorCode, ActorCode] {
  const match = /^([A-Z]{3})-([A-Z]{3})$/.exec(dyad);
  if (!match || match[1] >= match[2]) {
    throw new EscalationError('INVALID_DYAD', `"${dyad}" is not a dyad id (two sorted ISO3 codes joined by "-")`);
  }
  return [match[1], match[2]];
}

export function isDyadId(dyad: string): boolean {
  try {
    dyadActors(dyad);
    return true;
  } catch {
    return false;
  }
}

/** Every pair among the actors, once, as dyad ids; malformed codes are skipped. */
export function dyadsAmong(actors: readonly ActorCode[]): string[] {
  const distinct = [...new Set(actors)].filter((actor) => ACTOR_PATTERN.test(actor)).sort();
  const dyads: string[] = [];
  for (let i = 0; i < distinct.length; i++) {
    for (let j = i + 1; j < distinct.length; j++) dyads.push(`${distinct[i]}-${distinct[j]}`);
  }
  return dyads;
}

type DyadShape = { category: Category; source: ActorCode; target: ActorCode | null; parties: ActorCode[] | null };

/**
 * The dyads an incident belongs to (SPEC §4): directed categories the source-target pair; offers, appeals,
 * mediation, talks and ceasefires every pair among their parties, never the third party; answers to
 * mediation none (they belong to an offer).
 */
export function dyadsOf(incident: DyadShape): string[] {
  const category = incident.category;
  switch (category) {
    case 'STRIKE':
    case 'THREAT':
    case 'DIPLOMATIC_SANCTION':
    case 'ACCUSATION':
    case 'CONDEMNATION':
      return incident.target === null ? [] : dyadsAmong([incident.source, incident.target]);
    case 'APPEAL_FOR_RESTRAINT':
    case 'MEDIATION_OFFER':
    case 'MEDIATION':
    case 'TALKS':
    case 'CEASEFIRE':
      return dyadsAmong(incident.parties ?? []);
    case 'MEDIATION_ACCEPTED':
    case 'MEDIATION_REJECTED':
      return [];
    default: {
      const unknown: never = category;
      throw new Error(`unknown category ${String(unknown)}`);
    }
  }
}

/** The incidents of one dyad. */
export function incidentsOfDyad(incidents: readonly Incident[], dyad: string): Incident[] {
  return incidents.filter((incident) => dyadsOf(incident).includes(dyad));
}

/** Incidents grouped by dyad (an incident with three parties lands in three dyads). */
export function incidentsByDyad(incidents: readonly Incident[]): Map<string, Incident[]> {
  const byDyad = new Map<string, Incident[]>();
  for (const incident of incidents) {
    for (const dyad of dyadsOf(incident)) {
      const list = byDyad.get(dyad);
      if (list) list.push(incident);
      else byDyad.set(dyad, [incident]);
    }
  }
  return byDyad;
}

/** The dyads a coded event (a contribution row) belongs to: where a projector files the row. */
export function dyadsOfEvent(event: CodedEvent): string[] {
  const parties = partiesOf(event);
  return dyadsOf({ category: event.category, source: event.source.actor, target: parties ? null : (event.target?.actor ?? null), parties });
}
