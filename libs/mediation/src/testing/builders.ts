import type { ActorCode, Speaker } from '@app/contracts';
import { aCoding, contributionsOfCodings, incidentsKnownAt, type CodedEventOverrides, type Incident, type Instant, type IsoDate, type ReportCodingRecorded } from '@app/escalation';

// Spec helpers: a story is a list of reports, each recorded at an instant and coding a few events.

export const anOffer = (mediator: ActorCode, parties: ActorCode[], occurredOn: IsoDate, extra: CodedEventOverrides = {}): CodedEventOverrides => ({
  category: 'MEDIATION_OFFER',
  source: mediator,
  parties,
  occurredOn,
  ...extra,
});

export const aMediation = (mediator: ActorCode, parties: ActorCode[], occurredOn: IsoDate): CodedEventOverrides => ({ category: 'MEDIATION', source: mediator, parties, occurredOn });

export const anAcceptance = (party: ActorCode, named: ActorCode, occurredOn: IsoDate): CodedEventOverrides => ({ category: 'MEDIATION_ACCEPTED', source: party, target: named, occurredOn });

export const aRejection = (party: ActorCode, named: ActorCode, occurredOn: IsoDate): CodedEventOverrides => ({ category: 'MEDIATION_REJECTED', source: party, target: named, occurredOn });

export const aSpeaker = (name: string, role: string, actor: ActorCode): Speaker => ({ name, role, actor });

let reports = 0;

/** A report recorded at `recordedAt` coding `events`. */
export function aReport(recordedAt: Instant, events: CodedEventOverrides[], options: { reportId?: string; supersedes?: string } = {}): ReportCodingRecorded {
  return aCoding({ reportId: options.reportId ?? `report-${++reports}`, recordedAt, events, supersedes: options.supersedes });
}

/** The incidents of a story of reports, as known at `knownAt` (default: all). */
export function incidentsOfStory(story: ReportCodingRecorded[], knownAt?: Instant): Incident[] {
  return incidentsKnownAt(contributionsOfCodings(story), knownAt);
}
