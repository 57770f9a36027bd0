import { addDays, makeDate, toDays, weekday } from './calendar';
import { allMatches } from '../text/matches';
import { tokenize, type Token } from '../text/tokenize';
import { sortInPlace } from '../text/sort';

export type DateExpression =
  | { kind: 'absolute'; start: number; end: number; date: string }
  /** Shifts relative to an anchor: `shift` days from the previous date in the text (or publication). */
  | { kind: 'relative'; start: number; end: number; shift: number; boundary: boolean };

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

const WEEKDAY_PATTERN = /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g;
const WEEKDAY_MODIFIER = /\b(last|next|this|on|early|late|earlier|later)\s+(?:on\s+)?$/i;
const MONTH_DAY = new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'g');
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b(?:,?\\s+(\\d{4}))?`, 'g');
const TODAY = /\b(today|this morning|this afternoon|this evening|tonight|overnight|before dawn|at dawn|early hours|earlier in the day)\b(?!\s+(?:on\s+|of\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))/gi;
const YESTERDAY = /\b(yesterday|last night)\b/gi;
const MONTH_ONLY = new RegExp(`\\bin\\s+${MONTH}(?:\\s+(\\d{4}))?\\b(?!\\.?\\s+\\d)`, 'g');
const LONG_AGO = /\b(?:last year|last (?:summer|winter|spring|autumn|fall)|(?:two|three|several|\d+) years ago|a year ago|in previous years)\b/gi;
const SPAN_AFTER = /\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(days?|weeks?)\s+(after|before|later|earlier)\b/gi;
const HOURS_AFTER = /\b(?:hours|minutes|shortly|moments|soon|just|days)\s+(after|before)\b/gi;
const HOURS_EARLIER = /\b(?:hours|minutes|moments|shortly)\s+(?:earlier|later)\b/gi;
const NEXT_DAY = /\b(?:the\s+)?(next|following|previous)\s+day\b|\bthe day (before|after)\b/gi;

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function pickYear(month: number, day: number, explicitYear: string | undefined, published: string): string | null {
  const year = explicitYear ? Number(explicitYear) : Number(published.slice(0, 4));
  const date = makeDate(year, month, day);
  if (!date || explicitYear) return date;
  return toDays(date) > toDays(published) + 7 ? makeDate(year - 1, month, day) : date;
}

function resolveWeekday(name: string, modifier: string | undefined, published: string): string {
  const target = WEEKDAYS.indexOf(name.toLowerCase());
  const back = (weekday(published) - target + 7) % 7;
  if (modifier?.toLowerCase() === 'next') return addDays(published, back === 0 ? 7 : 7 - back);
  if (modifier?.toLowerCase() === 'last' && back === 0) return addDays(published, -7);
  return addDays(published, -back);
}

/** Every date expression of a sentence, resolved against the publication date where it stands alone. */
const DATE_WORDS = new Set([
  'today', 'tonight', 'overnight', 'dawn', 'morning', 'evening', 'afternoon', 'night', 'hours', 'minutes', 'shortly', 'moments',
  'week', 'weeks', 'earlier', 'later', 'year', 'years', 'last', 'yesterday', 'day', 'days',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

// "Monday", "holiday": read by code unit, as this runs on every word of every sentence.
function endsWithDay(word: string): boolean {
  const last = word.length - 1;
  return last >= 2 && word.charCodeAt(last) === 121 && word.charCodeAt(last - 1) === 97 && word.charCodeAt(last - 2) === 100;
}

// A cheap look at the words before any pattern runs: most sentences name no date at all.
function mayHoldDate(tokens: readonly Token[]): boolean {
  for (const token of tokens) {
    if (token.kind === 'number' || DATE_WORDS.has(token.lower) || endsWithDay(token.lower)) return true;
  }
  return false;
}

export function findDateExpressions(text: string, published: string, tokens: readonly Token[] = tokenize(text)): DateExpression[] {
  if (!mayHoldDate(tokens)) return [];
  const found: DateExpression[] = [];
  const absolute = (match: RegExpExecArray, date: string): void => {
    found.push({ kind: 'absolute', start: match.index, end: match.index + match[0].length, date });
  };
  const relative = (match: RegExpExecArray, shift: number, boundary: boolean): void => {
    found.push({ kind: 'relative', start: match.index, end: match.index + match[0].length, shift, boundary });
  };
  const hasDigit = /\d/.test(text);
  const hasDay = /day/i.test(text);
  if (hasDay) {
    for (const match of allMatches(WEEKDAY_PATTERN, text)) {
      const at = match.index ?? 0;
      const modifier = WEEKDAY_MODIFIER.exec(text.slice(Math.max(0, at - 16), at));
      const start = modifier ? at - modifier[0].length : at;
      found.push({ kind: 'absolute', start, end: at + match[0].length, date: resolveWeekday(match[1], modifier?.[1], published) });
    }
  }
  if (hasDigit) for (const match of allMatches(MONTH_DAY, text)) {
    const date = pickYear(monthIndex(match[1]), Number(match[2]), match[3], published);
    if (date) absolute(match, date);
  }
  if (hasDigit) for (const match of allMatches(DAY_MONTH, text)) {
    const date = pickYear(monthIndex(match[2]), Number(match[1]), match[3], published);
    if (date) absolute(match, date);
  }
  for (const match of allMatches(TODAY, text)) absolute(match, published);
  for (const match of allMatches(YESTERDAY, text)) absolute(match, addDays(published, -1));
  if (/\bin [A-Z]/.test(text)) {
    for (const match of allMatches(MONTH_ONLY, text)) {
      // "in April": the middle of that month, for telling recent from old.
      const date = pickYear(monthIndex(match[1]), 15, match[2], published);
      if (date) absolute(match, date > published ? published : date);
    }
  }
  if (/year|last (?:summer|winter|spring|autumn|fall)/i.test(text)) for (const match of allMatches(LONG_AGO, text)) absolute(match, addDays(published, -365));
  if (/ after| before| later| earlier/i.test(text)) for (const match of allMatches(SPAN_AFTER, text)) {
    const count = NUMBER_WORDS[match[1].toLowerCase()] ?? Number(match[1]);
    const days = match[2].toLowerCase().startsWith('week') ? count * 7 : count;
    const word = match[3].toLowerCase();
    const shift = word === 'after' ? -days : word === 'before' ? days : word === 'later' ? days : -days;
    relative(match, shift, word === 'after' || word === 'before');
  }
  for (const match of allMatches(HOURS_AFTER, text)) relative(match, 0, true);
  for (const match of allMatches(HOURS_EARLIER, text)) relative(match, 0, false);
  // Every form of the next or previous day says "day".
  if (hasDay) for (const match of allMatches(NEXT_DAY, text)) {
    const word = (match[1] ?? match[2]).toLowerCase();
    relative(match, word === 'previous' || word === 'before' ? -1 : 1, false);
  }
  return dropOverlaps(sortInPlace(found, (a, b) => a.start - b.start));
}

function dropOverlaps(expressions: DateExpression[]): DateExpression[] {
  const kept: DateExpression[] = [];
  for (const expression of expressions) {
    const last = kept[kept.length - 1];
    if (last && expression.start < last.end) {
      if (expression.end - expression.start > last.end - last.start) kept[kept.length - 1] = expression;
      continue;
    }
    kept.push(expression);
  }
  return kept;
}
