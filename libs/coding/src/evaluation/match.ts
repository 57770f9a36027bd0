import { largestCount, type CodedEvent } from '@app/contracts';
import type { ExpectedEvent } from './labelled';

export interface MatchedPair {
  produced: CodedEvent;
  expected: ExpectedEvent;
}

export interface ReportMatch {
  pairs: MatchedPair[];
  unmatchedProduced: CodedEvent[];
  unmatchedExpected: ExpectedEvent[];
}

const SOURCELESS = new Set(['TALKS', 'CEASEFIRE']);

function keyOf(category: string, source: string, target: string | undefined, parties: readonly string[] | undefined): string {
  const other = parties ? [...parties].sort().join('+') : target ?? '';
  return `${category}|${SOURCELESS.has(category) ? '*' : source}|${other}`;
}

export const producedKey = (event: CodedEvent): string => keyOf(event.category, event.source.actor, event.target?.actor, event.parties);
export const expectedKey = (event: ExpectedEvent): string => keyOf(event.category, event.source, event.target, event.parties);

/**
 * Pairs produced with expected events of one report (SPEC §7): equal category, source (not for TALKS and
 * CEASEFIRE) and target or parties; each side used once; pairs with equal occurredOn first.
 */
export function matchReport(produced: readonly CodedEvent[], expected: readonly ExpectedEvent[]): ReportMatch {
  const freeProduced = new Set(produced.map((_, index) => index));
  const freeExpected = new Set(expected.map((_, index) => index));
  const pairs: Array<{ p: number; e: number }> = [];
  for (const sameDateFirst of [true, false]) {
    for (const e of [...freeExpected]) {
      const want = expected[e];
      const found = [...freeProduced].find((p) => producedKey(produced[p]) === expectedKey(want) && (!sameDateFirst || (want.occurredOn !== undefined && produced[p].occurredOn === want.occurredOn)));
      if (found === undefined) continue;
      pairs.push({ p: found, e });
      freeProduced.delete(found);
      freeExpected.delete(e);
    }
  }
  return {
    pairs: pairs.sort((a, b) => a.e - b.e).map(({ p, e }) => ({ produced: produced[p], expected: expected[e] })),
    unmatchedProduced: [...freeProduced].map((p) => produced[p]),
    unmatchedExpected: [...freeExpected].map((e) => expected[e]),
  };
}

export const largestFatalities = (event: CodedEvent): number | null => largestCount(event.fatalities);
