import type { Sector } from '@app/contracts';
import lexiconData from '../dictionaries/lexicon.json';
import { isApostrophe, type Token } from '../text/tokenize';
import { lexicon, type EntryKind, type LexiconEntry, type TrieNode } from './lexicon';

export type MentionKind = EntryKind | 'pronoun' | 'institution' | 'dyad';

/** A span of a sentence that names (or refers to) an actor. */
export interface Mention {
  actor: string | null;
  kind: MentionKind;
  sector?: Sector;
  text: string;
  start: number;
  end: number;
  tokenStart: number;
  tokenEnd: number;
  possessive: boolean;
  /** Part of a hyphenated modifier ("Pakistan-administered", "U.S.-brokered"). */
  compound: boolean;
  /** The preposition governing the mention, if any ("in Beijing" → "in"). */
  preposition: string | null;
  /** Can be the subject of a verb: names, refs, and demonyms before an agent noun ("Iranian officials"). */
  agentive: boolean;
}

interface RefNode {
  children: Map<string, RefNode>;
  kind?: 'pronoun' | 'institution' | 'dyad' | 'nonstate';
}

const PREPOSITIONS = new Set(lexiconData.prepositions);
const AGENT_NOUNS = new Set(lexiconData.agentNouns);
// "Leaders of the Group of Seven said": the name after such a head is the subject, not a prepositional object.
const HEADS_OF = new Set(['leaders', 'leader', 'members', 'heads', 'head', 'ministers', 'presidents', 'governments', 'government', 'officials', 'chiefs', 'envoys', 'delegations']);
const REF_TRIE = buildRefTrie();

function buildRefTrie(): RefNode {
  const root: RefNode = { children: new Map() };
  const add = (phrase: string, kind: NonNullable<RefNode['kind']>): void => {
    let node = root;
    for (const word of phrase.toLowerCase().split(/\s+/)) {
      let next = node.children.get(word);
      if (!next) node.children.set(word, (next = { children: new Map() }));
      node = next;
    }
    node.kind ??= kind;
  };
  lexiconData.dyadRefs.forEach((phrase) => add(phrase, 'dyad'));
  lexiconData.institutionRefs.forEach((phrase) => add(phrase, 'institution'));
  lexiconData.pronouns.forEach((phrase) => add(phrase, 'pronoun'));
  lexiconData.nonStateNouns.forEach((phrase) => add(phrase, 'nonstate'));
  return root;
}

function longestLexiconMatch(tokens: readonly Token[], at: number): { end: number; entry: LexiconEntry } | null {
  let node: TrieNode | undefined = lexicon().root;
  let end = -1;
  let entry: LexiconEntry | undefined;
  for (let i = at; i < tokens.length && node; i++) {
    node = node.children.get(tokens[i].text);
    if (node?.entry) {
      end = i + 1;
      entry = node.entry;
    }
  }
  return entry ? { end, entry } : null;
}

function longestRefMatch(tokens: readonly Token[], at: number): { end: number; kind: NonNullable<RefNode['kind']> } | null {
  let node: RefNode | undefined = REF_TRIE;
  let end = -1;
  let kind: RefNode['kind'];
  for (let i = at; i < tokens.length && node; i++) {
    node = node.children.get(tokens[i].lower);
    if (node?.kind) {
      end = i + 1;
      kind = node.kind;
    }
  }
  return kind ? { end, kind } : null;
}

/** Finds every actor name and reference in a tokenized sentence, in order. */
export function findMentions(text: string, tokens: readonly Token[]): Mention[] {
  const mentions: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    // Names start with a capital (or "al-"); lower-case words only open references.
    const named = token.kind === 'punct' || (token.text[0] === token.lower[0] && token.lower !== 'al') ? null : longestLexiconMatch(tokens, i);
    if (named) {
      mentions.push(makeMention(text, tokens, i, named.end, named.entry.actor, named.entry.kind, named.entry.sector));
      i = named.end;
      continue;
    }
    const ref = token.kind === 'word' ? longestRefMatch(tokens, i) : null;
    if (ref && !(ref.kind === 'pronoun' && isApostrophe(tokens[i - 1]?.text ?? ''))) {
      mentions.push(makeMention(text, tokens, i, ref.end, null, ref.kind, undefined));
      i = ref.end;
      continue;
    }
    i++;
  }
  linkInstitutions(mentions, tokens);
  inheritPrepositions(mentions, tokens);
  return mentions;
}

