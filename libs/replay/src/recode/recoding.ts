import { createHash } from 'node:crypto';
import type { CodedEvent, ReportCoded, WireReport } from '@app/contracts';
import { stableJson } from './stable-json';

/** The coder as re-coding needs it (libs/coding binds it; tests pass a fixed one). */
export interface RecodingCoder {
  readonly version: string;
  isCodable(report: WireReport): boolean;
  code(report: WireReport): CodedEvent[];
}

export interface LatestCoding {
  eventId: string;
  data: ReportCoded['data'];
}

export type RecodingDecision =
  | { kind: 'append'; coding: ReportCoded['data']; idempotencyKey: string }
  | { kind: 'unchanged' }
  | { kind: 'failed'; error: string };

const sameCoding = (a: ReportCoded['data'], b: ReportCoded['data']): boolean =>
  a.coderVersion === b.coderVersion && (a.skipped ?? null) === (b.skipped ?? null) && stableJson(a.events) === stableJson(b.events);

/**
 * Codes a stored report with the current coder and decides whether that is news: a new coding is appended
 * when the coder version or the events differ from the newest stored coding. The earlier codings stay.
 * The idempotency key names the transition (from which coding, to what), so a re-run appends nothing twice.
 */
export function decideRecoding(report: WireReport, latest: LatestCoding | null, coder: RecodingCoder): RecodingDecision {
  const base = { reportId: report.reportId, coderVersion: coder.version, ...(report.supersedes ? { supersedes: report.supersedes } : {}) };
  let coding: ReportCoded['data'];
  if (!coder.isCodable(report)) coding = { ...base, events: [], skipped: 'unsupported_language' };
  else {
    try {
      coding = { ...base, events: coder.code(report) };
    } catch (error) {
      // The stored coding stays current: a coder fault never replaces a coding with nothing.
      return { kind: 'failed', error: (error as Error).message ?? String(error) };
    }
  }
  if (latest && sameCoding(latest.data, coding)) return { kind: 'unchanged' };
  const digest = createHash('sha256').update(stableJson(coding)).digest('hex').slice(0, 24);
  return { kind: 'append', coding, idempotencyKey: `recode:${latest?.eventId ?? report.reportId}:${digest}` };
}
