import type { CodedEvent, WireReport } from '@app/contracts';
import { analyseReport } from './analyse';
import { isCodable } from './codable';
import { deterministicId } from './events/event-id';
import { incidentKey, mergeIncidents, type Draft } from './events/merge';
import { resolveReport } from './events/resolve-report';

/** Codes one wire report into incidents (SPEC §3). Pure and deterministic; non-English reports give []. */
export function code(report: WireReport): CodedEvent[] {
  if (!isCodable(report)) return [];
  const drafts = mergeIncidents(resolveReport(analyseReport(report)));
  return drafts.map((draft) => codedEvent(deterministicId(`${report.reportId}|${incidentKey(draft, draft.occurredOn)}`), report.reportId, draft));
}

// Spelled out rather than spread: the fields keep the order coded events have always had, and no copy is made twice.
function codedEvent(eventId: string, reportId: string, draft: Draft): CodedEvent {
  const { category, cameo, goldstein, source, occurredOn, fatalities, injuries, conditions, speakers, evidence, confidence } = draft;
  if (draft.parties) {
    return { eventId, reportId, category, cameo, goldstein, source, parties: draft.parties, occurredOn, fatalities, injuries, conditions, speakers, evidence, confidence };
  }
  return { eventId, reportId, category, cameo, goldstein, source, target: draft.target, occurredOn, fatalities, injuries, conditions, speakers, evidence, confidence };
}
