import { BEGINNING, type Checkpoint, type ReadAllFilter } from '@app/event-store';
import { ApiError, type FieldProblem } from '../http/api-error';
import { decodeCursor } from './cursor';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface EventsQuery {
  after: Checkpoint;
  limit: number;
  filter: ReadAllFilter;
}

export type RawQuery = Record<string, unknown>;

const TYPE_NAME = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;
const STREAM_ID = /^[A-Za-z0-9._:@-]{1,300}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * GET /api/v1/events parameters, checked all at once so a 400 names every offending field.
 * `stream` is one stream id, or a prefix when it ends with `*` (`report-*`).
 */
export function parseEventsQuery(query: RawQuery): EventsQuery {
  const problems: FieldProblem[] = [];
  const text = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      problems.push({ name, reason: 'must be given once' });
      return undefined;
    }
    return value;
  };

  let after = BEGINNING;
  const cursor = text('after');
  if (cursor !== undefined) {
    const decoded = decodeCursor(cursor);
    if (decoded) after = decoded;
    else problems.push({ name: 'after', reason: 'is not a cursor this API handed out (use `next` of a previous page)' });
  }

  let limit = DEFAULT_LIMIT;
  const limitText = text('limit');
  if (limitText !== undefined) {
    if (/^\d{1,7}$/.test(limitText) && Number(limitText) >= 1 && Number(limitText) <= MAX_LIMIT) limit = Number(limitText);
    else problems.push({ name: 'limit', reason: `must be an integer from 1 to ${MAX_LIMIT}` });
  }

  const filter: ReadAllFilter = {};
  const typesText = text('types');
  if (typesText !== undefined) {
    const types = typesText.split(',').map((type) => type.trim());
    const bad = types.filter((type) => !TYPE_NAME.test(type));
    if (bad.length > 0 || types.length > 100) problems.push({ name: 'types', reason: `must be a comma-separated list of event types (bad: ${bad.join(', ') || 'too many'})` });
    else filter.types = types;
  }

  const stream = text('stream');
  if (stream !== undefined) {
    const prefix = stream.endsWith('*') ? stream.slice(0, -1) : undefined;
    if (!STREAM_ID.test(prefix ?? stream)) problems.push({ name: 'stream', reason: 'must be a stream id, or a prefix ending in *' });
    else if (prefix !== undefined) filter.streamPrefix = prefix;
    else filter.streamId = stream;
  }

  const instant = (name: 'from' | 'until'): Date | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const parsed = ISO_INSTANT.test(value) ? new Date(value) : new Date(NaN);
    if (Number.isNaN(parsed.getTime()) || !calendarDateExists(value.slice(0, 10))) {
      problems.push({ name, reason: 'must be an ISO-8601 instant with an offset or Z, e.g. 2024-01-18T00:00:00Z' });
      return undefined;
    }
    return parsed;
  };
  filter.from = instant('from');
  filter.until = instant('until');
  if (filter.from && filter.until && filter.from.getTime() > filter.until.getTime()) {
    problems.push({ name: 'until', reason: 'must not be before from' });
  }

  if (problems.length > 0) throw ApiError.invalid(problems);
  return { after, limit, filter: withoutUndefined(filter) };
}

const withoutUndefined = (filter: ReadAllFilter): ReadAllFilter =>
  Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as ReadAllFilter;

/** Date parsing rolls 2024-02-30 over to March; a date that does not exist is an error instead. */
function calendarDateExists(date: string): boolean {
  return new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
}
