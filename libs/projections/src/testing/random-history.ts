import type { Category } from '@app/contracts';
import { aClaim, type CodedEventOverrides } from '@app/escalation';
import type { CodingSpec } from './projection-fixture';

/** A small deterministic PRNG (mulberry32), so that a failing history can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIRECTED: Category[] = ['STRIKE', 'STRIKE', 'THREAT', 'DIPLOMATIC_SANCTION', 'ACCUSATION', 'CONDEMNATION'];
const MULTILATERAL: Category[] = ['CEASEFIRE', 'TALKS', 'APPEAL_FOR_RESTRAINT'];

export interface HistoryShape {
  actors: string[];
  firstDay: number;
  days: number;
}

export const SMALL_WORLD: HistoryShape = { actors: ['IRN', 'PAK', 'IND', 'AFG', 'CHN', 'QAT', 'TUR', 'USA', 'RUS', 'UKR', 'ISR', 'EGY', 'ARM', 'AZE'], firstDay: Date.UTC(2024, 0, 1), days: 90 };

/**
 * A randomized history of codings: new reports, re-codings by a newer coder, corrections that supersede
 * earlier reports, the same coding recorded twice, dates out of order, offers and their answers.
 */
export function randomHistory(seed: number, codings: number, shape: HistoryShape = SMALL_WORLD): CodingSpec[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const date = () => new Date(shape.firstDay + Math.floor(random() * shape.days) * 86_400_000).toISOString().slice(0, 10);
  const pair = () => {
    const a = pick(shape.actors);
    let b = pick(shape.actors);
    while (b === a) b = pick(shape.actors);
    return [a, b];
  };
  const event = (): CodedEventOverrides => {
    const roll = random();
    const [a, b] = pair();
    if (roll < 0.7) {
      const category = pick(DIRECTED);
      const dead = category === 'STRIKE' && random() < 0.6 ? Math.floor(random() * 40) : 0;
      return { category, source: a, target: b, occurredOn: date(), fatalities: dead ? [aClaim(dead, pick([a, b, null]))] : [] };
    }
    if (roll < 0.8) return { category: pick(MULTILATERAL), source: [a, b].sort()[0], parties: [a, b].sort(), occurredOn: date() };
    let mediator = pick(shape.actors);
    while (mediator === a || mediator === b) mediator = pick(shape.actors);
    if (roll < 0.9) return { category: random() < 0.8 ? 'MEDIATION_OFFER' : 'MEDIATION', source: mediator, parties: [a, b].sort(), occurredOn: date(), conditions: random() < 0.3 ? ['if both sides so wish'] : [] };
    return { category: random() < 0.7 ? 'MEDIATION_ACCEPTED' : 'MEDIATION_REJECTED', source: a, target: random() < 0.7 ? mediator : b, occurredOn: date() };
  };
  const events = () => Array.from({ length: 1 + Math.floor(random() * 3) }, event);

  const history: CodingSpec[] = [];
  let reports = 0;
  while (history.length < codings) {
    const roll = random();
    if (history.length === 0 || roll < 0.7) history.push({ reportId: `r-${seed}-${reports++}`, events: events() });
    else if (roll < 0.8) history.push({ ...pick(history), coderVersion: `coder-${2 + Math.floor(random() * 3)}`, events: events(), supersedes: undefined });
    else if (roll < 0.9) history.push({ reportId: `r-${seed}-${reports++}`, supersedes: pick(history).reportId, events: events() });
    else history.push({ ...pick(history) });
  }
  return history;
}
