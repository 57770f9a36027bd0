import countries from 'world-countries';
import type { Sector } from '@app/contracts';
import actorData from '../dictionaries/actors.json';
import leaderData from '../dictionaries/leaders.json';
import lexiconData from '../dictionaries/lexicon.json';
import { tokenize } from '../text/tokenize';

export type EntryKind = 'country' | 'capital' | 'demonym' | 'metonym' | 'person' | 'nonstate';

export interface LexiconEntry {
  /** ISO3 code, or null for a body that is not a state (it blocks attribution). */
  actor: string | null;
  kind: EntryKind;
  sector?: Sector;
}

export interface TrieNode {
  children: Map<string, TrieNode>;
  entry?: LexiconEntry;
}

const newNode = (): TrieNode => ({ children: new Map() });

/** A token-sequence trie of every name that stands for a state (or a non-state body). */
export class ActorLexicon {
  readonly root: TrieNode = newNode();
  private readonly names = new Map<string, string>();

  add(alias: string, entry: LexiconEntry): void {
    const words = tokenize(alias.replace(/^the\s+/i, '')).map((token) => token.text);
    if (words.length === 0) return;
    let node = this.root;
    for (const word of words) {
      let next = node.children.get(word);
      if (!next) {
        next = newNode();
        node.children.set(word, next);
      }
      node = next;
    }
    if (!node.entry || rank(entry.kind) >= rank(node.entry.kind)) node.entry = entry;
  }

  setName(code: string, name: string): void {
    this.names.set(code, name);
  }

  nameOf(code: string): string {
    return this.names.get(code) ?? code;
  }
}

// Explicit data wins over generated aliases when both name the same words.
const rank = (kind: EntryKind): number => ['capital', 'demonym', 'country', 'metonym', 'person', 'nonstate'].indexOf(kind);

function withPlural(demonym: string): string[] {
  return /(an|i)$/.test(demonym) ? [demonym, `${demonym}s`] : [demonym];
}

function saintVariants(name: string): string[] {
  return name.startsWith('Saint ') ? [name, name.replace(/^Saint /, 'St '), name.replace(/^Saint /, 'St. ')] : [name];
}

export function buildLexicon(): ActorLexicon {
  const lexicon = new ActorLexicon();
  const excluded = new Set(actorData.excludedAliases);
  for (const country of countries) {
    if (!country.unMember) continue;
    const code = country.cca3;
    lexicon.setName(code, country.name.common);
    const names = [country.name.common, country.name.official];
    for (const name of names.flatMap(saintVariants)) if (!excluded.has(name)) lexicon.add(name, { actor: code, kind: 'country' });
    for (const capital of country.capital ?? []) if (!excluded.has(capital)) lexicon.add(capital, { actor: code, kind: 'capital', sector: 'GOV' });
    const demonyms = country.demonyms?.eng;
    for (const demonym of new Set([demonyms?.m, demonyms?.f].filter((value): value is string => !!value))) {
      for (const form of demonym.split(/,\s*| or /)) if (!excluded.has(form)) for (const word of withPlural(form)) lexicon.add(word, { actor: code, kind: 'demonym' });
    }
  }
  for (const [code, bySector] of Object.entries(actorData.aliases)) {
    for (const [sector, aliases] of Object.entries(bySector as Record<string, string[]>)) {
      for (const alias of aliases) lexicon.add(alias, { actor: code, kind: 'metonym', sector: sector as Sector });
    }
  }
  for (const [code, people] of Object.entries(leaderData.people)) {
    for (const person of people) lexicon.add(person, { actor: code, kind: 'person', sector: 'GOV' });
  }
  for (const body of [...lexiconData.nonStateBodies, ...leaderData.nonState]) lexicon.add(body, { actor: null, kind: 'nonstate' });
  return lexicon;
}

let shared: ActorLexicon | undefined;

/** The lexicon is built once per process from the data files. */
export function lexicon(): ActorLexicon {
  shared ??= buildLexicon();
  return shared;
}
