/** The two sides of the report's crisis: the pair of states named together most often (headline counts double, "X and Y" once more). */
export function findDyad(sentenceActors: readonly string[][], headlineActors: readonly string[], coordinated: ReadonlyArray<[string, string]> = []): [string, string] | null {
  const pairs = new Map<string, number>();
  const totals = new Map<string, number>();
  const count = (actors: readonly string[], weight: number): void => {
    const distinct = [...new Set(actors)].sort();
    for (const actor of actors) totals.set(actor, (totals.get(actor) ?? 0) + weight);
    for (let i = 0; i < distinct.length; i++) {
      for (let j = i + 1; j < distinct.length; j++) {
        const key = `${distinct[i]}-${distinct[j]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + weight);
      }
    }
  };
  sentenceActors.forEach((actors) => count(actors, 1));
  count(headlineActors, 2);
  // "Pakistan and Iran", "between Armenia and Azerbaijan": names joined by "and" are usually the two sides.
  for (const [a, b] of coordinated) if (a !== b) count([a, b], 1);
  let best: { key: string; score: number } | null = null;
  for (const [key, score] of pairs) {
    const [a, b] = key.split('-');
    const weighted = score * 10 + Math.min(totals.get(a) ?? 0, totals.get(b) ?? 0);
    if (!best || weighted > best.score || (weighted === best.score && key < best.key)) best = { key, score: weighted };
  }
  if (!best) return null;
  const [a, b] = best.key.split('-');
  return [a, b];
}
