import { allMatches } from './matches';

export interface Sentence {
  index: number;
  text: string;
}

const DATELINE = /^\s*[A-Z][A-Z'’.\/ -]{2,}(?:,[^()\n]{0,80}?)?\s*\([^)\n]{1,60}\)\s*[-–—]+\s*/;
const ABBREVIATIONS = new Set([
  'u.s', 'u.n', 'u.k', 'e.u', 'u.a.e', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'st', 'dr', 'mr', 'mrs', 'ms', 'gen', 'lt', 'col', 'sgt', 'capt', 'maj', 'adm', 'brig', 'rep', 'sen', 'gov', 'no', 'p.m',
  'a.m', 'vs', 'etc', 'inc', 'corp', 'co', 'jr', 'sr', 'mt', 'ft', 'prof', 'rev', 'gov', 'd.c', 'approx',
]);
const BOUNDARY = /([.!?])(["'”’)]*)\s+(?=["'“‘(]?[A-Z0-9])/g;

/** Removes a leading wire dateline such as "ISLAMABAD, Jan 17 (Asia Wire) - ". */
export function stripDateline(body: string): string {
  return body.replace(DATELINE, '');
}

/** Splits a report body into sentences; paragraph breaks always end a sentence. */
export function splitSentences(body: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const paragraph of stripDateline(body).split(/\n\s*\n|\r\n\s*\r\n/)) {
    const text = paragraph.replace(/\s+/g, ' ').trim();
    if (text.length === 0) continue;
    let start = 0;
    for (const match of allMatches(BOUNDARY, text)) {
      const end = (match.index ?? 0) + match[1].length + match[2].length;
      if (match[1] === '.' && endsWithAbbreviation(text.slice(start, match.index))) continue;
      pushSentence(sentences, text.slice(start, end));
      start = end;
    }
    pushSentence(sentences, text.slice(start));
  }
  return sentences;
}

function endsWithAbbreviation(before: string): boolean {
  const word = /([A-Za-z.]+)$/.exec(before)?.[1] ?? '';
  if (word.length === 0) return false;
  if (/^[A-Z]$/.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

function pushSentence(sentences: Sentence[], raw: string): void {
  const text = raw.trim();
  if (text.length > 0) sentences.push({ index: sentences.length, text });
}
