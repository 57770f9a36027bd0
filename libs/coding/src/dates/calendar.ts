/** Calendar arithmetic on YYYY-MM-DD strings, free of any time zone. */

// Days from civil and civil from days (proleptic Gregorian), after H. Hinnant; no Date objects needed.
export function toDays(iso: string): number {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
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
