import {
  dayNumber,
  incidentKeyOf,
  incidentsInWindow,
  levelOfWindow,
  mergeClaims,
  partiesOf,
  type Contribution,
  type Instant,
  type IsoDate,
  type LadderIncident,
  type Level,
} from '@app/escalation';
import type { DyadIncident } from './rows';

export interface DyadEvaluation {
  incidents: DyadIncident[];
  /** The date the alerting level is read at; null when the dyad has no incident. */
  evaluatedOn: IsoDate | null;
  level: Level;
}

/**
 * The dyad's current incidents and its alerting level: the previous incidents with those whose
 * contributions changed merged again from their current contributions (`changed`: incident key → rows). The level is read at the date of its latest
 * incident, but never after the date the triggering event was recorded: for live news that is today, and
 * a replay of older news alerts on the changes the news made then. Pure, so that a rebuild computes the
 * same levels (and the same alert ids) as the live projector did.
 */
export function evaluateDyad(
  previous: readonly DyadIncident[],
  changed: ReadonlyMap<string, readonly Contribution[]>,
  recordedAt: Instant,
): DyadEvaluation {
  const kept = previous.filter((incident) => !changed.has(incident.key));
  const incidents = [...kept, ...ladderIncidentsOf([...changed.values()].flat())].sort(byDateThenKey);
  if (incidents.length === 0) return { incidents, evaluatedOn: null, level: 0 };
  const lastIncidentOn = incidents.reduce((last, incident) => (incident.occurredOn > last ? incident.occurredOn : last), incidents[0].occurredOn);
  const recordedOn = new Date(recordedAt).toISOString().slice(0, 10);
  const evaluatedOn = lastIncidentOn < recordedOn ? lastIncidentOn : recordedOn;
  return { incidents, evaluatedOn, level: levelOn(incidents, evaluatedOn) };
}

/** The ladder level at a date, without the history `levelAt` also computes. */
export function levelOn(incidents: readonly LadderIncident[], date: IsoDate): Level {
  const window = incidentsInWindow(incidents, { date }).map((incident) => ({ day: dayNumber(incident.occurredOn), incident }));
  return levelOfWindow(window);
}

/**
 * The incidents of counted contributions in the form the ladder reads: what `incidentsKnownAt` merges,
 * without the sources, speakers and evidence the ladder never looks at (this runs once per event and dyad).
 */
export function ladderIncidentsOf(contributions: readonly Contribution[]): DyadIncident[] {
  const groups = new Map<string, Contribution[]>();
  for (const contribution of contributions) {
    const key = incidentKeyOf(contribution.event);
    const group = groups.get(key);
    if (group) group.push(contribution);
    else groups.set(key, [contribution]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => {
      const first = group[0].event;
      return {
        key,
        category: first.category,
        source: first.source.actor,
        target: partiesOf(first) ? null : (first.target?.actor ?? null),
        occurredOn: first.occurredOn,
        goldstein: group.reduce((sum, contribution) => sum + contribution.event.goldstein, 0) / group.length,
        fatalities: mergeClaims(group.flatMap((contribution) => contribution.event.fatalities)),
      };
    })
    .sort(byDateThenKey);
}

function byDateThenKey(a: DyadIncident, b: DyadIncident): number {
  return a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
