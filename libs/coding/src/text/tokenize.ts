export type TokenKind = 'word' | 'number' | 'punct';

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: TokenKind;
}

/**
 * What a code point is to the tokenizer: a letter or mark (words), an ASCII digit (numbers), white space (between tokens),
 * or anything else (one token per mark).
 */
const CharClass = { Space: 0, Letter: 1, Digit: 2, Other: 3 } as const;
type CharClass = (typeof CharClass)[keyof typeof CharClass];

const LETTER = /^[\p{L}\p{M}]$/u;
const SPACE = /^\s$/u;

// Tokens are those of /[\p{L}\p{M}]+|\d+(?:[.,]\d+)*|[^\s\p{L}\p{M}\d]/u, read code point by code point, which is cheaper:
// a table for ASCII, and a memo of the Unicode property tests for the rest.
const ASCII_CLASSES = Uint8Array.from({ length: 128 }, (_, code) => classify(code));
const NON_ASCII_CLASSES = new Map<number, CharClass>();
// Past this many distinct code points the memo starts afresh rather than grow without bound on hostile input.
const NON_ASCII_MEMO_LIMIT = 4096;

function classify(codePoint: number): CharClass {
  const char = String.fromCodePoint(codePoint);
  if (LETTER.test(char)) return CharClass.Letter;
  if (codePoint >= 48 && codePoint <= 57) return CharClass.Digit;
  return SPACE.test(char) ? CharClass.Space : CharClass.Other;
}

function nonAsciiClass(codePoint: number): CharClass {
  let known = NON_ASCII_CLASSES.get(codePoint);
  if (known === undefined) {
    if (NON_ASCII_CLASSES.size >= NON_ASCII_MEMO_LIMIT) NON_ASCII_CLASSES.clear();
    NON_ASCII_CLASSES.set(codePoint, (known = classify(codePoint)));
  }
  return known;
}

/** The class of the code point at `at`, reading ASCII straight from the table. */
function classAt(text: string, at: number): CharClass {
  const code = text.charCodeAt(at);
  return code < 128 ? (ASCII_CLASSES[code] as CharClass) : nonAsciiClass(text.codePointAt(at) as number);
}

/** Code units of the code point at `at`: 2 for a surrogate pair. */
function widthAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

const isDigitAt = (text: string, at: number): boolean => {
  const code = text.charCodeAt(at);
  return code >= 48 && code <= 57;
};

/** End of a number starting at `at`: digits, with "." or "," groups only when digits follow ("1,200", "3.5"). */
function numberEnd(text: string, at: number): number {
  let end = at;
  while (isDigitAt(text, end)) end++;
  while ((text.charCodeAt(end) === 46 || text.charCodeAt(end) === 44) && isDigitAt(text, end + 1)) {
    end++;
    while (isDigitAt(text, end)) end++;
  }
  return end;
}

function letterRunEnd(text: string, at: number): number {
  let end = at;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code < 128) {
      if (ASCII_CLASSES[code] !== CharClass.Letter) break;
      end++;
    } else {
      if (nonAsciiClass(text.codePointAt(end) as number) !== CharClass.Letter) break;
      end += widthAt(text, end);
    }
  }
  return end;
}

/** Splits text into words, numbers and single punctuation marks, keeping character offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const charClass = classAt(text, at);
    if (charClass === CharClass.Space) {
      at += widthAt(text, at);
      continue;
    }
    const end = charClass === CharClass.Letter ? letterRunEnd(text, at) : charClass === CharClass.Digit ? numberEnd(text, at) : at + widthAt(text, at);
    const value = text.slice(at, end);
    // A lone mark that is two code units long (outside the BMP) has always counted as a word.
    const kind: TokenKind = charClass === CharClass.Digit ? 'number' : charClass === CharClass.Letter || value.length > 1 ? 'word' : 'punct';
    tokens.push({ text: value, lower: value.toLowerCase(), start: at, end, kind });
    at = end;
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
