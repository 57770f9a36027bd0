import type { CountQualifier } from '@app/contracts';
import type { Token } from '../text/tokenize';

export interface NumberPhrase {
  count: number | null;
  qualifier: CountQualifier;
  tokenStart: number;
  tokenEnd: number;
}

const UNITS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const VAGUE = new Set(['several', 'dozens', 'scores', 'hundreds', 'thousands', 'multiple', 'many', 'numerous', 'some']);
const AT_LEAST: string[][] = [['at', 'least'], ['more', 'than'], ['over'], ['upwards', 'of'], ['no', 'fewer', 'than'], ['no', 'less', 'than'], ['in', 'excess', 'of']];
const APPROX: string[][] = [['nearly'], ['about'], ['around'], ['almost'], ['some'], ['approximately'], ['roughly'], ['close', 'to'], ['up', 'to'], ['an', 'estimated'], ['as', 'many', 'as']];

// Phrases by their first word: a token is looked up once rather than compared with every phrase.
const byFirstWord = (phrases: string[][]): Map<string, string[][]> => {
  const index = new Map<string, string[][]>();
  for (const phrase of phrases) index.set(phrase[0], [...(index.get(phrase[0]) ?? []), phrase]);
  return index;
};
const AT_LEAST_BY_WORD = byFirstWord(AT_LEAST);
const APPROX_BY_WORD = byFirstWord(APPROX);

function matchWords(tokens: readonly Token[], at: number, phrases: ReadonlyMap<string, string[][]>): number {
  const first = tokens[at];
  const candidates = first && phrases.get(first.lower);
  if (!candidates) return 0;
  for (const phrase of candidates) if (startsWithWords(tokens, at, phrase)) return phrase.length;
  return 0;
}

function startsWithWords(tokens: readonly Token[], at: number, words: readonly string[]): boolean {
  for (let k = 1; k < words.length; k++) if (tokens[at + k]?.lower !== words[k]) return false;
  return true;
}

function parseCardinal(tokens: readonly Token[], at: number): { value: number; end: number } | null {
  const token = tokens[at];
  if (!token) return null;
  if (token.kind === 'number') {
    const value = Number(token.text.replace(/,/g, ''));
    return Number.isFinite(value) ? { value, end: at + 1 } : null;
  }
  const word = token.lower;
  if (word in TENS) {
    if (tokens[at + 1]?.text === '-' && tokens[at + 2]?.lower in UNITS) return { value: TENS[word] + UNITS[tokens[at + 2].lower], end: at + 3 };
    return { value: TENS[word], end: at + 1 };
  }
  if (word in UNITS) {
    if (tokens[at + 1]?.lower === 'hundred') return { value: UNITS[word] * 100, end: at + 2 };
    if (tokens[at + 1]?.lower === 'dozen') return { value: UNITS[word] * 12, end: at + 2 };
    return { value: UNITS[word], end: at + 1 };
  }
  if (word === 'a' && tokens[at + 1]?.lower === 'dozen') return { value: 12, end: at + 2 };
  return null;
}

/** Reads a casualty figure starting at a token: "at least seven", "26", "nearly 40", "several", "a number of". */
export function parseNumberPhrase(tokens: readonly Token[], at: number): NumberPhrase | null {
  const atLeast = matchWords(tokens, at, AT_LEAST_BY_WORD);
  const approx = atLeast ? 0 : matchWords(tokens, at, APPROX_BY_WORD);
  const from = at + atLeast + approx;
  const cardinal = parseCardinal(tokens, from);
  if (cardinal) {
    if (isNotACount(tokens, from, cardinal.end, cardinal.value)) return null;
    const qualifier: CountQualifier = atLeast ? 'at_least' : approx || tokens[from].lower === 'dozen' ? 'approx' : tokens[from]?.lower === 'a' ? 'approx' : 'exact';
    return { count: cardinal.value, qualifier, tokenStart: at, tokenEnd: cardinal.end };
  }
  const word = tokens[from]?.lower;
  if (word && VAGUE.has(word) && !(word === 'some' && approx)) return { count: null, qualifier: 'unspecified', tokenStart: at, tokenEnd: from + 1 };
  if (word === 'a' && tokens[from + 1]?.lower === 'number' && tokens[from + 2]?.lower === 'of') return { count: null, qualifier: 'unspecified', tokenStart: at, tokenEnd: from + 3 };
  return null;
}

function isNotACount(tokens: readonly Token[], from: number, end: number, value: number): boolean {
  const next = tokens[end];
  if (next?.text === '-' && /^(year|month|day|week)/.test(tokens[end + 1]?.lower ?? '')) return true;
  if (next && /^(%|percent|km|kilometres|kilometers|miles|metres|meters|p|a|pm|am|gmt)$/.test(next.lower)) return true;
  if (next?.text === ':' || next?.text === '.') return tokens[end + 1]?.kind === 'number';
  if (tokens[from].kind === 'number' && value >= 1900 && value <= 2100 && tokens[from].text.length === 4) return true;
  return false;
}