function makeMention(text: string, tokens: readonly Token[], from: number, to: number, actor: string | null, kind: MentionKind, sector: Sector | undefined): Mention {
  const next = tokens[to];
  const possessive = (!!next && isApostrophe(next.text) && (tokens[to + 1]?.lower === 's' || tokens[to - 1].lower.endsWith('s'))) || false;
  const compound = (next?.text === '-' && tokens[to + 1]?.kind === 'word' && next.start === tokens[to - 1].end) ||
    (tokens[from - 1]?.text === '-' && tokens[from - 1].end === tokens[from].start && tokens[from - 2]?.kind === 'word');
  const agentive = kind !== 'demonym' || possessive || followedByAgentNoun(tokens, to);
  return {
    actor, kind, sector, text: text.slice(tokens[from].start, tokens[to - 1].end), start: tokens[from].start, end: tokens[to - 1].end,
    tokenStart: from, tokenEnd: to, possessive, compound, preposition: governingPreposition(tokens, from), agentive,
  };
}

function followedByAgentNoun(tokens: readonly Token[], at: number): boolean {
  let words = 0;
  for (let i = at; i < tokens.length && words < 4; i++) {
    if (AGENT_NOUNS.has(tokens[i].lower)) return true;
    if (tokens[i].kind === 'punct' && tokens[i].text !== '-') return false;
    if (tokens[i].kind === 'word') words++;
  }
  return false;
}

function governingPreposition(tokens: readonly Token[], at: number): string | null {
  let i = at - 1;
  while (i >= 0 && (tokens[i].lower === 'the' || tokens[i].lower === 'neighbouring' || tokens[i].lower === 'neighboring')) i--;
  const word = tokens[i]?.lower;
  if (word === 'of' && HEADS_OF.has(tokens[i - 1]?.lower ?? '')) return null;
  return word && PREPOSITIONS.has(word) ? word : null;
}

// "Pakistan's Foreign Office", "the Chinese side", "Indian army": a reference right after a name takes its actor.
function linkInstitutions(mentions: Mention[], tokens: readonly Token[]): void {
  for (let m = 1; m < mentions.length; m++) {
    const ref = mentions[m];
    if (ref.kind !== 'institution' || ref.actor) continue;
    const before = mentions[m - 1];
    if (before.actor && !before.compound && ref.tokenStart - before.tokenEnd <= (before.possessive ? 4 : 2) && !hasBreak(tokens, before.tokenEnd, ref.tokenStart)) {
      ref.actor = before.actor;
      ref.preposition ??= before.preposition;
      before.agentive = true;
    }
  }
}

function hasBreak(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (tokens[i].kind === 'punct' && !isApostrophe(tokens[i].text)) return true;
  return false;
}

// "between Pakistan and Iran": the second name is governed by the same preposition.
function inheritPrepositions(mentions: Mention[], tokens: readonly Token[]): void {
  for (let m = 1; m < mentions.length; m++) {
    const current = mentions[m];
    const before = mentions[m - 1];
    if (current.preposition || !before.preposition) continue;
    if (joinedByConjunction(tokens, before.tokenEnd, current.tokenStart)) current.preposition = before.preposition;
  }
}

/** Whether the words between two mentions are "and" or "or", give or take "the". */
function joinedByConjunction(tokens: readonly Token[], from: number, to: number): boolean {
  let conjunctions = 0;
  for (let i = from; i < to; i++) {
    const word = tokens[i].lower;
    if (word === 'the') continue;
    if (word !== 'and' && word !== 'or') return false;
    conjunctions++;
  }
  return conjunctions === 1;
}
