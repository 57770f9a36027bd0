import { MULTILATERAL_CATEGORIES, type ActorCode, type CasualtyClaim, type Category, type CodedEvent } from '@app/contracts';
import type { Instant, IsoDate } from '../calendar';
import type { LadderIncident } from '../levels';
import type { ReportCodingRecorded } from '../report-ledger';

// Test-data builders: defaults describe an unremarkable event, each spec states only what matters to it.

const GOLDSTEIN: Record<Category, number> = {
  STRIKE: -10,
  THREAT: -7,
  DIPLOMATIC_SANCTION: -4,
  ACCUSATION: -2,
  CONDEMNATION: -2,
  APPEAL_FOR_RESTRAINT: -0.3,
  MEDIATION_OFFER: 5,
  MEDIATION_ACCEPTED: 7,
  MEDIATION_REJECTED: -5,
  MEDIATION: 5,
  TALKS: 4,
  CEASEFIRE: 9,
};

export interface CodedEventOverrides extends Partial<Omit<CodedEvent, 'source' | 'target'>> {
  source?: ActorCode;
  target?: ActorCode;
}

let sequence = 0;

/** A coded event; `source`/`target` are given as codes. Multilateral categories get `parties`. */
export function aCodedEvent(overrides: CodedEventOverrides = {}): CodedEvent {
  const category = overrides.category ?? 'STRIKE';
  const source = overrides.source ?? 'IRN';
  const multilateral = MULTILATERAL_CATEGORIES.has(category);
  const { source: _source, target: _target, ...rest } = overrides;
  return {
    eventId: `evt-${++sequence}`,
    reportId: 'rep-1',
    category,
    cameo: '190',
    goldstein: GOLDSTEIN[category],
    source: { actor: source, text: source },
    ...(multilateral ? { parties: overrides.parties ?? ['IRN', 'PAK'] } : { target: { actor: overrides.target ?? 'PAK', text: overrides.target ?? 'PAK' } }),
    occurredOn: '2024-01-16',
    fatalities: [],
    injuries: [],
    conditions: [],
    speakers: [],
    evidence: { sentence: 1, text: `${category} ${source}` },
    confidence: 0.9,
    ...rest,
  };
}

/** A claim: `aClaim(7, 'IRN', 'at_least')`. */
export function aClaim(count: number | null, claimedBy: ActorCode | null = null, qualifier: CasualtyClaim['qualifier'] = 'exact'): CasualtyClaim {
  return { count, qualifier, claimedBy };
}

export interface CodingOverrides {
  reportId?: string;
  recordedAt?: Instant;
  coderVersion?: string;
  supersedes?: string;
  events?: CodedEventOverrides[];
}

/** A recorded coding; its events take the coding's reportId. */
export function aCoding(overrides: CodingOverrides = {}): ReportCodingRecorded {
  const reportId = overrides.reportId ?? 'rep-1';
  return {
    type: 'ReportCodingRecorded',
    data: {
      reportId,
      recordedAt: overrides.recordedAt ?? '2024-01-18T10:00:00Z',
      coderVersion: overrides.coderVersion ?? 'coder-1',
      ...(overrides.supersedes === undefined ? {} : { supersedes: overrides.supersedes }),
      events: (overrides.events ?? [{}]).map((event, index) =>
        aCodedEvent({ eventId: `${reportId}#${index}`, ...event, reportId }),
      ),
    },
  };
}

/** A ladder row: `aLadderIncident('STRIKE', 'IRN', 'PAK', '2024-01-16', 2)`. */
export function aLadderIncident(
  category: Category,
  source: ActorCode,
  target: ActorCode | null,
  occurredOn: IsoDate,
  fatalities: number | CasualtyClaim[] = [],
): LadderIncident {
  return {
    category,
    source,
    target,
    occurredOn,
    goldstein: GOLDSTEIN[category],
    fatalities: typeof fatalities === 'number' ? [aClaim(fatalities)] : fatalities,
  };
}

export const aStrike = (source: ActorCode, target: ActorCode, occurredOn: IsoDate, fatalities: number | CasualtyClaim[] = []): LadderIncident =>
  aLadderIncident('STRIKE', source, target, occurredOn, fatalities);

export const aCeasefire = (occurredOn: IsoDate, parties: [ActorCode, ActorCode] = ['IRN', 'PAK']): LadderIncident =>
  aLadderIncident('CEASEFIRE', parties[0], null, occurredOn);
