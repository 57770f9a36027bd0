import type { Category } from '@app/contracts';
import cueData from '../dictionaries/cues.json';
import { tokenize, type Token } from '../text/tokenize';
import { allMatches } from '../text/matches';
import { sortInPlace } from '../text/sort';

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
  /** What every match begins with, read from the pattern itself; null when the pattern does not say. */
  starts: string[] | null;
}

// Words are indexed by their first three letters; shorter words ("at", "a") are never looked up.
const KEY_LENGTH = 3;

/**
 * The literal starts of a pattern's leading alternatives ("\\b(?:struck|bombed…)" → struck, bombed…); null when one
 * of them starts with a word too short to be indexed ("at a time … of its choosing"), so that the cue is tried on
 * every sentence instead.
 */
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
  return prefixes.every((prefix) => prefix.trim().split(' ')[0].length >= KEY_LENGTH) ? prefixes : null;
}

/**
 * The lower-case literal every match of a pattern begins with, one or more per alternative ("fired ", "act of ",
 * "naked"…); null when an alternative may begin otherwise (a class, an optional group, a non-letter).
 */
export function startLiterals(source: string): string[] | null {
  const literals: string[] = [];
  for (const alternative of splitTopLevel(source)) {
    const starts = alternativeStarts(alternative);
    if (!starts) return null;
    literals.push(...starts);
  }
  return literals;
}

