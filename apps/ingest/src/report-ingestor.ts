import { Injectable, Logger } from '@nestjs/common';
import { decodeWireReport, type CodedEvent, type KafkaCoordinates, type ReportCoded, type WireReport } from '@app/contracts';
import { ReportRepository } from './report-repository';

/** Port: the coder (libs/coding), bound in the module; tests may bind a fixed one. */
export abstract class ReportCoder {
  abstract readonly version: string;
  abstract isCodable(report: WireReport): boolean;
  abstract code(report: WireReport): CodedEvent[];
}

export interface IncomingMessage {
  key: Buffer | string | null;
  value: Buffer | null;
  coordinates: KafkaCoordinates;
}

export type IngestResult =
  | { outcome: 'stored' | 'duplicate'; reportId: string; codedEvents: number }
  | { outcome: 'rejected'; code: string; message: string; reportId?: string };

/** The ingest use case: decode and validate a message, code the report, store both once. */
@Injectable()
export class ReportIngestor {
  private readonly logger = new Logger(ReportIngestor.name);

  constructor(
    private readonly reports: ReportRepository,
    private readonly coder: ReportCoder,
  ) {}

  async ingest(message: IncomingMessage): Promise<IngestResult> {
    const decoded = decodeWireReport(message.value);
    if (!decoded.ok) {
      return { outcome: 'rejected', code: decoded.rejection.code, message: decoded.rejection.message };
    }
    const report = decoded.report;
    const coding = this.codeSafely(report);
    const stored = await this.reports.store(report, coding, message.coordinates);
    if (stored.outcome === 'conflicting_duplicate') {
      return {
        outcome: 'rejected',
        code: 'conflicting_duplicate',
        reportId: report.reportId,
        message: `reportId ${report.reportId} was stored at ${stored.storedAt} with different content`,
      };
    }
    return { outcome: stored.outcome, reportId: report.reportId, codedEvents: coding.events.length };
  }

  /** A coder fault must not lose the report: it is stored uncoded and can be re-coded later. */
  private codeSafely(report: WireReport): ReportCoded['data'] {
    const base = { reportId: report.reportId, coderVersion: this.coder.version, supersedes: report.supersedes };
    if (!this.coder.isCodable(report)) return { ...base, events: [], skipped: 'unsupported_language' };
    try {
      return { ...base, events: this.coder.code(report) };
    } catch (error) {
      this.logger.error({ msg: 'coder failed; report stored uncoded', reportId: report.reportId, error: String(error) });
      return { ...base, events: [], skipped: 'coder_error' };
    }
  }
}
