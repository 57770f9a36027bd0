/** Varied synthetic wire reports (~1 KiB) for ingest benchmarks: other dyads, verbs, numbers and dates. */
const STATES = [
  ['Armenia', 'Azerbaijan'],
  ['Ethiopia', 'Eritrea'],
  ['Thailand', 'Cambodia'],
  ['India', 'Pakistan'],
  ['Rwanda', 'the Democratic Republic of the Congo'],
  ['Sudan', 'South Sudan'],
  ['Venezuela', 'Guyana'],
  ['Serbia', 'Kosovo'],
];
const MEDIATORS = ['Qatar', 'Turkey', 'Kenya', 'Malaysia', 'Norway', 'Switzerland', 'Egypt', 'Brazil'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const CITIES = ['the capital', 'the border district', 'the northern province', 'a coastal town', 'the disputed valley'];

const pick = <T>(items: readonly T[], seed: number): T => items[seed % items.length];

export function generatedReport(index: number, runId: string): Record<string, unknown> {
  const [a, b] = pick(STATES, index);
  const [source, target] = index % 2 === 0 ? [a, b] : [b, a];
  const mediator = pick(MEDIATORS, index * 7 + 3);
  const day = pick(DAYS, index * 3 + 1);
  const killed = 2 + (index % 40);
  const place = pick(CITIES, index * 5 + 2);
  const body = [
    `DATELINE, Nov ${10 + (index % 15)} (Bench Wire) - ${source} accused ${target} on ${day} of violating its sovereignty near ${place}, a day after artillery fire killed at least ${killed} people, according to local officials.`,
    `${target}'s foreign ministry rejected the accusation and warned that it would respond to any aggression, saying its forces had only returned fire.`,
    `${mediator} urged both sides to exercise restraint and said it was ready to host talks between ${source} and ${target} if both governments agreed.`,
    `Residents of ${place} said shops stayed closed and several families had left for safer towns further from the frontier.`,
    `Diplomats in the region said envoys from both countries had held informal contacts, though no date for a meeting had been set. Report number ${index} of run ${runId}.`,
  ].join('\n\n');
  return {
    reportId: `bench-${runId}-${index}`,
    source: 'Bench Wire',
    publishedAt: `2026-11-${String(10 + (index % 15)).padStart(2, '0')}T09:${String(index % 60).padStart(2, '0')}:00+03:00`,
    headline: `${source} accuses ${target} of border violation`,
    body,
    language: 'en',
  };
}
