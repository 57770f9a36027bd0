import lexiconData from '../dictionaries/lexicon.json';
import { allMatches } from '../text/matches';
import { isApostrophe, tokenIndexAt } from '../text/tokenize';
import { resolveMention, type Discourse, type SentenceContext } from './context';
import type { Mention } from './mentions';

export interface Role {
  actor: string;
  mention: Mention;
}

/** A non-state body holds the subject position: nothing is attributed to a state. */
export const BLOCKED = 'blocked' as const;
export type RoleLookup = Role | typeof BLOCKED | null;

const POSSESSIVE_PRONOUNS = new Set(['its', 'their']);
const AGENT_WORDS = new Set(lexiconData.agentNouns);
// "warned Washington that …", "urged Baku to …": the name right after such a verb is its object.
const OBJECT_VERBS = new Set(['warned', 'warns', 'told', 'tells', 'urged', 'urges', 'accused', 'accuses', 'asked', 'informed', 'reminded', 'assured', 'threatened', 'summoned', 'blamed', 'condemned', 'criticised', 'criticized', 'pressed', 'called']);
const THIRD_PERSON = new Set(['it', 'its', 'they', 'their', 'them']);

/** Resolves a mention; "it", "its", "they" go back to the nearest earlier subject of the sentence first. */
export function actorOf(mention: Mention, ctx: SentenceContext, discourse: Discourse): string | null {
  if (mention.kind === 'pronoun' && THIRD_PERSON.has(mention.text.toLowerCase())) {
    const clauseStart = lastClauseBreak(ctx.text, mention.start);
    const eligible = (m: Mention): boolean => m.end <= mention.start && (!!m.actor || m.kind === 'nonstate') && m.agentive && !m.compound && !m.preposition;
    const antecedent = ctx.mentions.find((m) => m.start >= clauseStart && eligible(m)) ?? ctx.mentions.find(eligible);
    if (antecedent) return antecedent.actor;
  }
  return resolveMention(mention, ctx, discourse);
}

const APPOSITIVE = /,\s*(?:who|which|whose|a|an|the)\b[^,]*,/g;

/** Spans of ", who chairs ASEAN," or ", a deputy governor of …,": their names are never the subject. */
function appositives(text: string): Array<[number, number]> {
  return allMatches(APPOSITIVE, text).map((match) => [match.index ?? 0, (match.index ?? 0) + match[0].length]);
}

// The appositives of the sentence asked about last: its verbs are read one after another.
let lastAppositives: { text: string; spans: Array<[number, number]> } | null = null;

function appositivesOf(text: string): Array<[number, number]> {
  if (lastAppositives?.text !== text) lastAppositives = { text, spans: appositives(text) };
  return lastAppositives.spans;
}

/**
 * Whether a mention sits inside an appositive that closes before `position`. An appositive runs from a comma to the
 * next one, so those found in the text before `position` are exactly those of the whole sentence that end by then.
 */
function inAppositiveBefore(spans: ReadonlyArray<[number, number]>, position: number, mention: Mention): boolean {
  for (const [from, to] of spans) if (to <= position && mention.start > from && mention.end < to) return true;
  return false;
}

/** The acting state of a verb: the nearest earlier name in subject position. */
export function subjectBefore(ctx: SentenceContext, discourse: Discourse, position: number, allowPreposition = false): RoleLookup {
  const skipped = appositivesOf(ctx.text);
  for (let m = ctx.mentions.length - 1; m >= 0; m--) {
    const mention = ctx.mentions[m];
    if (mention.end > position) continue;
    if (inAppositiveBefore(skipped, position, mention)) continue;
    if (mention.kind === 'dyad' || mention.compound || !mention.agentive) continue;
    if (mention.preposition && !(allowPreposition && mention.preposition === 'by')) continue;
    // "its units had responded": a possessive before the forces that act is their subject.
    if (mention.kind === 'pronoun' && POSSESSIVE_PRONOUNS.has(mention.text.toLowerCase()) && !AGENT_WORDS.has(ctx.tokens[mention.tokenEnd]?.lower ?? '')) continue;
    if (OBJECT_VERBS.has(ctx.tokens[mention.tokenStart - 1]?.lower ?? '')) continue;
    if (mention.kind === 'nonstate') return BLOCKED;
    const actor = actorOf(mention, ctx, discourse);
    if (actor) return { actor, mention };
  }
  return null;
}

const CLAUSE_BREAK = /[;:]|,\s+(?:but|while|whereas|although|though|yet|and)\b|\bbut\b/g;

/**
 * The subject of a verb coordinated with an earlier one ("Armenia summoned the envoy and condemned …",
 * "…, accusing Kigali of …"): the first subject of its clause, not the nearest name.
 */
function lastClauseBreak(text: string, position: number): number {
  let clauseStart = 0;
  for (const match of allMatches(CLAUSE_BREAK, text.slice(0, position))) clauseStart = (match.index ?? 0) + match[0].length;
  return clauseStart;
}

