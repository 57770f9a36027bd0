import { otherSide, type Discourse, type SentenceContext } from '../actors/context';
import type { Mention } from '../actors/mentions';
import { BLOCKED, agentAfter, clauseSubject, isCoordinated, modifierBefore, objectAfter, subjectBefore, type Role, type RoleLookup } from '../actors/roles';
import lexiconData from '../dictionaries/lexicon.json';
import type { CueMatch } from '../cues/cues';

/** Who acts and who is acted upon, as a cue's wording and its sentence say. */
export interface DirectedRoles {
  source: Role;
  target: Role | { actor: string; mention?: undefined };
  /** True when the target came from the report's dyad, not from the sentence. */
  inferredTarget: boolean;
  anaphoric: boolean;
}

/** A strike with a target and no named actor, waiting for a "blamed on". */
export interface OpenStrike {
  target: Role;
}

export interface StrikeReading {
  roles: DirectedRoles[];
  open?: OpenStrike;
  /** A noun for an attack nobody is named for, unlike "the strike": its casualties are not ours to attach. */
  unattributed: boolean;
}

const DEFINITE = /\b(?:the|that|this|these|those|its|their|his|her|'s|’s)\s+(?:[\w-]+\s+){0,3}$/i;
const role = (lookup: RoleLookup): Role | null => (lookup && lookup !== BLOCKED ? lookup : null);

export function withTarget(source: Role, found: Role | null, dyad: Discourse['dyad'], anaphoric = false): DirectedRoles | null {
  if (found && found.actor !== source.actor) return { source, target: found, inferredTarget: false, anaphoric };
  const other = otherSide(dyad, source.actor);
  return other ? { source, target: { actor: other }, inferredTarget: true, anaphoric } : null;
}

function pairBefore(ctx: SentenceContext, position: number, dyad: Discourse['dyad']): [string, string] | null {
  const named = ctx.mentions.filter((m) => m.end <= position && m.actor && !m.preposition).map((m) => m.actor as string);
  const distinct = [...new Set(named)];
  if (distinct.length >= 2) return [distinct[distinct.length - 2], distinct[distinct.length - 1]];
  return dyad;
}

export function readStrike(cue: CueMatch, ctx: SentenceContext, discourse: Discourse): StrikeReading {
  const dyad = discourse.dyad;
  const none: StrikeReading = { roles: [], unattributed: false };
  switch (cue.form) {
    case 'reciprocal': {
      const pair = pairBefore(ctx, cue.start, dyad);
      if (!pair) return none;
      const mention = (actor: string): Role => ({ actor, mention: ctx.mentions.find((m) => m.actor === actor) as Mention });
      const [a, b] = pair;
      return { roles: [{ source: mention(a), target: mention(b), inferredTarget: false, anaphoric: false }, { source: mention(b), target: mention(a), inferredTarget: false, anaphoric: false }], unattributed: false };
    }
    case 'passive': {
      const agent = agentAfter(ctx, discourse, cue.end - 6, 8, true);
      const source = role(agent);
      if (!source) return { roles: [], unattributed: agent === BLOCKED };
      const found = withTarget(source, role(subjectBefore(ctx, discourse, cue.start)) ?? objectAfter(ctx, discourse, cue.end, source.actor), dyad);
      return { roles: found ? [found] : [], unattributed: false };
    }
    case 'behind': {
      const source = role(subjectBefore(ctx, discourse, cue.start));
      const found = source && withTarget(source, objectAfter(ctx, discourse, cue.end, source.actor), dyad, true);
      return { roles: found ? [found] : [], unattributed: false };
    }
    case 'active':
    case 'activeAdjacent': {
      if (cue.form === 'activeAdjacent' && !adjacentToName(ctx, cue.start)) return none;
      const subject = subjectBefore(ctx, discourse, cue.start);
      if (subject === BLOCKED) return { roles: [], unattributed: true };
      if (!subject) return none;
      const object = objectAfter(ctx, discourse, cue.start + 1, subject.actor);
      if (!object && namesNonStateTarget(ctx, cue.end)) return none;
      if (object && onlyBorderOfRebels(ctx, cue.end, object.mention)) return none;
      const found = withTarget(subject, object, dyad);
      return { roles: found ? [found] : [], unattributed: false };
    }
    case 'nominal':
      return readStrikeNoun(cue, ctx, discourse);
    case 'accusedStrike': {
      const accused = objectAfter(ctx, discourse, cue.start + 1, null, cue.end);
      const found = accused && withTarget(accused, objectAfter(ctx, discourse, cue.end, accused.actor), dyad);
      return { roles: found ? [found] : [], unattributed: false };
    }
    default:
      return none;
  }
}

function readStrikeNoun(cue: CueMatch, ctx: SentenceContext, discourse: Discourse): StrikeReading {
  const modifier = modifierBefore(ctx, discourse, cue.start);
  const agent = modifier ?? agentAfter(ctx, discourse, cue.end, 5);
  const definite = DEFINITE.test(ctx.text.slice(Math.max(0, cue.start - 40), cue.start));
  if (agent === BLOCKED) return { roles: [], unattributed: true };
  const target = objectAfter(ctx, discourse, cue.end, agent?.actor ?? null, cue.end + 70);
  const onTarget = target && /^\s*(?:\S+\s+){0,1}?(?:on|against|at|in|inside|into|targeting|over)\b/i.test(ctx.text.slice(cue.end, target.mention.start)) ? target : null;
  if (!agent) {
    if (definite) return { roles: [], unattributed: false };
    return onTarget ? { roles: [], open: { target: onTarget }, unattributed: true } : { roles: [], unattributed: true };
  }
  const found = withTarget(agent, onTarget, discourse.dyad, definite);
  return { roles: found ? [found] : [], unattributed: false };
}

const AGENT_WORDS = new Set(lexiconData.agentNouns);

// "India strikes …", "Ukrainian drones hit …": the verb follows the name, perhaps with the forces it used.
function adjacentToName(ctx: SentenceContext, position: number): boolean {
  let before = ctx.text.slice(0, position).replace(/\s+(?:also|then|again|now|reportedly|later|first|once again)\s*$/i, ' ').trimEnd();
  for (let k = 0; k < 3; k++) {
    if (ctx.mentions.some((m) => m.end === before.length && m.actor !== null)) return true;
    const last = /([\w-]+)$/.exec(before)?.[1]?.toLowerCase();
    if (!last || !AGENT_WORDS.has(last)) return false;
    before = before.slice(0, before.length - last.length).trimEnd();
  }
  return false;
}

const REBELS = /\b(?:rebels?|militants?|insurgents?|separatists?|terrorists?|guerrillas?|jihadists?|armed groups?)\b/i;

// "bombed rebel positions close to the Thai border": the state is where it happened, not what was aimed at.
function onlyBorderOfRebels(ctx: SentenceContext, from: number, target: Mention): boolean {
  if (!REBELS.test(ctx.text.slice(from, target.start))) return false;
  return /^(?:['’]s)?\s+(?:border|frontier)\b/i.test(ctx.text.slice(target.end, target.end + 12));
}

// "its aircraft struck RSF positions": a named non-state target and no state means an internal fight.
function namesNonStateTarget(ctx: SentenceContext, from: number): boolean {
  return ctx.mentions.some((m) => m.kind === 'nonstate' && m.start >= from && m.start < from + 60 && /^[A-Z]/.test(m.text));
}

/** Speaker or subject of a statement-like cue. */
export function statementSource(cue: CueMatch, ctx: SentenceContext, discourse: Discourse): Role | null {
  const coordinated = isCoordinated(ctx.text, cue.start) ? clauseSubject(ctx, discourse, cue.start) : null;
  const subject = coordinated ?? subjectBefore(ctx, discourse, cue.start);
  if (subject === BLOCKED) return null;
  if (subject) return subject;
  const actor = ctx.speakerActor ?? discourse.speaker;
  return actor ? { actor, mention: ctx.mentions.find((m) => m.actor === actor) as Mention } : null;
}

