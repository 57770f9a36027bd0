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
    const text = collapseSpace(paragraph).trim();
    if (text.length === 0) continue;
    let start = 0;
    BOUNDARY.lastIndex = 0;
    for (let match = BOUNDARY.exec(text); match !== null; match = BOUNDARY.exec(text)) {
      const end = match.index + match[1].length + match[2].length;
      if (match[1] === '.' && endsWithAbbreviation(text, start, match.index)) continue;
      pushSentence(sentences, text.slice(start, end));
      start = end;
    }
    pushSentence(sentences, text.slice(start));
  }
  return sentences;
}

// Most paragraphs are single-spaced already; only the others pay for the rewrite.
function collapseSpace(paragraph: string): string {
  return /[^\S ]| {2}/.test(paragraph) ? paragraph.replace(/\s+/g, ' ') : paragraph;
}

const isAbbreviationChar = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 46;

/** Whether text[from, to) ends in a single capital ("J.") or a known abbreviation ("Jan.", "U.S."). */
function endsWithAbbreviation(text: string, from: number, to: number): boolean {
  let wordStart = to;
  while (wordStart > from && isAbbreviationChar(text.charCodeAt(wordStart - 1))) wordStart--;
  if (wordStart === to) return false;
  if (to - wordStart === 1) {
    const code = text.charCodeAt(wordStart);
    if (code >= 65 && code <= 90) return true;
  }
  return ABBREVIATIONS.has(text.slice(wordStart, to).toLowerCase());
}

function pushSentence(sentences: Sentence[], raw: string): void {
  const text = raw.trim();
  if (text.length > 0) sentences.push({ index: sentences.length, text });
}
