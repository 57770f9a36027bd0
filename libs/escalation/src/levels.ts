import type { ActorCode, CasualtyClaim, Category } from '@app/contracts';
import type { IsoDate } from './calendar';
import { largestClaimedCount } from './claims';

export const LEVEL_NAMES = [
  'CALM',
  'DIPLOMATIC_FRICTION',
  'COERCIVE_THREATS',
  'USE_OF_FORCE',
  'EXCHANGE_OF_FIRE',
  'ARMED_CONFLICT',
] as const;
export type LevelName = (typeof LEVEL_NAMES)[number];
export type Level = 0 | 1 | 2 | 3 | 4 | 5;

export const levelName = (level: Level): LevelName => LEVEL_NAMES[level];

/** SPEC §4 thresholds. */
export const LADDER_RULES = {
  windowDays: 30,
  exchangeMaxDaysApart: 14,
  armedConflictStrikeDays: 5,
  armedConflictFatalities: 100,
  ceasefireCap: 2 as Level,
  indexHalfLifeDays: 7,
} as const;

/** The part of an incident the ladder reads; `Incident` fits, and so do plain test rows. */
export interface LadderIncident {
  category: Category;
  source: ActorCode;
  target: ActorCode | null;
  occurredOn: IsoDate;
  goldstein: number;
  fatalities: readonly CasualtyClaim[];
}

/** An incident with its date as a day number, the form the window arithmetic uses. */
export interface DatedIncident {
  day: number;
  incident: LadderIncident;
}

export type LadderRole = 'strike' | 'coercion' | 'friction' | 'ceasefire' | 'none';

export function ladderRoleOf(category: Category): LadderRole {
  switch (category) {
    case 'STRIKE':
      return 'strike';
    case 'THREAT':
    case 'DIPLOMATIC_SANCTION':
      return 'coercion';
    case 'ACCUSATION':
    case 'CONDEMNATION':
      return 'friction';
    case 'CEASEFIRE':
      return 'ceasefire';
    case 'APPEAL_FOR_RESTRAINT':
    case 'MEDIATION_OFFER':
    case 'MEDIATION_ACCEPTED':
    case 'MEDIATION_REJECTED':
    case 'MEDIATION':
    case 'TALKS':
      return 'none';
    default: {
      const unknown: never = category;
      throw new Error(`unknown category ${String(unknown)}`);
    }
  }
}

/**
 * The level of one dyad's window: the incidents dated within the 30 dates ending at the evaluation date
 * (none after it). The ceasefire cap needs only the window: a ceasefire after the last strike is inside
 * the window whenever that strike is, and without a strike in the window the level is at most 2 anyway.
 */
export function levelOfWindow(window: readonly DatedIncident[]): Level {
  const strikes: DatedIncident[] = [];
  let coercion = false;
  let friction = false;
  let lastCeasefireDay = -Infinity;
  for (const dated of window) {
    const role = ladderRoleOf(dated.incident.category);
    if (role === 'strike') strikes.push(dated);
    else if (role === 'coercion') coercion = true;
    else if (role === 'friction') friction = true;
    else if (role === 'ceasefire') lastCeasefireDay = Math.max(lastCeasefireDay, dated.day);
  }
  const base: Level = coercion ? 2 : friction ? 1 : 0;
  if (strikes.length === 0) return base;
  const uncapped = strikeLevel(strikes);
  const lastStrikeDay = Math.max(...strikes.map((strike) => strike.day));
  return lastCeasefireDay > lastStrikeDay ? (Math.min(uncapped, LADDER_RULES.ceasefireCap) as Level) : uncapped;
}

function strikeLevel(strikes: readonly DatedIncident[]): Level {
  const strikeDays = new Set(strikes.map((strike) => strike.day));
  const fatalities = strikes.reduce((sum, strike) => sum + largestClaimedCount(strike.incident.fatalities), 0);
  if (strikeDays.size >= LADDER_RULES.armedConflictStrikeDays || fatalities >= LADDER_RULES.armedConflictFatalities) {
    return 5;
  }
  return hasExchangeOfFire(strikes) ? 4 : 3;
}

function hasExchangeOfFire(strikes: readonly DatedIncident[]): boolean {
  const directedDays = new Map<string, { source: ActorCode; target: ActorCode | null; day: number }>();
  for (const { day, incident } of strikes) {
    directedDays.set(`${incident.source}>${incident.target}@${day}`, { source: incident.source, target: incident.target, day });
  }
  const distinct = [...directedDays.values()];
  return distinct.some((one) =>
    distinct.some(
      (other) =>
        other.source === one.target &&
        other.target === one.source &&
        Math.abs(one.day - other.day) <= LADDER_RULES.exchangeMaxDaysApart,
    ),
  );
}
