import {
  MULTILATERAL_CATEGORIES,
  type ActorCode,
  type CasualtyClaim,
  type Category,
  type CodedEvent,
  type Evidence,
  type Speaker,
} from '@app/contracts';
import type { Instant, IsoDate } from './calendar';
import { mergeClaims } from './claims';
import { compareText, countedAtMs, type Contribution } from './contributions';
import { instantMs } from './calendar';

/** What one report says about an incident (SPEC §4 `sources`, with the detail offers need). */
export interface IncidentReport {
  reportId: string;
  eventId: string;
  recordedAt: Instant;
  coderVersion: string;
  goldstein: number;
  evidence: Evidence;
  speakers: Speaker[];
  conditions: string[];
  fatalities: CasualtyClaim[];
  injuries: CasualtyClaim[];
}

/** Coded events of different reports sharing (category, source, target-or-parties, occurredOn). */
export interface Incident {
  incidentId: string;
  category: Category;
  source: ActorCode;
  target: ActorCode | null;
  parties: ActorCode[] | null;
  occurredOn: IsoDate;
  /** Mean of the reports' Goldstein values (they differ only where the CAMEO code gives a range). */
  goldstein: number;
  sources: string[];
  corroboration: number;
  fatalities: CasualtyClaim[];
  injuries: CasualtyClaim[];
  conditions: string[];
  speakers: Speaker[];
  firstRecordedAt: Instant;
  /** In record order. */
  reports: IncidentReport[];
}

/** Parties sorted and without repeats, or null for directed categories. */
export function partiesOf(event: CodedEvent): ActorCode[] | null {
  if (!MULTILATERAL_CATEGORIES.has(event.category)) return null;
  return [...new Set(event.parties ?? [])].sort();
}

/** The incident an event belongs to: `CATEGORY|SOURCE|TARGET-or-PARTIES|occurredOn`. */
export function incidentKeyOf(event: CodedEvent): string {
  const parties = partiesOf(event);
  const other = parties ? parties.join(',') : (event.target?.actor ?? '');
  return `${event.category}|${event.source.actor}|${other}|${event.occurredOn}`;
}

/** The incidents as the store counted them at `knownAt` (default: now), sorted by date then id. */
export function incidentsKnownAt(contributions: readonly Contribution[], knownAt?: Instant): Incident[] {
  const knownAtMs = knownAt === undefined ? null : instantMs(knownAt);
  const groups = new Map<string, RecordedContribution[]>();
  for (const contribution of contributions) {
    if (!countedAtMs(contribution, knownAtMs)) continue;
    const key = incidentKeyOf(contribution.event);
    const recorded = { contribution, recordedAtMs: instantMs(contribution.recordedAt) };
    const group = groups.get(key);
    if (group) group.push(recorded);
    else groups.set(key, [recorded]);
  }
  return [...groups.entries()].map(([key, group]) => mergeIncident(key, group)).sort(compareIncidents);
}

/** The order of `incidentsKnownAt`: by date, then id. */
export const compareIncidents = (a: Incident, b: Incident): number => compareText(a.occurredOn, b.occurredOn) || compareText(a.incidentId, b.incidentId);

interface RecordedContribution {
  contribution: Contribution;
  recordedAtMs: number;
}

/** Record time, then report, then sentence, then event id: a total order, so merging ignores arrival order. */
function compareRecorded(a: RecordedContribution, b: RecordedContribution): number {
  const [x, y] = [a.contribution, b.contribution];
  return (
    a.recordedAtMs - b.recordedAtMs ||
    compareText(x.reportId, y.reportId) ||
    x.event.evidence.sentence - y.event.evidence.sentence ||
    compareText(x.event.eventId, y.event.eventId)
  );
}

function mergeIncident(incidentId: string, group: RecordedContribution[]): Incident {
  const ordered = group.sort(compareRecorded).map((recorded) => recorded.contribution);
  const first = ordered[0].event;
  const reports = ordered.map(toIncidentReport);
  const sources = [...new Set(reports.map((report) => report.reportId))].sort();
  return {
    incidentId,
    category: first.category,
    source: first.source.actor,
    target: partiesOf(first) ? null : (first.target?.actor ?? null),
    parties: partiesOf(first),
    occurredOn: first.occurredOn,
    goldstein: reports.reduce((sum, report) => sum + report.goldstein, 0) / reports.length,
    sources,
    corroboration: sources.length,
    fatalities: mergeClaims(reports.flatMap((report) => report.fatalities)),
    injuries: mergeClaims(reports.flatMap((report) => report.injuries)),
    conditions: unique(reports.flatMap((report) => report.conditions), (condition) => condition),
    speakers: unique(reports.flatMap((report) => report.speakers), speakerKey),
    firstRecordedAt: ordered[0].recordedAt,
    reports,
  };
}

function toIncidentReport(contribution: Contribution): IncidentReport {
  const { event } = contribution;
  return {
    reportId: contribution.reportId,
    eventId: event.eventId,
    recordedAt: contribution.recordedAt,
    coderVersion: contribution.coderVersion,
    goldstein: event.goldstein,
    evidence: event.evidence,
    speakers: event.speakers,
    conditions: event.conditions,
    fatalities: event.fatalities,
    injuries: event.injuries,
  };
}

export function speakerKey(speaker: Speaker): string {
  return JSON.stringify([speaker.name, speaker.role, speaker.actor]);
}

function unique<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(keyOf(item))) seen.set(keyOf(item), item);
  return [...seen.values()];
}
