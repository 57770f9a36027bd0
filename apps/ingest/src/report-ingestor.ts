import { Injectable, Logger } from '@nestjs/common';
import { decodeWireReport, type CodedEvent, type KafkaCoordinates, type ReportCoded, type WireReport } from '@app/contracts';
import { canonicalJson } from './canonical-json';
import { ReportRepository, type StoreOutcome } from './report-repository';

/** Port: the coder (libs/coding), bound in the module; tests may bind a fixed one. */
export abstract class ReportCoder {
  abstract readonly version: string;
  abstract isCodable(report: WireReport): boolean;
  abstract code(report: WireReport): CodedEvent[] | Promise<CodedEvent[]>;
}

export interface IncomingMessage {
  key: Buffer | string | null;
  value: Buffer | null;
  coordinates: KafkaCoordinates;
}

export type IngestResult =
  | { outcome: 'stored' | 'duplicate'; reportId: string; codedEvents: number }
  | { outcome: 'rejected'; code: string; message: string; reportId?: string };

interface Accepted {
  index: number;
  report: WireReport;
  coordinates: KafkaCoordinates;
}

/**
 * The ingest use case over a batch of messages: decode and validate each, code the reports, store them all in
 * one transaction, once per reportId. Answers per message, in input order; never loses one.
 */
@Injectable()
export class ReportIngestor {
  private readonly logger = new Logger(ReportIngestor.name);

  constructor(
    private readonly reports: ReportRepository,
    private readonly coder: ReportCoder,
  ) {}

  async ingest(message: IncomingMessage): Promise<IngestResult> {
    const [result] = await this.ingestBatch([message]);
    return result;
  }

  async ingestBatch(messages: readonly IncomingMessage[]): Promise<IngestResult[]> {
    const results: IngestResult[] = new Array(messages.length);
    const firsts = new Map<string, Accepted>();
    const repeats: Accepted[] = [];
    messages.forEach((message, index) => {
      const decoded = decodeWireReport(message.value);
      if (!decoded.ok) {
        results[index] = { outcome: 'rejected', code: decoded.rejection.code, message: decoded.rejection.message };
        return;
      }
      const accepted = { index, report: decoded.report, coordinates: message.coordinates };
      if (firsts.has(decoded.report.reportId)) repeats.push(accepted);
      else firsts.set(decoded.report.reportId, accepted);
    });

    const unique = [...firsts.values()];
    const codings = await Promise.all(unique.map((accepted) => this.codeSafely(accepted.report)));
    const outcomes = await this.reports.storeMany(
      unique.map((accepted, position) => ({ report: accepted.report, coding: codings[position], receivedFrom: accepted.coordinates })),
    );
    unique.forEach((accepted, position) => {
      results[accepted.index] = toResult(accepted.report, outcomes[position], codings[position].events.length);
    });
    // A report repeated within the batch is judged against its first occurrence there (canonical forms are made
    // only for these: most batches have no repeat).
    for (const repeat of repeats) {
      const first = firsts.get(repeat.report.reportId)!;
      const firstResult = results[first.index];
      results[repeat.index] =
        canonicalJson(repeat.report) !== canonicalJson(first.report)
          ? conflict(repeat.report.reportId, 'earlier in the same batch')
          : firstResult.outcome === 'rejected'
            ? { ...firstResult }
            : { outcome: 'duplicate', reportId: repeat.report.reportId, codedEvents: firstResult.codedEvents };
    }
    return results;
  }

  /** A coder fault must not lose the report: it is stored uncoded and can be re-coded later. */
  private async codeSafely(report: WireReport): Promise<ReportCoded['data']> {
    const base = { reportId: report.reportId, coderVersion: this.coder.version, ...(report.supersedes ? { supersedes: report.supersedes } : {}) };
    if (!this.coder.isCodable(report)) return { ...base, events: [], skipped: 'unsupported_language' };
    try {
      return { ...base, events: await this.coder.code(report) };
    } catch (error) {
      this.logger.error({ msg: 'coder failed; report stored uncoded', reportId: report.reportId, error: String(error) });
      return { ...base, events: [], skipped: 'coder_error' };
    }
  }
}

function toResult(report: WireReport, stored: StoreOutcome, codedEvents: number): IngestResult {
  if (stored.outcome === 'conflicting_duplicate') return conflict(report.reportId, `at ${stored.storedAt}`);
  return { outcome: stored.outcome, reportId: report.reportId, codedEvents };
}

const conflict = (reportId: string, when: string): IngestResult => ({
  outcome: 'rejected',
  code: 'conflicting_duplicate',
  reportId,
  message: `reportId ${reportId} was stored ${when} with different content`,
});
