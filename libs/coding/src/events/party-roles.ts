import type { Discourse, SentenceContext } from '../actors/context';
import type { Mention } from '../actors/mentions';
import { BLOCKED, actorOf, agentAfter, objectAfter, subjectBefore, type Role } from '../actors/roles';
import type { CueMatch } from '../cues/cues';
import { statementSource } from './directed-roles';
import { byCodeUnits, sortInPlace } from '../text/sort';

export interface PartyRoles {
  source: Role;
  parties: string[];
  inferred: boolean;
}

const LOCATION_PREPOSITIONS = new Set(['in', 'at', 'near', 'from', 'by', 'inside', 'to', 'under', 'across']);
const sorted = (codes: Iterable<string>): string[] => sortInPlace([...new Set(codes)], byCodeUnits);

function statesNamedAfter(ctx: SentenceContext, discourse: Discourse, position: number, exclude: string): string[] {
  const found: string[] = [];
  for (const mention of ctx.mentions) {
    if (mention.start < position || mention.kind === 'nonstate' || mention.kind === 'dyad') continue;
    if (mention.preposition && LOCATION_PREPOSITIONS.has(mention.preposition)) continue;
    const actor = actorOf(mention, ctx, discourse);
    if (actor && actor !== exclude && !found.includes(actor)) found.push(actor);
  }
  return found;
}

/** The sides a third party addresses: "between X and Y", else the dyad whenever a side of it is named, else the two it names. */
function addressedParties(ctx: SentenceContext, discourse: Discourse, cue: CueMatch, third: string): { parties: string[]; inferred: boolean } | null {
  const between = /\bbetween\b/i.exec(ctx.text.slice(cue.start));
  if (between) {
    const named = statesNamedAfter(ctx, discourse, cue.start + between.index, third);
    if (named.length >= 2) return { parties: sorted(named.slice(0, 2)), inferred: false };
  }
  const named = statesNamedAfter(ctx, discourse, cue.start, third);
  const dyad = discourse.dyad;
  if (dyad && named.some((actor) => dyad.includes(actor))) return { parties: sorted(dyad), inferred: false };
  if (named.length >= 2 && !dyad) return { parties: sorted(named.slice(0, 2)), inferred: false };
  return dyad ? { parties: sorted(dyad), inferred: true } : null;
}

/** APPEAL_FOR_RESTRAINT and MEDIATION_OFFER: a third party speaks to both sides. */
export function readThirdPartyStatement(cue: CueMatch, ctx: SentenceContext, discourse: Discourse): PartyRoles | null {
  const source = statementSource(cue, ctx, discourse);
  if (!source || discourse.dyad?.includes(source.actor)) return null;
  const addressed = addressedParties(ctx, discourse, cue, source.actor);
  return addressed && !addressed.parties.includes(source.actor) ? { source, ...addressed } : null;
}

/** MEDIATION: "talks mediated by X", "X brokered the truce", "a U.S.-brokered truce". */
export function readMediation(cue: CueMatch, ctx: SentenceContext, discourse: Discourse): PartyRoles | null {
  let source: Role | null = null;
  if (cue.form === 'passive' || cue.form === 'agentAfter') {
    const agent = cue.form === 'passive' ? agentAfter(ctx, discourse, cue.end - 3, 4) : objectAfter(ctx, discourse, cue.end, null, cue.end + 60);
    source = agent && agent !== BLOCKED ? agent : null;
  } else if (cue.form === 'compound') {
    const mention = [...ctx.mentions].reverse().find((m) => m.end === cue.start && m.actor);
    source = mention?.actor ? { actor: mention.actor, mention } : null;
  } else {
    const subject = subjectBefore(ctx, discourse, cue.start);
    source = subject && subject !== BLOCKED ? subject : null;
  }
  if (!source || discourse.dyad?.includes(source.actor)) return null;
  const addressed = addressedParties(ctx, discourse, cue, source.actor);
  return addressed && !addressed.parties.includes(source.actor) ? { source, ...addressed } : null;
}

/** TALKS and CEASEFIRE: the sides themselves; a mediator, host or third-party speaker is never one of them. */
export function readSides(cue: CueMatch, ctx: SentenceContext, discourse: Discourse, thirdParties: ReadonlySet<string>): PartyRoles | null {
  const dyad = discourse.dyad;
  const candidates: Array<{ actor: string; mention: Mention }> = [];
  for (const mention of ctx.mentions) {
    if (mention.kind === 'nonstate' || mention.kind === 'dyad') continue;
    if (mention.preposition && LOCATION_PREPOSITIONS.has(mention.preposition) && mention.preposition !== 'to') continue;
    const actor = actorOf(mention, ctx, discourse);
    if (!actor || thirdParties.has(actor) || candidates.some((c) => c.actor === actor)) continue;
    if (dyad && !dyad.includes(actor) && ctx.speakerActor === actor) continue;
    candidates.push({ actor, mention });
  }
  const inDyad = candidates.filter((c) => dyad?.includes(c.actor));
  // A bare "talks" or "met" counts only between the two sides, both named.
  const strict = cue.form === 'sidesNamed' || /^met$/i.test(cue.text);
  if (strict && inDyad.length < 2 && !ctx.mentions.some((m) => m.kind === 'dyad')) return null;
  if (dyad && (inDyad.length === 2 || (candidates.length <= 1 && candidates.every((c) => dyad.includes(c.actor))))) {
    const parties = sorted(dyad);
    return { source: { actor: parties[0], mention: inDyad.find((c) => c.actor === parties[0])?.mention as Mention }, parties, inferred: inDyad.length < 2 };
  }
  if (candidates.length >= 2 && !dyad) {
    const parties = sorted(candidates.slice(0, 2).map((c) => c.actor));
    return { source: { actor: parties[0], mention: candidates.find((c) => c.actor === parties[0])?.mention as Mention }, parties, inferred: false };
  }
  return null;
}