export function clauseSubject(ctx: SentenceContext, discourse: Discourse, position: number): RoleLookup {
  const clauseStart = lastClauseBreak(ctx.text, position);
  const skipped = appositivesOf(ctx.text);
  for (const mention of ctx.mentions) {
    if (mention.start < clauseStart || mention.end > position) continue;
    if (mention.kind === 'dyad' || mention.compound || !mention.agentive || mention.preposition) continue;
    if (inAppositiveBefore(skipped, position, mention)) continue;
    if (mention.kind === 'nonstate') return BLOCKED;
    const actor = actorOf(mention, ctx, discourse);
    if (actor) return { actor, mention };
  }
  return null;
}

/** A verb joined to an earlier one by "and", or a participle after a comma ("…, accusing Kigali"). */
export function isCoordinated(text: string, position: number): boolean {
  const before = text.slice(Math.max(0, position - 12), position);
  if (/\band\s+(?:also\s+|then\s+|later\s+)?$/i.test(before)) return true;
  return /,\s*$/.test(before) && /^\w+ing\b/i.test(text.slice(position));
}

/** The first state named after a position, other than `exclude`, up to the end of the clause. */
export function objectAfter(ctx: SentenceContext, discourse: Discourse, position: number, exclude: string | null, until = Infinity): Role | null {
  const clauseEnd = Math.min(until, nextClauseEnd(ctx.text, position));
  for (const mention of ctx.mentions) {
    if (mention.start < position || mention.start >= clauseEnd) continue;
    if (mention.kind === 'nonstate' || mention.kind === 'dyad') continue;
    if (mention.preposition === 'by' || mention.preposition === 'from') continue;
    const actor = actorOf(mention, ctx, discourse);
    if (actor && actor !== exclude) return { actor, mention };
  }
  return null;
}

// Searched from `position` in place: no alternative looks behind its start, so this finds what a search of the rest would.
const CLAUSE_END = /;|,\s+(?:while|but|as|whereas|and said|saying)\b|\s[-–—]\s/g;

function nextClauseEnd(text: string, position: number): number {
  CLAUSE_END.lastIndex = position;
  const match = CLAUSE_END.exec(text);
  return match ? match.index : text.length;
}

/** "… by Tehran": the agent of a passive verb or noun, within a few words after a position. */
export function agentAfter(ctx: SentenceContext, discourse: Discourse, position: number, maxTokens = 5, allowFrom = false): RoleLookup {
  const from = tokenIndexAt(ctx.tokens, position);
  if (from === ctx.tokens.length) return null;
  for (let i = from; i < Math.min(ctx.tokens.length, from + maxTokens); i++) {
    if (ctx.tokens[i].lower !== 'by' && !(allowFrom && ctx.tokens[i].lower === 'from')) continue;
    const mention = ctx.mentions.find((m) => m.tokenStart > i && m.tokenStart <= i + 3);
    if (!mention) return null;
    if (mention.kind === 'nonstate') return BLOCKED;
    const actor = actorOf(mention, ctx, discourse);
    return actor ? { actor, mention } : null;
  }
  return null;
}

const MODIFIER_BREAKS = new Set(['the', 'a', 'an', 'that', 'which', 'who', 'in', 'on', 'at', 'of', 'for', 'to', 'by', 'with', 'from', 'said', 'says', 'after']);

/** "an Iranian missile strike", "Israel's attack", "U.S.-brokered": the state modifying a noun. */
export function modifierBefore(ctx: SentenceContext, discourse: Discourse, position: number, maxTokens = 5): RoleLookup {
  const end = tokenIndexAt(ctx.tokens, position);
  for (let m = ctx.mentions.length - 1; m >= 0; m--) {
    const mention = ctx.mentions[m];
    if (mention.tokenEnd > end) continue;
    if (end - mention.tokenEnd > maxTokens) return null;
    for (let i = mention.tokenEnd; i < end; i++) {
      const token = ctx.tokens[i];
      if (token.kind === 'punct' && token.text !== '-' && !isApostrophe(token.text)) return null;
      if (MODIFIER_BREAKS.has(token.lower)) return null;
    }
    if (mention.kind === 'nonstate') return BLOCKED;
    if (mention.kind === 'institution' || mention.kind === 'pronoun' || mention.kind === 'dyad') return null;
    if (!(mention.possessive || mention.kind === 'demonym' || mention.compound || end === mention.tokenEnd)) return null;
    const actor = actorOf(mention, ctx, discourse);
    return actor ? { actor, mention } : null;
  }
  return null;
}

/** Distinct states named in the sentence, in order, optionally without some. */
export function namedStates(ctx: SentenceContext, exclude: ReadonlySet<string> = new Set()): string[] {
  const seen: string[] = [];
  for (const mention of ctx.mentions) {
    if (!mention.actor || exclude.has(mention.actor) || seen.includes(mention.actor)) continue;
    seen.push(mention.actor);
  }
  return seen;
}
