import {
  dayNumber,
  incidentsInWindow,
  incidentsKnownAt,
  levelOfWindow,
  type Contribution,
  type Instant,
  type IsoDate,
  type LadderIncident,
  type Level,
} from '@app/escalation';

export interface DyadEvaluation {
  incidents: LadderIncident[];
  /** The date the alerting level is read at; null when the dyad has no incident. */
  evaluatedOn: IsoDate | null;
  level: Level;
}

/**
 * The dyad's current incidents and its alerting level. The level is read at the date of its latest
 * incident, but never after the date the triggering event was recorded: for live news that is today, and
 * a replay of older news alerts on the changes the news made then. Pure, so that a rebuild computes the
 * same levels (and the same alert ids) as the live projector did.
 */
export function evaluateDyad(current: readonly Contribution[], recordedAt: Instant): DyadEvaluation {
  const incidents = incidentsKnownAt(current).map(toLadderIncident);
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

export function toLadderIncident(incident: LadderIncident): LadderIncident {
  return {
    category: incident.category,
    source: incident.source,
    target: incident.target,
    occurredOn: incident.occurredOn,
    goldstein: incident.goldstein,
    fatalities: incident.fatalities,
  };
}
