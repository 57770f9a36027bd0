import type { CasualtyClaim, MediationOffer, OfferResponse } from './types';

export const LEVEL_NAMES = ['CALM', 'DIPLOMATIC_FRICTION', 'COERCIVE_THREATS', 'USE_OF_FORCE', 'EXCHANGE_OF_FIRE', 'ARMED_CONFLICT'] as const;
export const LEVEL_LABELS = ['Calm', 'Diplomatic friction', 'Coercive threats', 'Use of force', 'Exchange of fire', 'Armed conflict'];
export const OFFER_STATUS_ORDER = ['ACTIVE', 'ACCEPTED', 'PARTIALLY_ACCEPTED', 'OFFERED', 'REJECTED'] as const;
export const OFFER_STATUS_LABELS: Record<string, string> = {
  ACTIVE: 'Active mediation',
  ACCEPTED: 'Accepted',
  PARTIALLY_ACCEPTED: 'Partially accepted',
  OFFERED: 'Offered',
  REJECTED: 'Rejected',
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML content and attribute values: every string from the API goes through this. */
export const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

export const clampLevel = (level: number): number => Math.max(0, Math.min(5, Math.round(Number(level) || 0)));
export const levelLabel = (level: number): string => LEVEL_LABELS[clampLevel(level)];

export const DAY_MS = 86_400_000;
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
export const dayNumber = (isoDate: string): number => Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY_MS);
export const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const addDays = (isoDate: string, days: number): string => dateOfDay(dayNumber(isoDate) + days);
export const isIsoDate = (value: string | null | undefined): value is string =>
  !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/** The instant the API evaluates a chosen date at: the end of that UTC day. */
export const endOfDay = (isoDate: string): string => `${isoDate}T23:59:59.999Z`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export function shortDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

export const formatIndex = (index: number): string => (Number.isFinite(index) ? index.toFixed(1) : '—');
export const formatCategory = (category: string): string => category.replace(/_/g, ' ').toLowerCase().replace(/^\w/, (c) => c.toUpperCase());

const QUALIFIERS: Record<string, (count: string) => string> = {
  exact: (count) => count,
  at_least: (count) => `≥${count}`,
  approx: (count) => `~${count}`,
  unspecified: () => 'some',
};

/** "≥7 per IRN; 2 per PAK": one claim per claimant. */
export function formatClaims(claims: readonly CasualtyClaim[] | undefined): string {
  if (!claims || claims.length === 0) return '—';
  return claims
    .map((claim) => {
      const count = claim.count === null ? 'some' : (QUALIFIERS[claim.qualifier] ?? QUALIFIERS.exact)(String(claim.count));
      return `${count} per ${claim.claimedBy ?? 'unattributed'}`;
    })
    .join('; ');
}

/** Each party's latest answer, whether the API lists them or keys them by party. */
export function responsesOf(offer: MediationOffer): OfferResponse[] {
  const { responses } = offer;
  if (Array.isArray(responses)) return responses;
  if (!responses || typeof responses !== 'object') return [];
  return Object.entries(responses)
    .filter((entry): entry is [string, Omit<OfferResponse, 'party'>] => !!entry[1])
    .map(([party, response]) => ({ party, ...response }));
}
