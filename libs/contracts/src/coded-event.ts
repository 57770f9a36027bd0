/** SPEC §3: the categories a report is coded into. */
export const CATEGORIES = [
  'STRIKE',
  'THREAT',
  'DIPLOMATIC_SANCTION',
  'ACCUSATION',
  'CONDEMNATION',
  'APPEAL_FOR_RESTRAINT',
  'MEDIATION_OFFER',
  'MEDIATION_ACCEPTED',
  'MEDIATION_REJECTED',
  'MEDIATION',
  'TALKS',
  'CEASEFIRE',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories that carry `parties` (sorted, ≥ 2 actor codes) instead of `target`. */
export const MULTILATERAL_CATEGORIES: ReadonlySet<Category> = new Set([
  'APPEAL_FOR_RESTRAINT',
  'MEDIATION_OFFER',
  'MEDIATION',
  'TALKS',
  'CEASEFIRE',
]);

export type Sector = 'GOV' | 'MIL' | 'REB' | 'CVL';

/** An ISO 3166-1 alpha-3 code, e.g. IRN. */
export type ActorCode = string;

export interface ActorRef {
  actor: ActorCode;
  sector?: Sector;
  /** The words of the report that named the actor. */
  text: string;
}

export type CountQualifier = 'exact' | 'at_least' | 'approx' | 'unspecified';

export interface CasualtyClaim {
  count: number | null;
  qualifier: CountQualifier;
  /** Who asserts the figure; null when the report states it without attribution. */
  claimedBy: ActorCode | null;
}

export interface Speaker {
  name: string | null;
  role: string | null;
  actor: ActorCode | null;
}

export interface Evidence {
  sentence: number;
  text: string;
}

/** One incident as a report states it (SPEC §3). */
export interface CodedEvent {
  eventId: string;
  reportId: string;
  category: Category;
  cameo: string;
  goldstein: number;
  source: ActorRef;
  target?: ActorRef;
  parties?: ActorCode[];
  /** YYYY-MM-DD */
  occurredOn: string;
  fatalities: CasualtyClaim[];
  injuries: CasualtyClaim[];
  conditions: string[];
  speakers: Speaker[];
  evidence: Evidence;
  confidence: number;
}

/** The largest count over a list of claims, or null when none gives a number. */
export function largestCount(claims: readonly CasualtyClaim[]): number | null {
  let largest: number | null = null;
  for (const claim of claims) {
    if (claim.count !== null && (largest === null || claim.count > largest)) largest = claim.count;
  }
  return largest;
}
