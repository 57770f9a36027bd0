import countries from 'world-countries';
import { evaluationDate, isValidDate, type Instant } from '@app/escalation';
import type { Clocks } from '@app/projections';
import { ApiError, type FieldProblem } from '../http/api-error';

const ISO3 = new Set(countries.map((country) => country.cca3));
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Collects every bad parameter of a request, then fails once naming them all (400 problem+json). */
export class ParamProblems {
  private readonly problems: FieldProblem[] = [];

  add(name: string, reason: string): void {
    this.problems.push({ name, reason });
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw ApiError.invalid(this.problems);
  }
}

export function actorParam(problems: ParamProblems, name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !ISO3.has(value)) {
    problems.add(name, 'must be an ISO 3166-1 alpha-3 country code in capitals, e.g. IRN');
    return undefined;
  }
  return value;
}

export function integerParam(problems: ParamProblems, name: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    problems.add(name, `must be an integer from ${min} to ${max}`);
    return undefined;
  }
  return Number(value);
}

export function enumParam<T extends string>(problems: ParamProblems, name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    problems.add(name, `must be one of ${allowed.join(', ')}`);
    return undefined;
  }
  return value as T;
}

/**
 * `asOf` (valid time): a date, or an instant with an offset taken in that offset; `knownAt` (record time):
 * an instant, or a date meaning the end of that UTC date. Both absent: null, the "now" answer.
 */
export function clocksParams(problems: ParamProblems, asOf: unknown, knownAt: unknown): Clocks | null {
  if (asOf === undefined && knownAt === undefined) return null;
  const clocks: Clocks = { at: new Date().toISOString() };
  if (asOf !== undefined) {
    if (typeof asOf === 'string' && isValidDate(asOf)) clocks.at = { date: asOf };
    else if (typeof asOf === 'string' && isInstant(asOf)) clocks.at = asOf;
    else problems.add('asOf', 'must be a date (YYYY-MM-DD) or an ISO-8601 instant with an offset or Z');
  }
  if (knownAt !== undefined) {
    if (typeof knownAt === 'string' && isValidDate(knownAt)) clocks.knownAt = `${knownAt}T23:59:59.999Z`;
    else if (typeof knownAt === 'string' && isInstant(knownAt)) clocks.knownAt = new Date(knownAt).toISOString();
    else problems.add('knownAt', 'must be an ISO-8601 instant with an offset or Z, or a date (YYYY-MM-DD)');
  }
  return clocks;
}

function isInstant(value: Instant): boolean {
  if (!INSTANT.test(value) || Number.isNaN(Date.parse(value))) return false;
  try {
    evaluationDate(value);
    return true;
  } catch {
    return false;
  }
}
