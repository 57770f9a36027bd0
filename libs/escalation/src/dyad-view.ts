import type { ActorCode, CodedEvent } from '@app/contracts';
import { dayNumber, evaluationDate, type EvaluationTime, type Instant } from './calendar';
import { dyadActors, dyadsOfEvent, incidentsOfDyad } from './dyads';
import { escalationAlertFor, type AlertTrigger, type EscalationAlert } from './escalation-alert';
import type { Incident } from './incidents';
import { incidentsInWindow, levelAt, type LadderReading } from './ladder';
import { LADDER_RULES, ladderRoleOf, levelOfWindow, type LadderIncident, type LadderRole, type Level } from './levels';

/** One dyad at T, the shape dashboards read (SPEC §5): the ladder reading plus the window's incidents. */
export interface DyadView extends Omit<LadderReading, 'incidents'> {
  dyad: string;
  actors: [ActorCode, ActorCode];
  incidentCount: number;
  /** The incidents in T's window, with sources and corroboration. */
  incidents: Incident[];
}

/** A dyad's view at T from incidents of any dyads (those of other dyads are left out). */
export function dyadViewAt(dyad: string, incidents: readonly Incident[], at: EvaluationTime): DyadView {
  const own = incidentsOfDyad(incidents, dyad);
  const { incidents: incidentCount, ...reading } = levelAt(own, at);
  return { dyad, actors: dyadActors(dyad), ...reading, incidentCount, incidents: incidentsInWindow(own, at) };
}

/** Only the level at T (no history, no index): the cheap check a projector runs before and after a report. */
export function currentLevel(incidents: readonly LadderIncident[], at: EvaluationTime): Level {
  const today = dayNumber(evaluationDate(at));
  const window = incidents
    .map((incident) => ({ day: dayNumber(incident.occurredOn), incident }))
    .filter(({ day }) => day <= today && day > today - LADDER_RULES.windowDays);
  return levelOfWindow(window);
}

const ROLE_WEIGHT: Record<LadderRole, number> = { strike: 4, coercion: 3, friction: 2, ceasefire: 1, none: 0 };

/**
 * The event of a report that best explains a change in a dyad: its weightiest event in that dyad (a STRIKE
 * before a THREAT …), else its weightiest event anywhere (a correction may change a dyad it does not
 * mention), else null (a report coded to nothing).
 */
export function triggerFor(events: readonly CodedEvent[], dyad: string, reportId: string): AlertTrigger | null {
  const ranked = [...events].sort(
    (a, b) => ROLE_WEIGHT[ladderRoleOf(b.category)] - ROLE_WEIGHT[ladderRoleOf(a.category)] || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
  );
  const chosen = ranked.find((event) => dyadsOfEvent(event).includes(dyad)) ?? ranked[0];
  return chosen ? { eventId: chosen.eventId, reportId, category: chosen.category } : null;
}

export interface DyadChangeInput {
  dyad: string;
  /** The dyad's incidents before and after applying one report's coding. */
  before: readonly LadderIncident[];
  after: readonly LadderIncident[];
  /** The evaluation time of "current" (usually the projector's clock). */
  at: EvaluationTime;
  trigger: AlertTrigger;
  emittedAt: Instant;
}

/** The escalation alert if applying the report changed the dyad's current level, else null. */
export function dyadChangeAlert(input: DyadChangeInput): EscalationAlert | null {
  return escalationAlertFor({
    dyad: input.dyad,
    fromLevel: currentLevel(input.before, input.at),
    toLevel: currentLevel(input.after, input.at),
    at: typeof input.at === 'string' ? input.at : input.at.date,
    trigger: input.trigger,
    emittedAt: input.emittedAt,
  });
}
