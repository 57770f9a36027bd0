import type { CodedEvent, ReportCoded } from '@app/contracts';
import { instantMs, type Instant } from './calendar';
import { compareText, type Contribution } from './contributions';

/**
 * The store recorded a coding of a report at `recordedAt` (the newest coding of a report is the one that
 * counts). A coding `skipped` for `coder_error` says nothing about the report: it replaces no earlier coding.
 */
export interface ReportCodingRecorded {
  type: 'ReportCodingRecorded';
  data: {
    reportId: string;
    recordedAt: Instant;
    coderVersion: string;
    supersedes?: string;
    events: CodedEvent[];
    skipped?: NonNullable<ReportCoded['data']['skipped']>;
  };
}

/** Routed to the superseded report: from `recordedAt` on, its contributions are withdrawn. */
export interface ReportSupersessionRecorded {
  type: 'ReportSupersessionRecorded';
  data: { reportId: string; supersededBy: string; recordedAt: Instant };
}

export type ReportFact = ReportCodingRecorded | ReportSupersessionRecorded;

export interface RecordedCoding {
  recordedAt: Instant;
  coderVersion: string;
  events: CodedEvent[];
}

/** What the store knows about one report: its codings in record order and when it was superseded. */
export interface ReportState {
  reportId: string;
  codings: RecordedCoding[];
  supersededAt: Instant | null;
  supersededBy: string | null;
}

export const initialReportState = (reportId: string): ReportState => ({
  reportId,
  codings: [],
  supersededAt: null,
  supersededBy: null,
});

/** The fact for a stored `ReportCoded` event, with the time the store recorded it. */
export function reportCodingRecorded(coded: ReportCoded, recordedAt: Instant): ReportCodingRecorded {
  const { reportId, coderVersion, events, supersedes, skipped } = coded.data;
  return {
    type: 'ReportCodingRecorded',
    data: { reportId, recordedAt, coderVersion, events, ...(supersedes === undefined ? {} : { supersedes }), ...(skipped === undefined ? {} : { skipped }) },
  };
}

/** The facts one coding produces, each for the report whose state it changes (route by `data.reportId`). */
export function factsOfCoding(coding: ReportCodingRecorded): ReportFact[] {
  const { reportId, supersedes, recordedAt } = coding.data;
  if (supersedes === undefined || supersedes === reportId) return [coding];
  return [coding, { type: 'ReportSupersessionRecorded', data: { reportId: supersedes, supersededBy: reportId, recordedAt } }];
}

/** Pure and idempotent: the same fact twice, or facts in another order, give the same state. */
export function evolveReport(state: ReportState, fact: ReportFact): ReportState {
  switch (fact.type) {
    case 'ReportCodingRecorded':
      return withCoding(state, fact.data);
    case 'ReportSupersessionRecorded':
      return withSupersession(state, fact.data);
    default: {
      const unknown: never = fact;
      throw new Error(`unknown report fact ${JSON.stringify(unknown)}`);
    }
  }
}

// Record time, then coder version; two different codings stored at the same instant by the same coder
// (should not happen) are ordered by content, so that the outcome never depends on arrival order.
function compareCodings(a: RecordedCoding, b: RecordedCoding): number {
  return (
    instantMs(a.recordedAt) - instantMs(b.recordedAt) ||
    compareText(a.coderVersion, b.coderVersion) ||
    compareText(JSON.stringify(a.events), JSON.stringify(b.events))
  );
}

function withCoding(state: ReportState, data: ReportCodingRecorded['data']): ReportState {
  if (data.skipped === 'coder_error') return state;
  const coding: RecordedCoding = { recordedAt: data.recordedAt, coderVersion: data.coderVersion, events: data.events };
  if (state.codings.some((known) => compareCodings(known, coding) === 0)) return state;
  return { ...state, codings: [...state.codings, coding].sort(compareCodings) };
}

function withSupersession(state: ReportState, data: ReportSupersessionRecorded['data']): ReportState {
  if (state.supersededAt !== null && state.supersededBy !== null) {
    const order = instantMs(data.recordedAt) - instantMs(state.supersededAt) || compareText(data.supersededBy, state.supersededBy);
    if (order >= 0) return state;
  }
  return { ...state, supersededAt: data.recordedAt, supersededBy: data.supersededBy };
}

/** The report's contribution rows; codings withdrawn before they were recorded leave no row. */
export function contributionsOfReport(state: ReportState): Contribution[] {
  const rows: Contribution[] = [];
  state.codings.forEach((coding, index) => {
    const next = state.codings[index + 1]?.recordedAt ?? null;
    const withdrawnAt = earliest(next, state.supersededAt);
    if (withdrawnAt !== null && instantMs(withdrawnAt) <= instantMs(coding.recordedAt)) return;
    for (const event of coding.events) {
      rows.push({ reportId: state.reportId, coderVersion: coding.coderVersion, recordedAt: coding.recordedAt, withdrawnAt, event });
    }
  });
  return rows;
}

function earliest(a: Instant | null, b: Instant | null): Instant | null {
  if (a === null) return b;
  if (b === null) return a;
  return instantMs(a) <= instantMs(b) ? a : b;
}

/**
 * What a projector does with one stored coding: the new state of every report it touches (the coded report,
 * and the report it supersedes). Replace those reports' contribution rows with `contributionsOfReport`.
 */
export function applyCoding(coding: ReportCodingRecorded, stateOf: (reportId: string) => ReportState | undefined): ReportState[] {
  return factsOfCoding(coding).map((fact) => evolveReport(stateOf(fact.data.reportId) ?? initialReportState(fact.data.reportId), fact));
}

/** Folds codings (any order) into per-report states. */
export function buildReportStates(codings: Iterable<ReportCodingRecorded>): Map<string, ReportState> {
  const states = new Map<string, ReportState>();
  for (const coding of codings) {
    for (const fact of factsOfCoding(coding)) {
      const reportId = fact.data.reportId;
      states.set(reportId, evolveReport(states.get(reportId) ?? initialReportState(reportId), fact));
    }
  }
  return states;
}

/** Every contribution row of a set of codings: the rows a projector would hold after applying them. */
export function contributionsOfCodings(codings: Iterable<ReportCodingRecorded>): Contribution[] {
  return [...buildReportStates(codings).values()].flatMap(contributionsOfReport);
}
