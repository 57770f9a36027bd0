import type { ReportCoded } from '@app/contracts';
import {
  contributionsOfReport,
  evolveReport,
  factsOfCoding,
  initialReportState,
  reportCodingRecorded,
  type AlertTrigger,
  type Instant,
  type ReportCodingRecorded,
  type ReportState,
} from '@app/escalation';
import { sameContribution, toContributionRow, type ContributionRow } from './rows';

/** A stored `ReportCoded` with the time the store recorded it: the one input of the read models. */
export interface RecordedCoding {
  coded: ReportCoded['data'];
  recordedAt: Instant;
}

/** What one coding changes: report states, contribution rows, and the dyads and offer actors to re-evaluate. */
export interface CodingDiff {
  coding: ReportCodingRecorded;
  states: ReportState[];
  upserts: ContributionRow[];
  deletes: string[];
  /** Per dyad, the changed rows that may have caused a level change: the coding's own first. */
  touchedDyads: Map<string, ContributionRow[]>;
  /** Changed rows that shape offers (old and new versions). */
  touchedMediation: ContributionRow[];
}

export const toReportCoding = ({ coded, recordedAt }: RecordedCoding): ReportCodingRecorded =>
  reportCodingRecorded({ type: 'ReportCoded', data: coded }, recordedAt);

/** The report ids whose state a coding reads: its own and the one it supersedes. */
export function reportIdsOf(coding: RecordedCoding): string[] {
  const { reportId, supersedes } = coding.coded;
  return supersedes && supersedes !== reportId ? [reportId, supersedes] : [reportId];
}

/**
 * Pure: applies the facts of one coding to the report states (via the escalation ledger) and compares the
 * contribution rows before and after. The same coding twice gives an empty diff.
 */
export function diffCoding(reportOf: (reportId: string) => ReportState | undefined, recorded: RecordedCoding): CodingDiff {
  const coding = toReportCoding(recorded);
  const diff: CodingDiff = { coding, states: [], upserts: [], deletes: [], touchedDyads: new Map(), touchedMediation: [] };
  const changed: ContributionRow[] = [];
  for (const fact of factsOfCoding(coding)) {
    const before = reportOf(fact.data.reportId) ?? initialReportState(fact.data.reportId);
    const after = evolveReport(before, fact);
    if (after === before) continue;
    diff.states.push(after);
    const oldRows = new Map(contributionsOfReport(before).map(toContributionRow).map((row) => [row.id, row]));
    const newRows = new Map(contributionsOfReport(after).map(toContributionRow).map((row) => [row.id, row]));
    for (const [id, row] of oldRows) {
      if (newRows.has(id)) continue;
      diff.deletes.push(id);
      changed.push(row);
    }
    for (const [id, row] of newRows) {
      const old = oldRows.get(id);
      if (old && sameContribution(old, row)) continue;
      diff.upserts.push(row);
      changed.push(row);
    }
  }
  // The coding's own rows come first, so that they are the trigger of the alerts they cause.
  const own = (row: ContributionRow) => row.contribution.reportId === coding.data.reportId && row.contribution.recordedAt === coding.data.recordedAt;
  for (const row of [...changed.filter(own), ...changed.filter((row) => !own(row))]) {
    for (const dyad of row.dyads) {
      const rows = diff.touchedDyads.get(dyad);
      if (rows) rows.push(row);
      else diff.touchedDyads.set(dyad, [row]);
    }
    if (row.mediation) diff.touchedMediation.push(row);
  }
  return diff;
}

/** The row an alert names as its trigger: the most hostile one for a rise, the most conciliatory for a fall. */
export function triggerOf(candidates: readonly ContributionRow[], rising: boolean, reportId: string): AlertTrigger {
  const own = candidates.filter((row) => row.contribution.reportId === reportId);
  const pool = own.length > 0 ? own : candidates;
  const pick = pool.reduce((best, row) => {
    const better = rising ? row.contribution.event.goldstein < best.contribution.event.goldstein : row.contribution.event.goldstein > best.contribution.event.goldstein;
    return better ? row : best;
  });
  return { eventId: pick.contribution.event.eventId, reportId, category: pick.contribution.event.category };
}
