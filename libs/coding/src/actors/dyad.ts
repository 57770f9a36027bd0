import { byCodeUnits, sortInPlace } from '../text/sort';

interface PairScore {
  key: string;
  a: string;
  b: string;
  score: number;
}

/** The two sides of the report's crisis: the pair of states named together most often (headline counts double, "X and Y" once more). */
export function findDyad(sentenceActors: readonly string[][], headlineActors: readonly string[], coordinated: ReadonlyArray<[string, string]> = []): [string, string] | null {
  const pairs = new Map<string, PairScore>();
  const totals = new Map<string, number>();
  const count = (actors: readonly string[], weight: number): void => {
    for (const actor of actors) totals.set(actor, (totals.get(actor) ?? 0) + weight);
    if (actors.length < 2) return;
    const distinct = sortedDistinct(actors);
    for (let i = 0; i < distinct.length; i++) {
      for (let j = i + 1; j < distinct.length; j++) {
        const key = `${distinct[i]}-${distinct[j]}`;
        const pair = pairs.get(key);
        if (pair) pair.score += weight;
        else pairs.set(key, { key, a: distinct[i], b: distinct[j], score: weight });
      }
    }
  };
  sentenceActors.forEach((actors) => count(actors, 1));
  count(headlineActors, 2);
  // "Pakistan and Iran", "between Armenia and Azerbaijan": names joined by "and" are usually the two sides.
  for (const [a, b] of coordinated) if (a !== b) count([a, b], 1);
  let best: { pair: PairScore; score: number } | null = null;
  for (const pair of pairs.values()) {
    const weighted = pair.score * 10 + Math.min(totals.get(pair.a) ?? 0, totals.get(pair.b) ?? 0);
    if (!best || weighted > best.score || (weighted === best.score && pair.key < best.pair.key)) best = { pair, score: weighted };
  }
  return best ? [best.pair.a, best.pair.b] : null;
}

// A sentence names a handful of states: a Set and Array#sort would allocate more than the list itself.
function sortedDistinct(actors: readonly string[]): string[] {
  const distinct: string[] = [];
  for (const actor of actors) if (!distinct.includes(actor)) distinct.push(actor);
  return sortInPlace(distinct, byCodeUnits);
}
