export type TokenKind = 'word' | 'number' | 'punct';

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: TokenKind;
}

const TOKEN = /[\p{L}\p{M}]+|\d+(?:[.,]\d+)*|[^\s\p{L}\p{M}\d]/gu;
const LETTER = /[\p{L}\p{M}]/u;

/** Splits text into words, numbers and single punctuation marks, keeping character offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const value = match[0];
    const first = value.charCodeAt(0);
    const kind: TokenKind = first >= 48 && first <= 57 ? 'number' : value.length > 1 || LETTER.test(value) ? 'word' : 'punct';
    const start = match.index ?? 0;
    tokens.push({ text: value, lower: value.toLowerCase(), start, end: start + value.length, kind });
  }
  return tokens;
}

/** Index of the first token starting at or after `offset`. */
export function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens[mid].start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

export const isApostrophe = (text: string): boolean => text === "'" || text === '’';
