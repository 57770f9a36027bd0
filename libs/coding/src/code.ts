import type { CodedEvent, WireReport } from '@app/contracts';
import { analyseReport } from './analyse';
import { isCodable } from './codable';
import { deterministicId } from './events/event-id';
import { incidentKey, mergeIncidents } from './events/merge';
import { resolveReport } from './events/resolve-report';

/** Codes one wire report into incidents (SPEC §3). Pure and deterministic; non-English reports give []. */
export function code(report: WireReport): CodedEvent[] {
  if (!isCodable(report)) return [];
  const drafts = mergeIncidents(resolveReport(analyseReport(report)));
  return drafts.map((draft) => {
    const { category, cameo, goldstein, source, target, parties, occurredOn, ...rest } = draft;
    const eventId = deterministicId(`${report.reportId}|${incidentKey(draft, occurredOn)}`);
    const placed = parties ? { parties } : { target };
    return { eventId, reportId: report.reportId, category, cameo, goldstein, source, ...placed, occurredOn, ...rest } as CodedEvent;
  });
}