function alternativeStarts(alternative: string): string[] | null {
  let rest = alternative;
  // Word boundaries and lookbehinds match no text.
  for (;;) {
    if (rest.startsWith('\\b')) rest = rest.slice(2);
    else if (rest.startsWith('(?<!') || rest.startsWith('(?<=')) {
      const end = groupEnd(rest);
      if (end < 0) return null;
      rest = rest.slice(end + 1);
    } else break;
  }
  if (rest.startsWith('(?:')) {
    const end = groupEnd(rest);
    if (end < 0 || /^[?*+{]/.test(rest.slice(end + 1))) return null;
    return startLiterals(rest.slice(3, end));
  }
  const literal = /^[a-z' -]*/i.exec(rest)?.[0] ?? '';
  const start = (/^[?*+{]/.test(rest.slice(literal.length)) ? literal.slice(0, -1) : literal).toLowerCase();
  return /^[a-z]/.test(start) ? [start] : null;
}

/** Index of the parenthesis closing the group that opens `source`, or -1. */
function groupEnd(source: string): number {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === '[') i = classEnd(source, i);
    else if (source[i] === '(') depth++;
    else if (source[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

function classEnd(source: string, open: number): number {
  for (let i = open + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return source.length;
}

/**
 * Whether a match can begin at a word: a literal of letters only must start the word ("strike" for strikes), one that
 * goes on past its letters ("fired ", "cross-border") must have them for the whole word.
 */
function literalMayStartAt(literals: readonly string[], word: string): boolean {
  for (const literal of literals) {
    const letters = /^[a-z]*/.exec(literal)?.[0] ?? '';
    if (letters.length === literal.length ? word.startsWith(literal) : word === letters) return true;
  }
  return false;
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
    starts: startLiterals(cue.pattern),
  };
});

// A pattern such as "a|b" with alternatives outside any group cannot be gated by its first group.
function topLevelAlternatives(source: string): boolean {
  return splitTopLevel(source).length > 1;
}

const keyOf = (word: string): number => (word.charCodeAt(0) << 16) | (word.charCodeAt(1) << 8) | word.charCodeAt(2);

/**
 * A cue listed under a key, with what a word carrying the key must be for the cue to start there. Literal starts read
 * from the pattern are exact: "carried out" needs the word "carried", "sever" a word starting so. Hand-written keys
 * are hints only: any word with the key may start the cue.
 */
interface KeyedCue {
  index: number;
  anyWord: boolean;
  /** Literals that go on past the word ("carried out"): the word must be their first word. */
  wholeWords: string[];
  /** Literals within one word ("sever" for severed): the word must start with them. */
  wordStarts: string[];
}

// Cues indexed by the first three letters of each literal they can start with; the rest are always tried.
const BY_KEY = new Map<number, KeyedCue[]>();
const ALWAYS: number[] = [];
COMPILED.forEach((cue, index) => {
  if (!cue.prefixes) {
    ALWAYS.push(index);
    return;
  }
  const handWritten = !!(cueData.cues[index] as { keys?: string[] }).keys;
  for (const prefix of cue.prefixes) {
    const key = keyOf(prefix.trim().toLowerCase());
    const list = BY_KEY.get(key) ?? [];
    let entry = list.find((keyed) => keyed.index === index);
    if (!entry) list.push((entry = { index, anyWord: false, wholeWords: [], wordStarts: [] }));
    BY_KEY.set(key, list);
    const letters = /^[a-z]*/.exec(prefix)?.[0] ?? '';
    if (handWritten || !cue.anchored || letters.length === 0) entry.anyWord = true;
    else if (letters.length === prefix.length) entry.wordStarts.push(letters);
    else entry.wholeWords.push(letters);
  }
});

const NO_KEYED_CUES: readonly KeyedCue[] = [];

function mayStartAt(entry: KeyedCue, word: string): boolean {
  const starts = COMPILED[entry.index].starts;
  if (starts && !literalMayStartAt(starts, word)) return false;
  return entry.anyWord || entry.wholeWords.includes(word) || entry.wordStarts.some((start) => word.startsWith(start));
}

const WHOLE_SENTENCE = -1;

/**
 * Which cues a sentence tries, and where: the whole sentence, or the offsets of the words a cue may start at.
 * The buffers are reused from sentence to sentence (coding is synchronous); a cue counts as chosen only when its
 * mark is the current generation.
 */
class Candidates {
  private readonly chosenIn = new Int32Array(COMPILED.length);
  private readonly counts = new Int32Array(COMPILED.length);
  private readonly starts = COMPILED.map(() => new Int32Array(8));
  private generation = 0;

  /** Forgets the previous sentence's candidates. */
  reset(): void {
    this.generation++;
  }

  chooseWhole(index: number): void {
    this.chosenIn[index] = this.generation;
    this.counts[index] = WHOLE_SENTENCE;
  }

  chooseStart(index: number, start: number): void {
    if (this.chosenIn[index] !== this.generation) {
      this.chosenIn[index] = this.generation;
      this.counts[index] = 0;
    }
    const count = this.counts[index];
    if (count === this.starts[index].length) {
      const grown = new Int32Array(count * 2);
      grown.set(this.starts[index]);
      this.starts[index] = grown;
    }
    this.starts[index][count] = start;
    this.counts[index] = count + 1;
  }

  isChosen(index: number): boolean {
    return this.chosenIn[index] === this.generation;
  }

  scansWhole(index: number): boolean {
    return this.counts[index] === WHOLE_SENTENCE;
  }

  startCount(index: number): number {
    return this.counts[index];
  }

  startAt(index: number, k: number): number {
    return this.starts[index][k];
  }
}

const candidates = new Candidates();

/** A cue a word brings in: tried over the whole sentence, or at the word only. */
interface WordCue {
  index: number;
  whole: boolean;
}

const NO_CUES: readonly WordCue[] = [];
// The cues of each word seen, worked out once per word rather than once per occurrence; restarted when large.
const CUES_BY_WORD = new Map<string, readonly WordCue[]>();
const CUES_BY_WORD_LIMIT = 50_000;

function cuesOfWord(word: string): readonly WordCue[] {
  let cues = CUES_BY_WORD.get(word);
  if (cues === undefined) {
    if (CUES_BY_WORD.size >= CUES_BY_WORD_LIMIT) CUES_BY_WORD.clear();
    CUES_BY_WORD.set(word, (cues = cuesOfNewWord(word)));
  }
  return cues;
}

function cuesOfNewWord(word: string): readonly WordCue[] {
  const cues: WordCue[] = [];
  for (const entry of BY_KEY.get(keyOf(word)) ?? NO_KEYED_CUES) {
    if (!COMPILED[entry.index].anchored) cues.push({ index: entry.index, whole: true });
    else if (mayStartAt(entry, word)) cues.push({ index: entry.index, whole: false });
  }
  return cues.length === 0 ? NO_CUES : cues;
}

function chooseCandidates(tokens: readonly Token[]): void {
  candidates.reset();
  for (const index of ALWAYS) candidates.chooseWhole(index);
  for (const token of tokens) {
    if (token.kind !== 'word' || token.lower.length < KEY_LENGTH) continue;
    for (const cue of cuesOfWord(token.lower)) {
      if (cue.whole) candidates.chooseWhole(cue.index);
      else candidates.chooseStart(cue.index, token.start);
    }
  }
}

function addMatch(found: CueMatch[], cue: CompiledCue, match: RegExpExecArray): void {
  const start = match.index;
  found.push({ category: cue.category, form: cue.form, cameo: cue.cameo, goldstein: cue.goldstein, start, end: start + match[0].length, text: match[0] });
}

function addMatches(found: CueMatch[], index: number, text: string): void {
  const cue = COMPILED[index];
  if (candidates.scansWhole(index)) {
    for (const match of allMatches(cue.pattern, text)) addMatch(found, cue, match);
    return;
  }
  for (let k = 0; k < candidates.startCount(index); k++) {
    cue.sticky.lastIndex = candidates.startAt(index, k);
    const match = cue.sticky.exec(text);
    if (match && match[0].length > 0) addMatch(found, cue, match);
  }
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
  chooseCandidates(tokens);
  for (let index = 0; index < COMPILED.length; index++) if (candidates.isChosen(index)) addMatches(found, index, text);
  const kept = found.filter((cue) => !found.some((other) => other !== cue && other.category === cue.category && contains(other, cue)));
  return sortInPlace(kept, (a, b) => a.start - b.start || b.end - a.end);
}

function contains(outer: CueMatch, inner: CueMatch): boolean {
  if (outer.start <= inner.start && inner.end <= outer.end) {
    if (outer.start === inner.start && outer.end === inner.end) return outer.form < inner.form;
    return true;
  }
  // A noun already covered by a verb phrase ("launched … missiles at") adds nothing.
  return inner.form === 'nominal' && outer.form !== 'nominal' && inner.start < outer.end && outer.start < inner.end;
}
