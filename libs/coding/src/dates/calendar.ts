/** Calendar arithmetic on YYYY-MM-DD strings, free of any time zone. */

const DAY_MS = 86_400_000;

export function toDays(iso: string): number {
  return Math.floor(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS);
}

export function fromDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export const addDays = (iso: string, days: number): string => fromDays(toDays(iso) + days);

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (iso: string): number => (toDays(iso) + 4) % 7;

export function makeDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * The local calendar date of an ISO instant in its own offset: "2024-01-17T23:30:00+05:00" is 2024-01-17.
 * Instants in UTC ("Z") give their UTC date.
 */
export function localDateOf(instant: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T/.exec(instant);
  if (match) return match[1];
  return new Date(instant).toISOString().slice(0, 10);
}
