import type { CountQualifier } from '@app/contracts';
import { lexicon } from '../actors/lexicon';
import type { Token } from '../text/tokenize';
import { parseNumberPhrase, type NumberPhrase } from './numbers';

export type CasualtyKind = 'killed' | 'injured';

export interface CasualtyMention {
  kind: CasualtyKind;
  count: number | null;
  qualifier: CountQualifier;
  /** Character offset of the casualty word. */
  position: number;
  /** Token index of the word that names the harm (killed, wounded…). */
  verbToken: number;
}

const KILLED = new Set(['killed', 'killing', 'kills', 'kill', 'dead', 'died', 'death', 'deaths', 'lives', 'fatalities', 'slain', 'perished']);
const INJURED = new Set(['injured', 'injuring', 'injures', 'wounded', 'wounding', 'hurt', 'injuries', 'casualties']);
// Every word that names a harm, with its kind: one look-up per word of the sentence.
const HARM_OF = new Map<string, CasualtyKind>([
  ...[...KILLED].map((word): [string, CasualtyKind] => [word, 'killed']),
  ...[...INJURED].map((word): [string, CasualtyKind] => [word, 'injured']),
  ['claimed', 'killed'], ['claiming', 'killed'],
]);
const BOUNDARY_WORDS = new Set(['that', 'said', 'says', 'told', 'which', 'when', 'while', 'but', 'after', 'because', 'saying', 'where']);
const PERSONS = new Set([
  'people', 'persons', 'person', 'civilians', 'civilian', 'children', 'child', 'soldiers', 'soldier', 'troops', 'militants', 'members',
  'officers', 'women', 'men', 'girls', 'boys', 'residents', 'villagers', 'tourists', 'nationals', 'policemen', 'police', 'personnel',
  'fighters', 'guards', 'workers', 'others', 'pilgrims', 'students', 'worshippers', 'passengers', 'insurgents', 'rebels', 'servicemen',
  'sailors', 'pilots', 'staff', 'citizens', 'infants', 'babies', 'family', 'commanders', 'generals', 'officials', 'farmers', 'fishermen',
  'of', 'innocent', 'more', 'were', 'was', 'had', 'have', 'been', 'dead', 'killed', 'wounded', 'injured',
]);

function isDemonymPlural(token: Token | undefined): boolean {
  if (!token || !/^[A-Z].*s$/.test(token.text)) return false;
  return lexicon().root.children.get(token.text)?.entry?.actor != null;
}

function looksLikeVictims(tokens: readonly Token[], phrase: NumberPhrase): boolean {
  for (let i = phrase.tokenEnd; i < Math.min(tokens.length, phrase.tokenEnd + 4); i++) {
    if (PERSONS.has(tokens[i].lower) || isDemonymPlural(tokens[i])) return true;
    if (tokens[i].kind === 'punct' && tokens[i].text !== '-') return false;
  }
  return false;
}

function figureAfter(tokens: readonly Token[], verb: number): NumberPhrase | null {
  let at = verb + 1;
  if (tokens[at]?.lower === 'the' && tokens[at + 1]?.lower === 'lives' && tokens[at + 2]?.lower === 'of') at += 3;
  else if (tokens[at]?.lower === 'of') at += 1;
  const phrase = parseNumberPhrase(tokens, at);
  return phrase && (phrase.count !== null || looksLikeVictims(tokens, phrase)) ? phrase : null;
}

function figureBefore(tokens: readonly Token[], verb: number): NumberPhrase | null {
  let earliest: NumberPhrase | null = null;
  for (let i = verb - 1; i >= Math.max(0, verb - 14); i--) {
    const token = tokens[i];
    if (isSpacedDash(tokens, i) || token.text === ')') {
      const open = findOpening(tokens, i);
      if (open >= 0) {
        i = open;
        continue;
      }
    }
    if (BOUNDARY_WORDS.has(token.lower) || KILLED.has(token.lower) || INJURED.has(token.lower) || token.text === ';') break;
    if (token.text === ',' && earliest) break;
    const phrase = parseNumberPhrase(tokens, i);
    if (phrase && phrase.tokenEnd <= verb && (looksLikeVictims(tokens, phrase) || phrase.tokenEnd === verb)) earliest = phrase;
  }
  return earliest;
}

/** Killed and injured figures of one sentence, each at the word that names the harm. */
export function findCasualties(tokens: readonly Token[]): CasualtyMention[] {
  const found: CasualtyMention[] = [];
  let used: Set<number> | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i].lower;
    const kind = HARM_OF.get(word);
    if (!kind) continue;
    const weak = word === 'claimed' || word === 'claiming' || word === 'casualties';
    const after = figureAfter(tokens, i);
    const phrase = weak ? (after && after.count !== null && looksLikeVictims(tokens, after) ? after : null) : after ?? figureBefore(tokens, i);
    if (!phrase || used?.has(phrase.tokenStart)) continue;
    (used ??= new Set()).add(phrase.tokenStart);
    found.push({ kind, count: phrase.count, qualifier: phrase.qualifier, position: tokens[i].start, verbToken: i });
  }
  return found;
}

function isSpacedDash(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  return /^[-–—]$/.test(token.text) && (tokens[i - 1]?.end ?? -1) < token.start;
}

// Skips back over a parenthetical "- four children, three women -" or "( … )" to its opening mark.
function findOpening(tokens: readonly Token[], close: number): number {
  for (let i = close - 1; i >= Math.max(0, close - 16); i--) {
    if (tokens[close].text === ')' ? tokens[i].text === '(' : isSpacedDash(tokens, i)) return i;
  }
  return -1;
}
