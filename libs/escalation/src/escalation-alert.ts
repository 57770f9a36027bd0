import type { ActorCode, Category } from '@app/contracts';
import type { Instant, IsoDate } from './calendar';
import { dyadActors } from './dyads';
import { deterministicId } from './hash';
import { levelName, type Level, type LevelName } from './levels';

/** The incident whose arrival changed the level. */
export interface AlertTrigger {
  eventId: string;
  reportId: string;
  category: Category;
}

/** SPEC §4 EscalationAlert (value of `alerts.escalation.v1`, key = dyad). */
export interface EscalationAlert {
  alertId: string;
  dyad: string;
  actors: [ActorCode, ActorCode];
  fromLevel: Level;
  toLevel: Level;
  fromName: LevelName;
  toName: LevelName;
  at: IsoDate | Instant;
  trigger: AlertTrigger;
  emittedAt: Instant;
}

export interface LevelChangeInput {
  dyad: string;
  fromLevel: Level;
  toLevel: Level;
  /** When the change took effect (the date the level changed, or the evaluation instant). */
  at: IsoDate | Instant;
  trigger: AlertTrigger;
  /** The clock of the caller, an argument so the alert stays a pure value. */
  emittedAt: Instant;
}

/** Same dyad, levels, trigger and `at` → same id, whoever computes it and whenever. */
export function escalationAlertId(change: Omit<LevelChangeInput, 'emittedAt'>): string {
  return deterministicId(['escalation', change.dyad, change.fromLevel, change.toLevel, change.trigger.eventId, change.at]);
}

/** The alert for a change of a dyad's level, or null when the level did not change. */
export function escalationAlertFor(change: LevelChangeInput): EscalationAlert | null {
  if (change.fromLevel === change.toLevel) return null;
  return {
    alertId: escalationAlertId(change),
    dyad: change.dyad,
    actors: dyadActors(change.dyad),
    fromLevel: change.fromLevel,
    toLevel: change.toLevel,
    fromName: levelName(change.fromLevel),
    toName: levelName(change.toLevel),
    at: change.at,
    trigger: { ...change.trigger },
    emittedAt: change.emittedAt,
  };
}
