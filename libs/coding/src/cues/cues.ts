import type { Category } from '@app/contracts';
import cueData from '../dictionaries/cues.json';
import { tokenize, type Token } from '../text/tokenize';
import { allMatches } from '../text/matches';

export type CueForm =
  | 'active' | 'activeAdjacent' | 'passive' | 'nominal' | 'reciprocal' | 'behind' | 'statement'
  | 'accusedOf' | 'blame' | 'violation' | 'support' | 'compound' | 'agentAfter' | 'accusedStrike' | 'sidesNamed' | 'faces';

/** One place in a sentence where wording signals a category. */
export interface CueMatch {
  category: Category;
  form: CueForm;
  cameo: string;
  goldstein: number;
  start: number;
  end: number;
  text: string;
}

interface CompiledCue {
  category: Category;
  form: CueForm;
  cameo: string;
  goldstein: number;
  pattern: RegExp;
  /** Lower-case literals one of which every match starts with; null when the pattern has none to offer. */
  prefixes: string[] | null;
  /** True when every match starts at a word with one of the prefixes, so only those words need trying. */
  anchored: boolean;
  sticky: RegExp;
}

/** The literal starts of a pattern's leading alternatives ("\\b(?:struck|bombed…)" → struck, bombed…). */
export function leadingLiterals(source: string): string[] | null {
  let rest = source.replace(/^\(\?<[!=][^)]*\)/, '').replace(/^\\b/, '');
  let alternatives: string[];
  if (rest.startsWith('(?:')) {
    let depth = 0;
    let end = -1;
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '\\') i++;
      else if (rest[i] === '(') depth++;
      else if (rest[i] === ')' && --depth === 0) {
        end = i;
        break;
      }
    }
    if (end < 0) return null;
    alternatives = splitTopLevel(rest.slice(3, end));
  } else {
    alternatives = [rest];
  }
  const prefixes = alternatives.map((alternative) => {
    const literal = /^[a-z' -]*/i.exec(alternative)?.[0] ?? '';
    // "strikes?" may end before its last letter.
    const quantified = /^[?*{]/.test(alternative.slice(literal.length));
    return (quantified ? literal.slice(0, -1) : literal).toLowerCase();
  });
  return prefixes.every((prefix) => prefix.trim().length >= 3) && !/\|/.test(source.slice(0, 0)) ? prefixes : null;
}

function splitTopLevel(group: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < group.length; i++) {
    if (group[i] === '\\') i++;
    else if (group[i] === '(') depth++;
    else if (group[i] === ')') depth--;
    else if (group[i] === '|' && depth === 0) {
      parts.push(group.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(group.slice(start));
  return parts;
}

const CATEGORY_DEFAULTS = cueData.categories as Record<Category, { cameo: string; goldstein: number }>;
const GOLDSTEIN_BY_CAMEO: Record<string, number> = { '130': -4.4, '138': -7, '036': 4, '046': 7, '040': 1 };

const COMPILED: CompiledCue[] = cueData.cues.map((cue) => {
  const category = cue.category as Category;
  const cameo = (cue as { cameo?: string }).cameo ?? CATEGORY_DEFAULTS[category].cameo;
  return {
    category, form: cue.form as CueForm, cameo,
    goldstein: GOLDSTEIN_BY_CAMEO[cameo] ?? CATEGORY_DEFAULTS[category].goldstein,
    pattern: new RegExp(cue.pattern, 'gi'),
    prefixes: (cue as { keys?: string[] }).keys ?? (topLevelAlternatives(cue.pattern) ? null : leadingLiterals(cue.pattern)),
    anchored: (cue as { anchored?: boolean }).anchored ?? (!(cue as { keys?: string[] }).keys && !topLevelAlternatives(cue.pattern) && leadingLiterals(cue.pattern) !== null),
    sticky: new RegExp(cue.pattern, 'iy'),
  };
});

// A pattern such as "a|b" with alternatives outside any group cannot be gated by its first group.
function topLevelAlternatives(source: string): boolean {
  return splitTopLevel(source).length > 1;
}

const KEY_LENGTH = 3;
const keyOf = (word: string): number => (word.charCodeAt(0) << 16) | (word.charCodeAt(1) << 8) | word.charCodeAt(2);
// Cues indexed by the first three letters of each literal they can start with; the rest are always tried.
const BY_KEY = new Map<number, number[]>();
const ALWAYS: number[] = [];
COMPILED.forEach((cue, index) => {
  if (!cue.prefixes) {
    ALWAYS.push(index);
    return;
  }
  for (const prefix of cue.prefixes) {
    const key = keyOf(prefix.trim().toLowerCase());
    const list = BY_KEY.get(key) ?? [];
    if (!list.includes(index)) list.push(index);
    BY_KEY.set(key, list);
  }
});

/** For each cue worth trying: -1 to scan the whole sentence, else the offsets of the words it may start at. */
function candidateCues(tokens: readonly Token[]): Array<number[] | null> {
  const chosen: Array<number[] | null> = new Array(COMPILED.length).fill(null);
  for (const index of ALWAYS) chosen[index] = [-1];
  for (const token of tokens) {
    if (token.kind !== 'word' || token.lower.length < KEY_LENGTH) continue;
    const list = BY_KEY.get(keyOf(token.lower));
    if (!list) continue;
    for (const index of list) {
      const starts = chosen[index] ?? (chosen[index] = []);
      if (COMPILED[index].anchored) starts.push(token.start);
      else if (starts[0] !== -1) starts.unshift(-1);
    }
  }
  return chosen;
}

function matchesOf(cue: CompiledCue, text: string, starts: number[]): RegExpExecArray[] {
  if (starts[0] === -1) return allMatches(cue.pattern, text);
  const found: RegExpExecArray[] = [];
  for (const start of starts) {
    cue.sticky.lastIndex = start;
    const match = cue.sticky.exec(text);
    if (match && match[0].length > 0) found.push(match);
  }
  return found;
}

/** CAMEO code of a strike from its wording: air and missile 195, artillery 194, else 190. */
export function strikeCameo(text: string): string {
  if (/air|drone|missile|bomb|rocket|jet|warplane/i.test(text)) return '195';
  if (/artillery|shell|mortar|gunfire|fire\b/i.test(text)) return '194';
  return '190';
}

/** Every cue of a sentence; a cue inside a longer one of the same category is dropped. */
export function findCues(text: string, tokens: readonly Token[] = tokenize(text)): CueMatch[] {
  const found: CueMatch[] = [];
  const candidates = candidateCues(tokens);
  for (let index = 0; index < COMPILED.length; index++) {
    const starts = candidates[index];
    if (!starts) continue;
    const cue = COMPILED[index];
    cue.pattern.lastIndex = 0;
    for (const match of matchesOf(cue, text, starts)) {
      const start = match.index ?? 0;
      found.push({ category: cue.category, form: cue.form, cameo: cue.cameo, goldstein: cue.goldstein, start, end: start + match[0].length, text: match[0] });
    }
  }
  const kept = found.filter((cue) => !found.some((other) => other !== cue && other.category === cue.category && contains(other, cue)));
  return kept.sort((a, b) => a.start - b.start || b.end - a.end);
}

function contains(outer: CueMatch, inner: CueMatch): boolean {
  if (outer.start <= inner.start && inner.end <= outer.end) {
    if (outer.start === inner.start && outer.end === inner.end) return outer.form < inner.form;
    return true;
  }
  // A noun already covered by a verb phrase ("launched … missiles at") adds nothing.
  return inner.form === 'nominal' && outer.form !== 'nominal' && inner.start < outer.end && outer.start < inner.end;
}
