import { dateOfDay, dayNumber, evaluationDate, type EvaluationTime, type IsoDate } from './calendar';
import { largestClaimedCount } from './claims';
import { LADDER_RULES, levelName, levelOfWindow, type DatedIncident, type LadderIncident, type Level, type LevelName } from './levels';

export interface LevelChange {
  at: IsoDate;
  level: Level;
  levelName: LevelName;
}

/** A dyad's standing at T (SPEC §4). */
export interface LadderReading {
  /** T's date. */
  at: IsoDate;
  window: { from: IsoDate; to: IsoDate };
  level: Level;
  levelName: LevelName;
  /** Sum of −Goldstein over incidents up to T, each halved every 7 days from its date to T's date. */
  index: number;
  /** The date the current level began; null when the dyad has been CALM throughout. */
  since: IsoDate | null;
  /** Each date on which the level changed, oldest first, up to T. */
  levelHistory: LevelChange[];
  lastIncidentOn: IsoDate | null;
  /** Sum over the window's incidents of each one's largest claimed fatality count. */
  fatalities: number;
  /** Incidents in the window. */
  incidents: number;
}

/**
 * The escalation ladder of one dyad at T. `incidents` are that dyad's incidents (see `incidentsOfDyad`)
 * as known at the chosen record time; those dated after T's date are ignored (valid time).
 */
export function levelAt(incidents: readonly LadderIncident[], at: EvaluationTime): LadderReading {
  const { date, today, dated } = datedAt(incidents, at);
  const levelHistory = historyOf(dated, today);
  return { ...standingOf(date, today, dated, levelHistory.length > 0 ? levelHistory[levelHistory.length - 1].at : null), levelHistory };
}

/** A dyad's standing at T without its level history: what a list of every dyad shows. */
export type LadderStanding = Omit<LadderReading, 'levelHistory'>;

/**
 * `levelAt` without the level history: `since` is found walking back from T's date to the last change, which
 * usually stops after a few of the days the level could change on, where the history evaluates every one.
 */
export function standingAt(incidents: readonly LadderIncident[], at: EvaluationTime): LadderStanding {
  const { date, today, dated } = datedAt(incidents, at);
  return standingOf(date, today, dated, sinceOf(dated, today));
}

function datedAt(incidents: readonly LadderIncident[], at: EvaluationTime): { date: IsoDate; today: number; dated: DatedIncident[] } {
  const date = evaluationDate(at);
  const today = dayNumber(date);
  return { date, today, dated: datedUpTo(incidents, today) };
}

function standingOf(date: IsoDate, today: number, dated: readonly DatedIncident[], since: IsoDate | null): LadderStanding {
  const window = windowOf(dated, today);
  const level = levelOfWindow(window);
  return {
    at: date,
    window: { from: dateOfDay(today - LADDER_RULES.windowDays + 1), to: date },
    level,
    levelName: levelName(level),
    index: indexOf(dated, today),
    since,
    lastIncidentOn: dated.length > 0 ? dateOfDay(dated[dated.length - 1].day) : null,
    fatalities: window.reduce((sum, { incident }) => sum + largestClaimedCount(incident.fatalities), 0),
    incidents: window.length,
  };
}

/** The incidents inside T's 30-day window. */
export function incidentsInWindow<T extends LadderIncident>(incidents: readonly T[], at: EvaluationTime): T[] {
  const today = dayNumber(evaluationDate(at));
  return incidents.filter((incident) => {
    const day = dayNumber(incident.occurredOn);
    return day <= today && day > today - LADDER_RULES.windowDays;
  });
}

/** The decayed hostility index at T (SPEC §4), over every incident dated on or before T's date. */
export function escalationIndexAt(incidents: readonly LadderIncident[], at: EvaluationTime): number {
  const today = dayNumber(evaluationDate(at));
  return indexOf(datedUpTo(incidents, today), today);
}

function datedUpTo(incidents: readonly LadderIncident[], today: number): DatedIncident[] {
  return incidents
    .map((incident) => ({ day: dayNumber(incident.occurredOn), incident }))
    .filter(({ day }) => day <= today)
    .sort((a, b) => a.day - b.day);
}

function windowOf(sorted: readonly DatedIncident[], day: number): DatedIncident[] {
  return sorted.slice(firstIndexFrom(sorted, day - LADDER_RULES.windowDays + 1), firstIndexFrom(sorted, day + 1));
}

/** Index of the first incident dated on or after `day` (binary search over the date-sorted list). */
function firstIndexFrom(sorted: readonly DatedIncident[], day: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle].day < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The level only changes on a day an incident enters the window or the day after it leaves: those days up to today, in order. */
function changeDays(sorted: readonly DatedIncident[], today: number): number[] {
  const candidates = new Set<number>();
  for (const { day } of sorted) {
    candidates.add(day);
    if (day + LADDER_RULES.windowDays <= today) candidates.add(day + LADDER_RULES.windowDays);
  }
  return [...candidates].sort((a, b) => a - b);
}

function historyOf(sorted: readonly DatedIncident[], today: number): LevelChange[] {
  const history: LevelChange[] = [];
  let previous: Level = 0;
  for (const day of changeDays(sorted, today)) {
    const level = levelOfWindow(windowOf(sorted, day));
    if (level !== previous) history.push({ at: dateOfDay(day), level, levelName: levelName(level) });
    previous = level;
  }
  return history;
}

/** The last entry of `historyOf`'s history, found from the end: the latest change day whose level differs from the one before it. */
function sinceOf(sorted: readonly DatedIncident[], today: number): IsoDate | null {
  const days = changeDays(sorted, today);
  if (days.length === 0) return null;
  const levelOn = (day: number): Level => levelOfWindow(windowOf(sorted, day));
  let last = days.length - 1;
  const level = levelOn(days[last]);
  while (last > 0 && levelOn(days[last - 1]) === level) last -= 1;
  // The history starts from CALM: a level held since the first change day was a change only if it is not CALM.
  if (last === 0 && level === 0) return null;
  return dateOfDay(days[last]);
}

function indexOf(sorted: readonly DatedIncident[], today: number): number {
  let index = 0;
  for (const { day, incident } of sorted) {
    index += -incident.goldstein * Math.pow(0.5, (today - day) / LADDER_RULES.indexHalfLifeDays);
  }
  return index;
}
