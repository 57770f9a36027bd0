import { EscalationError } from './errors';

/** A calendar date, `YYYY-MM-DD`, with no time zone: the unit of every window and half-life. */
export type IsoDate = string;
/** An instant as ISO-8601 with an offset or `Z`. */
export type Instant = string;

/**
 * When a read model is evaluated. A bare date (`{date}`) is used as is; an instant is taken in its own
 * offset, so `2024-01-16T23:30:00-05:00` is 16 January even though it is the 17th in UTC. The caller who has
 * no `asOf` passes the request instant in UTC (`...Z`), which makes the date the UTC date (SPEC §4).
 */
export type EvaluationTime = { date: IsoDate } | Instant;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN =
  /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;
const MS_PER_DAY = 86_400_000;

// Read models evaluate the same few hundred dates over and over: parsing each once keeps the ladder cheap.
const DAY_NUMBERS = new Map<IsoDate, number>();
const DAY_NUMBER_CACHE_LIMIT = 100_000;

/** Days since 1970-01-01 for a valid calendar date; throws INVALID_DATE otherwise. */
export function dayNumber(date: IsoDate): number {
  const cached = DAY_NUMBERS.get(date);
  if (cached !== undefined) return cached;
  const day = parseDayNumber(date);
  if (DAY_NUMBERS.size >= DAY_NUMBER_CACHE_LIMIT) DAY_NUMBERS.clear();
  DAY_NUMBERS.set(date, day);
  return day;
}

function parseDayNumber(date: IsoDate): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new EscalationError('INVALID_DATE', `"${date}" is not a YYYY-MM-DD date`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new EscalationError('INVALID_DATE', `"${date}" is not a real calendar date`);
  }
  return Math.round(ms / MS_PER_DAY);
}

/** The calendar date of a day number (inverse of `dayNumber`). */
export function dateOfDay(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return dateOfDay(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function isValidDate(date: string): boolean {
  try {
    dayNumber(date);
    return true;
  } catch {
    return false;
  }
}

/** The date T stands for: its own date when given as a date, else the date part in T's own offset. */
export function evaluationDate(at: EvaluationTime): IsoDate {
  if (typeof at !== 'string') {
    dayNumber(at.date);
    return at.date;
  }
  const match = INSTANT_PATTERN.exec(at);
  if (!match) {
    throw new EscalationError('INVALID_EVALUATION_TIME', `"${at}" is neither a date nor an ISO instant with an offset`);
  }
  const [, date, hour, minute, second] = match;
  dayNumber(date);
  if (hour === undefined) return date;
  const h = Number(hour);
  const endOfDay = h === 24 && Number(minute) === 0 && Number(second ?? 0) === 0;
  if ((h > 23 && !endOfDay) || Number(minute) > 59 || Number(second ?? 0) > 59) {
    throw new EscalationError('INVALID_EVALUATION_TIME', `"${at}" has an impossible time of day`);
  }
  return endOfDay ? addDays(date, 1) : date;
}

/** Milliseconds since the epoch of an ISO instant; throws INVALID_INSTANT for anything else. */
export function instantMs(instant: Instant): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new EscalationError('INVALID_INSTANT', `"${instant}" is not an ISO instant`);
  return ms;
}

/** Orders two instants by the moment they denote, whatever their offsets. */
export function compareInstants(a: Instant, b: Instant): number {
  return instantMs(a) - instantMs(b);
}
