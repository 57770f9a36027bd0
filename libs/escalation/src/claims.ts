import type { CasualtyClaim, CountQualifier } from '@app/contracts';

// When two claims by one claimant give the same count, the firmer qualifier is kept, so that the merge
// does not depend on the order reports arrive in.
const QUALIFIER_FIRMNESS: Record<CountQualifier, number> = { exact: 3, at_least: 2, approx: 1, unspecified: 0 };

function isLarger(candidate: CasualtyClaim, kept: CasualtyClaim): boolean {
  if (candidate.count !== kept.count) {
    if (kept.count === null) return true;
    if (candidate.count === null) return false;
    return candidate.count > kept.count;
  }
  return QUALIFIER_FIRMNESS[candidate.qualifier] > QUALIFIER_FIRMNESS[kept.qualifier];
}

/** Per claimant (null = unattributed), the claim with the largest count; sorted by claimant, null last. */
export function mergeClaims(claims: readonly CasualtyClaim[]): CasualtyClaim[] {
  const byClaimant = new Map<string | null, CasualtyClaim>();
  for (const claim of claims) {
    const kept = byClaimant.get(claim.claimedBy);
    if (!kept || isLarger(claim, kept)) byClaimant.set(claim.claimedBy, { ...claim });
  }
  return [...byClaimant.values()].sort((a, b) => compareClaimants(a.claimedBy, b.claimedBy));
}

function compareClaimants(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** The largest count over the claims, or 0 when none gives a number: the figure counts and levels use. */
export function largestClaimedCount(claims: readonly CasualtyClaim[]): number {
  let largest = 0;
  for (const claim of claims) if (claim.count !== null && claim.count > largest) largest = claim.count;
  return largest;
}
